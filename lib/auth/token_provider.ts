/**
 * Access tokens for the Web API. {@linkcode createTokenProvider} runs the client-credentials flow:
 * the token is kept in memory, renewed shortly before it expires, and concurrent callers share one
 * in-flight request. Any other flow (the user sign-in) plugs into the client through the same
 * {@linkcode TokenProvider} interface.
 *
 * @module
 */
import { JUPYTER_DISPLAY } from "../core/jupyter.ts";
import { encodeBase64 } from "./_encoding.ts";
import { AuthError, excerpt, NetworkError } from "../core/errors.ts";
import { rememberSecret, Secret } from "../core/secret.ts";
import { checkBaseUrl, DEFAULT_ACCOUNTS_URL } from "../core/config.ts";
import { type NoAnswer, postForm } from "./_token_post.ts";

/**
 * An access token. Its value is a {@linkcode Secret}: printing the token shows type and expiry only.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AccessToken } from "./token_provider.ts";
 * const expiresAt = new Date(Date.UTC(2026, 10, 25, 10));
 * const token = new AccessToken("BQC-token-text", { type: "Bearer", expiresAt });
 * assert.equal(
 *   token.describe(expiresAt.getTime() - 59 * 60_000),
 *   "Bearer token, expires 2026-11-25T10:00:00.000Z (in 59 min)",
 * );
 * assert.doesNotMatch(JSON.stringify(token), /BQC/);
 * assert.equal(token.value.reveal(), "BQC-token-text");
 * ```
 */
export class AccessToken {
  /** The token value; `value.reveal()` only where it is sent. */
  readonly value: Secret;
  /** Token type, `Bearer`. */
  readonly type: string;
  /** When it stops working. */
  readonly expiresAt: Date;
  /** Granted scopes (user tokens only). */
  readonly scope: string | undefined;

  /**
   * Wrap a token the accounts service issued; its text is kept as a {@linkcode Secret}.
   *
   * @param value The token text.
   * @param options Type, expiry, scope.
   */
  constructor(value: string, options: { type: string; expiresAt: Date; scope?: string }) {
    this.value = new Secret(value);
    this.type = options.type;
    this.expiresAt = options.expiresAt;
    this.scope = options.scope;
  }

  /**
   * A one-line description without the token value.
   *
   * @param now The current time in ms.
   * @returns For example `Bearer token, expires 2026-11-25T10:00:00.000Z (in 59 min)`.
   */
  describe(now: number = Date.now()): string {
    const minutes = Math.round((this.expiresAt.getTime() - now) / 60_000);
    const scope = this.scope ? `, scopes "${this.scope}"` : "";
    return `${this.type} token, expires ${this.expiresAt.toISOString()} (in ${minutes} min)${scope}`;
  }

  /**
   * What Deno's inspector (`console.log`, `Deno.inspect`) shows: never the token text.
   *
   * @returns `AccessToken { ... }` around {@linkcode AccessToken.describe}'s line.
   */
  [Symbol.for("Deno.customInspect")](): string {
    return `AccessToken { ${this.describe()} }`;
  }

  /**
   * What the Deno kernel shows when a token is a cell's last expression: never the token text.
   *
   * @returns A plain-text MIME bundle holding the description.
   */
  [JUPYTER_DISPLAY](): Record<string, string> {
    return { "text/plain": this.describe() };
  }

  /**
   * What `JSON.stringify` writes: never the token text.
   *
   * @returns The type, the expiry as ISO text and the scopes.
   */
  toJSON(): Record<string, unknown> {
    return { type: this.type, expiresAt: this.expiresAt.toISOString(), scope: this.scope };
  }
}

/** What the client needs from any authentication flow. */
export interface TokenProvider {
  /**
   * A valid token, fetched or renewed when needed.
   * @param options `refresh: true` forces a new token (after a 401).
   */
  getToken(options?: { refresh?: boolean }): Promise<AccessToken>;
  /**
   * For a signed-in user's tokens: the account they act for (its Spotify user id, resolved at
   * sign-in), or `undefined` while it cannot be told. Answers fetched with such tokens are cached
   * apart, per account. App tokens (client credentials) leave this out.
   */
  account?(): Promise<string | undefined>;
}

