/**
 * Signing in as a Spotify user: Authorization Code with PKCE (S256, no client secret), a one-shot
 * callback server on 127.0.0.1 (Spotify rejects `localhost`), tokens kept in a git-ignored file
 * created with mode 0600, and a token provider that refreshes them before they expire. A refresh
 * answer without a refresh token keeps the old one (Spotify's 2026 behaviour); `invalid_grant`
 * (revoked, or past the six-month limit) says to run `deno task login` again.
 *
 * @module
 */
import { encodeBase64Url } from "./_encoding.ts";
import { writeAtomic } from "./files.ts";
import { AuthError } from "./errors.ts";
import { checkBaseUrl, DEFAULT_ACCOUNTS_URL } from "./config.ts";
import { rememberSecret } from "./secret.ts";
import {
  AccessToken,
  requestToken,
  type TokenProvider,
  type TokenRequest,
  type TokenResult,
} from "./token_provider.ts";

/** The scopes the notebooks need (`spotify-web-api.md` §1.4). */
export const DEFAULT_SCOPES: readonly string[] = [
  "user-top-read", // top artists and tracks
  "user-read-recently-played", // recently played
  "user-library-read", // saved tracks and albums
  "playlist-read-private", // the user's playlists and their items
  "playlist-read-collaborative",
  "user-follow-read", // followed artists
];

/** What to say when user data is asked for and nobody has signed in. */
export const NOT_SIGNED_IN =
  `Not signed in: run "deno task login" in a terminal to sign in with your Spotify account, then try again`;

/** A PKCE verifier and its S256 challenge. */
export interface Pkce {
  verifier: string;
  challenge: string;
}

/**
 * A fresh PKCE pair: 64 random characters from the allowed set, and base64url(SHA-256) of them
 * without padding.
 *
 * @returns The verifier and the challenge.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createPkce } from "./user_auth.ts";
 * const { verifier, challenge } = await createPkce();
 * assert.ok(verifier.length === 64 && !challenge.includes("="));
 * ```
 */
export async function createPkce(): Promise<Pkce> {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
  const random = crypto.getRandomValues(new Uint8Array(64));
  const verifier = Array.from(random, (b) => alphabet[b % alphabet.length]).join("");
  rememberSecret(verifier);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return { verifier, challenge: encodeBase64Url(new Uint8Array(digest)) };
}

/** What is stored between sessions. */
interface TokenFile {
  access_token: string;
  token_type: string;
  scope: string | null;
  expires_at: number;
  /** When to refresh: 60 s before expiry (half the lifetime for short-lived tokens). */
  renew_at: number;
  refresh_token: string | null;
}

/** Where the user's tokens are kept, if anywhere (`undefined`: this process only). */
export type TokenStore = string | undefined;

async function load(path: string): Promise<TokenFile | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch {
    return undefined;
  }
  try {
    const file = JSON.parse(text) as TokenFile;
    if (typeof file.access_token !== "string" || typeof file.expires_at !== "number") {
      throw new Error("not a token file");
    }
    rememberSecret(file.access_token);
    if (typeof file.refresh_token === "string") rememberSecret(file.refresh_token);
    return file;
  } catch {
    throw new AuthError(
      `Cannot read the sign-in file "${path}": it is damaged; run "deno task login" to sign in again`,
    );
  }
}

/** Options of the sign-in flow and of {@linkcode createUserTokenProvider}. */
export interface UserAuthOptions {
  /** The app's client id. */
  clientId: string;
  /** Accounts base URL. @default {"https://accounts.spotify.com"} */
  accountsUrl?: string;
  /** The token file, or `undefined` to keep tokens in this process only. */
  tokenFile: TokenStore;
  /** The `fetch` to use. @default {globalThis.fetch} */
  fetch?: typeof fetch;
  /** The clock, in ms since the epoch. @default {Date.now} */
  now?: () => number;
  /** Waits between retries of the token endpoint; injectable for tests. @default {setTimeout-based} */
  sleep?: (ms: number) => Promise<void>;
}

function accountsBase(options: { accountsUrl?: string }): string {
  return checkBaseUrl(options.accountsUrl ?? DEFAULT_ACCOUNTS_URL, "accountsUrl");
}

