/**
 * The emulator's accounts service: `POST /api/token` (client credentials, authorization code with
 * PKCE or a client secret, refresh) and `GET /authorize`, with the real error bodies of
 * `spotify-web-api.md` §1. Sign-in is approved at once for the sample user (no page to click).
 *
 * @module
 */
import { apiError, json, oauthError } from "./http.ts";

/** What a bearer token stands for. */
export interface Grant {
  /** Expiry, ms since the epoch. */
  expiresAt: number;
  /** The signed-in user, for user tokens. */
  userId?: string;
  /** Granted scopes, for user tokens. */
  scopes: Set<string>;
}

/** Options of the accounts service. */
export interface AuthOptions {
  clientId: string;
  clientSecret: string;
  /** Access-token lifetime in seconds. */
  tokenLifetime: number;
  /** Refresh-token lifetime in seconds, from the user's authorization (6 months since 2026). */
  refreshLifetime: number;
  /** Whether a refresh returns a new refresh token and revokes the old one (pre-2026 behaviour). */
  rotateRefreshTokens: boolean;
  /** The user every sign-in is approved for. */
  userId: string;
  /** Extra accepted redirect URIs (any `http://127.0.0.1:PORT/...` is accepted). */
  redirectUris: string[];
  now: () => number;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string | undefined;
  scopes: Set<string>;
  expiresAt: number;
}

interface RefreshGrant {
  clientId: string;
  userId: string;
  scopes: Set<string>;
  /** When the user authorized; refreshing does not extend the refresh token's life. */
  authorizedAt: number;
}

/** The accounts service's state and handlers. */
export class Accounts {
  readonly #options: AuthOptions;
  readonly #tokens = new Map<string, Grant>();
  readonly #codes = new Map<string, PendingCode>();
  readonly #refresh = new Map<string, RefreshGrant>();
  readonly #revoked = new Set<string>();

  /** @param options Credentials, lifetimes, the sample user, the clock. */
  constructor(options: AuthOptions) {
    this.#options = options;
  }

  /**
   * Check a request's bearer token.
   *
   * @returns The grant, or the real error response.
   */
  authenticate(request: Request): Grant | Response {
    const auth = request.headers.get("authorization");
    if (!auth) return apiError(401, "No token provided");
    if (!auth.startsWith("Bearer ")) {
      return apiError(400, "Only valid bearer authentication supported");
    }
    const grant = this.#tokens.get(auth.slice(7));
    if (!grant) return apiError(401, "Invalid access token");
    if (this.#options.now() >= grant.expiresAt) return apiError(401, "The access token expired");
    return grant;
  }

  /** Revoke every refresh token (as a user removing the app's access would). */
  revokeAll(): void {
    for (const token of this.#refresh.keys()) this.#revoked.add(token);
  }

  /** `GET /authorize`: approve at once and redirect with a one-time code, or show the error page. */
  authorize(url: URL): Response {
    const q = url.searchParams;
    const page = (text: string) =>
      new Response(`<!DOCTYPE html><html><body><p>${text}</p></body></html>`, {
        status: 400,
        headers: { "content-type": "text/html; charset=utf-8" },
      });
    if (q.get("client_id") !== this.#options.clientId) {
      return page("INVALID_CLIENT: Invalid client");
    }
    const redirectUri = q.get("redirect_uri") ?? "";
    if (!this.#redirectAllowed(redirectUri)) return page("INVALID_CLIENT: Invalid redirect URI");
    const back = new URL(redirectUri);
    const state = q.get("state");
    if (state !== null) back.searchParams.set("state", state);
    if (q.get("response_type") !== "code") {
      back.searchParams.set("error", "unsupported_response_type");
      return Response.redirect(back.href, 302);
    }
    const challenge = q.get("code_challenge") ?? undefined;
    if (challenge !== undefined && q.get("code_challenge_method") !== "S256") {
      back.searchParams.set("error", "invalid_request");
      return Response.redirect(back.href, 302);
    }
    const code = `AQ${crypto.randomUUID().replaceAll("-", "")}`;
    this.#codes.set(code, {
      clientId: this.#options.clientId,
      redirectUri,
      challenge,
      scopes: new Set((q.get("scope") ?? "").split(/\s+/).filter(Boolean)),
      expiresAt: this.#options.now() + 10 * 60_000,
    });
    back.searchParams.set("code", code);
    return Response.redirect(back.href, 302);
  }

  /** `POST /api/token`. */
  async token(request: Request): Promise<Response> {
    const type = request.headers.get("content-type") ?? "";
    const text = await request.text();
    const form = type.includes("application/x-www-form-urlencoded")
      ? new URLSearchParams(text)
      : new URLSearchParams();
    const grant = form.get("grant_type");
    if (!grant) return oauthError("unsupported_grant_type", "grant_type parameter is missing");
    let clientId = form.get("client_id");
    let secret = form.get("client_secret");
    const basic = request.headers.get("authorization");
    if (basic?.startsWith("Basic ")) {
      const decoded = decodeBasic(basic.slice(6));
      if (decoded === undefined) return oauthError("invalid_client", "Invalid client");
      [clientId, secret] = decoded;
    }
    if (clientId !== this.#options.clientId) return oauthError("invalid_client", "Invalid client");
    // A secret, when sent, must be right; PKCE and refresh for PKCE clients send none.
    if (secret !== null && secret !== this.#options.clientSecret) {
      return oauthError("invalid_client", "Invalid client secret");
    }
    switch (grant) {
      case "client_credentials":
        if (secret === null) return oauthError("invalid_client", "Invalid client secret");
        return json(this.#issue({ scopes: new Set() }));
      case "authorization_code":
        return await this.#exchange(form, secret !== null);
      case "refresh_token":
        return this.#refreshGrant(form);
      default:
        return oauthError("unsupported_grant_type", `grant_type ${grant} is not supported`);
    }
  }

  async #exchange(form: URLSearchParams, confidential: boolean): Promise<Response> {
    const code = form.get("code") ?? "";
    const pending = this.#codes.get(code);
    this.#codes.delete(code); // one-time, even when the exchange fails
    if (!pending || this.#options.now() > pending.expiresAt) {
      return oauthError("invalid_grant", "Invalid authorization code");
    }
    if (form.get("redirect_uri") !== pending.redirectUri) {
      return oauthError("invalid_grant", "Invalid redirect URI");
    }
    if (pending.challenge !== undefined) {
      const verifier = form.get("code_verifier") ?? "";
      if (await challengeOf(verifier) !== pending.challenge) {
        return oauthError("invalid_grant", "code_verifier was incorrect");
      }
    } else if (!confidential) {
      return oauthError("invalid_grant", "code_verifier was incorrect");
    }
    const refreshToken = this.#newRefresh({
      clientId: pending.clientId,
      userId: this.#options.userId,
      scopes: pending.scopes,
      authorizedAt: this.#options.now(),
    });
    return json({
      ...this.#issue({ userId: this.#options.userId, scopes: pending.scopes }),
      scope: [...pending.scopes].join(" "),
      refresh_token: refreshToken,
    });
  }