/** Options of {@linkcode createTokenProvider}. */
export interface TokenProviderOptions {
  /** The app's client id. */
  clientId: string;
  /** The app's client secret. */
  clientSecret: Secret | string;
  /**
   * Accounts base URL.
   * @default {"https://accounts.spotify.com"}
   */
  accountsUrl?: string;
  /**
   * The `fetch` to use.
   * @default {globalThis.fetch}
   */
  fetch?: typeof fetch;
  /**
   * The clock, in ms since the epoch.
   * @default {Date.now}
   */
  now?: () => number;
  /**
   * Per-request timeout in ms.
   * @default {15000}
   */
  timeoutMs?: number;
  /**
   * Retries after a 5xx, a 429, a dropped connection or a timeout of the token endpoint.
   * @default {3}
   */
  maxRetries?: number;
  /**
   * Waits between retries; injectable so tests need not wait.
   * @default {setTimeout-based}
   */
  sleep?: (ms: number) => Promise<void>;
  /** How token errors name the settings to check. @default {TOKEN_ADVICE} */
  advice?: Partial<TokenAdvice>;
}

/**
 * How token errors name the settings a caller can change: the provider's own options by default;
 * `connect`, which reads `.env`, names the `.env` variables instead.
 */
export interface TokenAdvice {
  /** Where the accounts base URL is set, e.g. `SPOTIFY_ACCOUNTS_URL in .env`. */
  accountsUrl: string;
  /** Where the app's credentials are set. */
  credentials: string;
}