function tokenRequest(
  options: Omit<UserAuthOptions, "tokenFile">,
  secrets: string[],
): TokenRequest {
  return {
    url: `${accountsBase(options)}/api/token`,
    fetch: options.fetch ?? globalThis.fetch,
    now: options.now ?? Date.now,
    timeoutMs: 15_000,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    secrets,
  };
}

/** A user token provider that also holds tokens in memory (for stores that are not files). */
export interface UserTokenProvider extends TokenProvider {
  /** Replace the tokens (after a sign-in). */
  set(result: TokenResult): Promise<void>;
}

/**
 * A token provider for a signed-in user: reads the token file, refreshes the access token 60 s
 * before it expires (one refresh shared by concurrent callers), and writes refreshed tokens back.
 *
 * @param options Client id, accounts URL, token file, `fetch`, clock.
 * @returns The provider.
 * @throws {AuthError} From `getToken()`, when nobody signed in or Spotify refuses the refresh token.
 */
export function createUserTokenProvider(options: UserAuthOptions): UserTokenProvider {
  accountsBase(options); // refuse a base URL that would send tokens in clear, before any request
  const now = options.now ?? Date.now;
  let memory: TokenFile | undefined;
  let inflight: Promise<AccessToken> | undefined;

  const current = async () =>
    memory ??= options.tokenFile ? await load(options.tokenFile) : undefined;

  async function refresh(file: TokenFile): Promise<AccessToken> {
    if (!file.refresh_token) {
      throw new AuthError(
        `Cannot refresh the sign-in: no refresh token; run "deno task login" again`,
      );
    }
    const result = await requestToken(tokenRequest(options, [file.refresh_token]), {
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: file.refresh_token,
        client_id: options.clientId,
      }),
    });
    await store(result, file.refresh_token);
    return result.token;
  }

  async function store(result: TokenResult, keepRefresh?: string): Promise<void> {
    memory = {
      access_token: result.token.value.reveal(),
      token_type: result.token.type,
      scope: result.token.scope ?? null,
      expires_at: result.token.expiresAt.getTime(),
      renew_at: result.renewAt,
      // Since 2026 a refresh answer usually has no refresh token: the old one stays valid.
      refresh_token: result.refreshToken?.reveal() ?? keepRefresh ?? null,
    };
    if (options.tokenFile) {
      await writeAtomic(options.tokenFile, JSON.stringify(memory), { mode: 0o600 });
    }
  }

  return {
    async getToken({ refresh: force = false } = {}) {
      const file = await current();
      if (file === undefined) {
        throw new AuthError(NOT_SIGNED_IN);
      }
      if (!force && now() < (file.renew_at ?? file.expires_at - 60_000)) {
        return new AccessToken(file.access_token, {
          type: file.token_type,
          expiresAt: new Date(file.expires_at),
          ...(file.scope ? { scope: file.scope } : {}),
        });
      }
      inflight ??= refresh(file).finally(() => {
        inflight = undefined;
      });
      return await inflight;
    },
    set: (result) => store(result),
  };
}

/** Options of {@linkcode signIn}. */
export interface SignInOptions extends Omit<UserAuthOptions, "tokenFile"> {
  /** The redirect URI registered for the app: `http://127.0.0.1:PORT/PATH` (port 0: any free one). */
  redirectUri: string;
  /** Scopes to ask for. @default {DEFAULT_SCOPES} */
  scopes?: readonly string[];
  /** Show the authorize URL to the user (and open a browser where one exists). */
  open: (authorizeUrl: string) => void | Promise<void>;
  /** How long to wait for the user, in ms. @default {300000} */
  timeoutMs?: number;
}

/**
 * Sign in with Authorization Code and PKCE: serve the redirect URI once on 127.0.0.1, send the user
 * to Spotify's authorize page, check `state` on the way back, and exchange the code.
 *
 * @param options Client id, redirect URI, scopes, how to show the authorize URL.
 * @returns The tokens (store them with a {@linkcode UserTokenProvider}'s `set`).
 * @throws {AuthError} When the user refuses, `state` does not match, the code is refused, or time runs out.
 */