  #refreshGrant(form: URLSearchParams): Response {
    const token = form.get("refresh_token") ?? "";
    if (this.#revoked.has(token)) return oauthError("invalid_grant", "Refresh token revoked");
    const grant = this.#refresh.get(token);
    if (!grant) return oauthError("invalid_grant", "Invalid refresh token");
    if (this.#options.now() >= grant.authorizedAt + this.#options.refreshLifetime * 1000) {
      this.#revoked.add(token);
      return oauthError("invalid_grant", "Refresh token revoked");
    }
    const body: Record<string, unknown> = {
      ...this.#issue({ userId: grant.userId, scopes: grant.scopes }),
      scope: [...grant.scopes].join(" "),
    };
    if (this.#options.rotateRefreshTokens) {
      this.#refresh.delete(token);
      this.#revoked.add(token);
      body.refresh_token = this.#newRefresh(grant);
    }
    return json(body);
  }

  #issue(grant: Omit<Grant, "expiresAt">): Record<string, unknown> {
    const accessToken = `BQ${crypto.randomUUID().replaceAll("-", "")}emu`;
    const lifetime = this.#options.tokenLifetime;
    this.#tokens.set(accessToken, { ...grant, expiresAt: this.#options.now() + lifetime * 1000 });
    return { access_token: accessToken, token_type: "Bearer", expires_in: lifetime };
  }

  #newRefresh(grant: RefreshGrant): string {
    const token = `AQR${crypto.randomUUID().replaceAll("-", "")}emu`;
    this.#refresh.set(token, grant);
    return token;
  }

  #redirectAllowed(uri: string): boolean {
    if (this.#options.redirectUris.includes(uri)) return true;
    try {
      const url = new URL(uri);
      return url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "[::1]");
    } catch {
      return false;
    }
  }
}

/** base64url(SHA-256(verifier)) without padding, as PKCE's S256 method defines. */
export async function challengeOf(verifier: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)),
  );
  let binary = "";
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function decodeBasic(encoded: string): [string, string] | undefined {
  try {
    const text = new TextDecoder().decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));
    const colon = text.indexOf(":");
    return colon < 0 ? undefined : [text.slice(0, colon), text.slice(colon + 1)];
  } catch {
    return undefined;
  }
}