/** The default {@linkcode TokenAdvice}: the options of {@linkcode createTokenProvider}. */
export const TOKEN_ADVICE: TokenAdvice = {
  accountsUrl: `the "accountsUrl" option`,
  credentials: `the "clientId" and "clientSecret" options`,
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Renew this long before expiry (or half the lifetime, for short-lived tokens). */
const RENEW_MARGIN_MS = 60_000;

/**
 * Create a client-credentials token provider.
 *
 * @param options Credentials, accounts URL, and injectable `fetch` and clock.
 * @returns A {@linkcode TokenProvider}.
 *
 * @example
 * ```ts ignore
 * import { createTokenProvider } from "./token_provider.ts";
 * const tokens = createTokenProvider({ clientId: "abc", clientSecret: "def" });
 * const token = await tokens.getToken();
 * console.log(token.describe());
 * ```
 */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const secret = typeof options.clientSecret === "string"
    ? new Secret(options.clientSecret)
    : options.clientSecret;
  const request: TokenRequest = {
    url: `${checkBaseUrl(options.accountsUrl ?? DEFAULT_ACCOUNTS_URL, "accountsUrl")}/api/token`,
    fetch: options.fetch ?? globalThis.fetch,
    now: options.now ?? Date.now,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxRetries: options.maxRetries ?? 3,
    sleep: options.sleep ?? defaultSleep,
    advice: { ...TOKEN_ADVICE, ...options.advice },
  };
  // base64(id:secret) is as secret as the secret: remembered, so that an echo of it is scrubbed.
  const pair = new Secret(encodeBase64(`${options.clientId}:${secret.reveal()}`));
  const basic = `Basic ${pair.reveal()}`;
  let current: { token: AccessToken; renewAt: number } | undefined;
  let inflight: Promise<AccessToken> | undefined;

  return {
    getToken({ refresh = false } = {}) {
      if (!refresh && current && request.now() < current.renewAt) {
        return Promise.resolve(current.token);
      }
      if (refresh) current = undefined;
      inflight ??= requestToken(request, {
        headers: { authorization: basic },
        body: new URLSearchParams({ grant_type: "client_credentials" }),
      }).then((result) => {
        current = { token: result.token, renewAt: result.renewAt };
        return result.token;
      }).finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
  };
}

/** How to reach a token endpoint; shared with the user sign-in flow. */
export interface TokenRequest {
  /** The full token endpoint URL. */
  url: string;
  /** The `fetch` to use. */
  fetch: typeof fetch;
  /** The clock. */
  now: () => number;
  /** Timeout in ms, per try. */
  timeoutMs: number;
  /** Retries after a 5xx, a 429, a dropped connection or a timeout. @default {3} */
  maxRetries?: number;
  /** Waits between retries. @default {setTimeout-based} */
  sleep?: (ms: number) => Promise<void>;
  /** More values to scrub from any message, should the server echo them. */
  secrets?: readonly string[];
  /** How errors name the settings to check. @default {TOKEN_ADVICE} */
  advice?: TokenAdvice;
}

/** A token endpoint's successful answer. */
export interface TokenResult {
  /** The access token. */
  token: AccessToken;
  /** When to renew it (ms since the epoch). */
  renewAt: number;
  /** The refresh token, when the endpoint sent one. */
  refreshToken: Secret | undefined;
}

/**
 * POST a form to a token endpoint and turn every failure into one sentence.
 *
 * @param request Where and how.
 * @param init Extra headers and the form body.
 * @returns The token, when to renew it, and any refresh token.
 * @throws {AuthError} When the endpoint answers with an error or an unusable body.
 * @throws {NetworkError} When it cannot be reached in time.
 */
export async function requestToken(
  request: TokenRequest,
  init: { headers?: Record<string, string>; body: URLSearchParams },
): Promise<TokenResult> {
  for (const value of request.secrets ?? []) rememberSecret(value);
  const where = new URL(request.url).origin;
  const advice = request.advice ?? TOKEN_ADVICE;
  const answer = await postForm(request, init, {
    maxRetries: request.maxRetries ?? 3,
    sleep: request.sleep ?? defaultSleep,
  });
  if ("failure" in answer) throw unreachable(request, answer, { where, advice });
  const body = jsonObject(answer.text);
  const status = answer.response.status;
  if (!answer.response.ok) throw refusal(status, body, advice);
  return tokenResult(request, body, { status, where, advice });
}

/** What the messages of a failed token request name: the endpoint's origin, what to check. */
interface MessageParts {
  where: string;
  advice: TokenAdvice;
}

/** The error of a token endpoint that never answered: timed out, or unreachable. */
function unreachable(
  request: TokenRequest,
  { failure, tries }: NoAnswer,
  { where, advice }: MessageParts,
): NetworkError {
  const timeout = failure instanceof DOMException && failure.name === "TimeoutError";
  return new NetworkError(
    timeout
      ? `Cannot get a token: "${where}" did not answer within ${
        request.timeoutMs / 1000
      } s (${tries} tries); check your network connection and try again`
      : `Cannot get a token: "${where}" is unreachable (${tries} tries); check your network connection, or ${advice.accountsUrl}`,
    { url: request.url, timeout, cause: failure },
  );
}

/** The answer's JSON object, or `undefined` when it is not one. */
function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" ? parsed as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

/** The error of an answer that is not a 2xx, with the endpoint's error code and description. */
function refusal(
  status: number,
  body: Record<string, unknown> | undefined,
  advice: TokenAdvice,
): AuthError {
  const code = typeof body?.error === "string" ? body.error : undefined;
  const description = typeof body?.error_description === "string"
    ? excerpt(body.error_description, 200)
    : undefined;
  return new AuthError(tokenErrorMessage(status, code, description, advice), {
    status,
    ...(code === undefined ? {} : { code }),
    ...(description === undefined ? {} : { description }),
  });
}

/** The token of a 2xx answer, read at the request's clock. */
function tokenResult(
  request: TokenRequest,
  body: Record<string, unknown> | undefined,
  { status, where, advice }: MessageParts & { status: number },
): TokenResult {
  const accessToken = body?.access_token;
  if (typeof accessToken !== "string" || accessToken === "") {
    throw new AuthError(
      `Cannot get a token: "${where}" answered ${status} without an access token; check ${advice.accountsUrl}`,
      { status },
    );
  }
  const expiresIn = typeof body?.expires_in === "number" && body.expires_in > 0
    ? body.expires_in
    : 3600;
  const now = request.now();
  const lifetimeMs = expiresIn * 1000;
  const refresh = body?.refresh_token;
  const scope = body?.scope;
  return {
    token: new AccessToken(accessToken, {
      type: typeof body?.token_type === "string" ? body.token_type : "Bearer",
      expiresAt: new Date(now + lifetimeMs),
      ...(typeof scope === "string" ? { scope } : {}),
    }),
    renewAt: now + lifetimeMs - Math.min(RENEW_MARGIN_MS, lifetimeMs / 2),
    refreshToken: typeof refresh === "string" && refresh !== "" ? new Secret(refresh) : undefined,
  };
}

function tokenErrorMessage(
  status: number,
  code: string | undefined,
  description: string | undefined,
  advice: TokenAdvice,
): string {
  const said = code === undefined
    ? `${status} with a non-JSON body`
    : `${status} "${code}"${description ? `: "${description}"` : ""}`;
  switch (code) {
    case "invalid_client":
      return `Cannot get a token: Spotify rejected the app's credentials (${said}); check ${advice.credentials} against your app's dashboard`;
    case "invalid_grant":
      return `Cannot get a token: Spotify refused the grant (${said}); run "deno task login" to sign in again`;
    case "unsupported_grant_type":
    case "invalid_request":
      return `Cannot get a token: Spotify refused the request's form (${said}); this is a bug in the toolkit, please report it`;
  }
  if (status >= 500) {
    return `Cannot get a token: the accounts service answered ${said}; Spotify may be having an outage, try again in a minute`;
  }
  return `Cannot get a token: the accounts service answered ${said}; check ${advice.accountsUrl}, then ${advice.credentials}`;
}