export async function signIn(options: SignInOptions): Promise<TokenResult> {
  const redirect = new URL(options.redirectUri);
  if (redirect.hostname !== "127.0.0.1" && redirect.hostname !== "[::1]") {
    throw new TypeError(
      `Invalid redirect URI "${options.redirectUri}": use http://127.0.0.1:PORT/callback (Spotify rejects localhost), and register it in your app's settings`,
    );
  }
  const accounts = accountsBase(options);
  const controller = new AbortController();
  let settle!: (value: { code: string } | { error: AuthError }) => void;
  const arrived = new Promise<{ code: string } | { error: AuthError }>((r) => settle = r);
  const page = (title: string, text: string, status = 200) =>
    new Response(
      `<!DOCTYPE html><meta charset="utf-8"><title>${title}</title>` +
        `<body style="font-family:system-ui;margin:3em"><h1>${title}</h1><p>${text}</p>`,
      { status, headers: { "content-type": "text/html; charset=utf-8" } },
    );
  const serve = (handler: Deno.ServeHandler) => {
    try {
      return Deno.serve({
        hostname: redirect.hostname.replace(/^\[|\]$/g, ""),
        port: Number(redirect.port),
        signal: controller.signal,
        onListen: () => {},
      }, handler);
    } catch (cause) {
      throw new AuthError(
        `Cannot sign in: port ${redirect.port} of ${redirect.hostname} is busy; close what uses it, or register another port and set SPOTIFY_REDIRECT_URI`,
        { cause },
      );
    }
  };
  const server = serve(
    (request) => {
      const url = new URL(request.url);
      if (url.pathname !== redirect.pathname) return new Response("Not found", { status: 404 });
      const error = url.searchParams.get("error");
      if (url.searchParams.get("state") !== state) {
        settle({
          error: new AuthError(
            `Sign-in failed: the answer's state does not match this sign-in (a stale or forged link); run "deno task login" again`,
          ),
        });
        return page("Sign-in failed", "This link does not belong to the sign-in in progress.", 400);
      }
      if (error !== null) {
        settle({
          error: new AuthError(
            `Sign-in failed: Spotify answered "${error}" (the authorization was refused); run "deno task login" again and accept`,
            { code: error },
          ),
        });
        return page("Sign-in refused", "You can close this tab.");
      }
      const code = url.searchParams.get("code") ?? "";
      rememberSecret(code);
      settle({ code });
      return page("Signed in", "You can close this tab and go back to your notebook.");
    },
  );
  // Port 0 in the redirect URI: any free port (the offline emulator accepts any loopback port).
  const redirectUri = redirect.port === "0"
    ? options.redirectUri.replace(":0/", `:${server.addr.port}/`)
    : options.redirectUri;
  const { verifier, challenge } = await createPkce();
  const state = encodeBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  const authorize = new URL(`${accounts}/authorize`);
  authorize.search = new URLSearchParams({
    client_id: options.clientId,
    response_type: "code",
    redirect_uri: redirectUri,
    code_challenge_method: "S256",
    code_challenge: challenge,
    state,
    scope: (options.scopes ?? DEFAULT_SCOPES).join(" "),
  }).toString();

  const timer = setTimeout(
    () =>
      settle({
        error: new AuthError(
          `Sign-in timed out: nobody came back from Spotify's page within ${
            Math.round((options.timeoutMs ?? 300_000) / 1000)
          } s; run "deno task login" again`,
        ),
      }),
    options.timeoutMs ?? 300_000,
  );
  try {
    await options.open(authorize.href);
    const outcome = await arrived;
    if ("error" in outcome) throw outcome.error;
    return await requestToken(tokenRequest(options, [verifier, outcome.code]), {
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: outcome.code,
        redirect_uri: redirectUri,
        client_id: options.clientId,
        code_verifier: verifier,
      }),
    });
  } finally {
    clearTimeout(timer);
    controller.abort();
    await server.finished;
  }
}

/**
 * Forget the sign-in: delete the token file.
 *
 * @param tokenFile The token file.
 * @returns Whether there was one.
 */
export async function signOut(tokenFile: string): Promise<boolean> {
  try {
    await Deno.remove(tokenFile);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}
