/**
 * Signing in as a Spotify user: Authorization Code with PKCE (S256, no client secret), a one-shot
 * callback server on 127.0.0.1 (Spotify rejects `localhost`), tokens kept in a git-ignored file
 * created with mode 0600, and a token provider that refreshes them before they expire. A refresh
 * answer without a refresh token keeps the old one (Spotify's 2026 behaviour); `invalid_grant`
 * (revoked, or past the six-month limit) says to run `deno task login` again. The callback server
 * is in `_callback_server.ts`, the pasted-address flow in `sign_in_answer.ts`, the tokens and their
 * renewal in `_user_tokens.ts`, the token file and its lock in `token_file.ts`, signing out in
 * `../sign_out.ts`.
 *
 * @module
 */
import { encodeBase64Url } from "./_encoding.ts";
import { type CallbackServer, serveCallback } from "./_callback_server.ts";
import { type AskAddress, awaitSignInAnswer, realWait, type Wait } from "./sign_in_answer.ts";
import { checkBaseUrl, DEFAULT_ACCOUNTS_URL, DEFAULT_API_URL } from "../core/config.ts";
import { fetchAccountId } from "./account_id.ts";
import { rememberSecret } from "../core/secret.ts";
import { UserTokens } from "./_user_tokens.ts";
import {
  requestToken,
  type TokenAdvice,
  type TokenProvider,
  type TokenRequest,
  type TokenResult,
} from "./token_provider.ts";

/** The scopes the notebooks need (`spotify-web-api.md` §1.4). */
export const DEFAULT_SCOPES: readonly string[] = [
  "user-top-read", // top artists and tracks
  "user-read-recently-played", // recently played
  "user-library-read", // saved tracks, albums, shows, episodes, audiobooks, and library checks
  "playlist-read-private", // the user's playlists and their items
  "playlist-read-collaborative",
  "user-follow-read", // followed artists, and following checks
  "user-read-playback-state", // the player: playback state, devices, queue
  "user-read-currently-playing", // what is playing
  "user-read-playback-position", // where the user stopped in episodes and chapters
];

export { NOT_SIGNED_IN } from "./_user_tokens.ts";

/** A PKCE verifier and its S256 challenge. */
export interface Pkce {
  /** The secret verifier, sent when the code is exchanged. */
  verifier: string;
  /** base64url(SHA-256(verifier)), sent with the authorization request. */
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

/** Where the user's tokens are kept, if anywhere (`undefined`: this process only). */
export type TokenStore = string | undefined;

/** Options of the sign-in flow and of {@linkcode createUserTokenProvider}. */
export interface UserAuthOptions {
  /** The app's client id. */
  clientId: string;
  /** Accounts base URL. @default {"https://accounts.spotify.com"} */
  accountsUrl?: string;
  /**
   * Web API base URL, whose `GET /me` names the signed-in account (once, at sign-in).
   * @default {"https://api.spotify.com/v1"}
   */
  apiUrl?: string;
  /** The token file, or `undefined` to keep tokens in this process only. */
  tokenFile: TokenStore;
  /** The `fetch` to use. @default {globalThis.fetch} */
  fetch?: typeof fetch;
  /** The clock, in ms since the epoch. @default {Date.now} */
  now?: () => number;
  /** Waits between retries of the token endpoint; injectable for tests. @default {setTimeout-based} */
  sleep?: (ms: number) => Promise<void>;
  /** How token errors name the settings to check (default: the options "accountsUrl", "clientId"). */
  advice?: Partial<TokenAdvice>;
}

/** A user sign-in has no client secret: only the client id can be at fault. */
const USER_TOKEN_ADVICE: TokenAdvice = {
  accountsUrl: `the "accountsUrl" option`,
  credentials: `the "clientId" option`,
};

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
    advice: { ...USER_TOKEN_ADVICE, ...options.advice },
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
 * Processes sharing the file take turns through a lock beside it (`PATH.lock`): when two renew at
 * once and Spotify rotates refresh tokens, the second finds the first one's tokens and goes on.
 * The account the tokens act for is looked up once (`GET /me`) at sign-in, or on first need when
 * the file lacks it, and kept in the file.
 *
 * @param options Client id, accounts URL, token file, `fetch`, clock.
 * @returns The provider.
 * @throws {AuthError} From `getToken()`, when nobody signed in or Spotify refuses the refresh token
 *   (expired after six months, or revoked: one sentence saying to run `deno task login`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createUserTokenProvider } from "./user_auth.ts";
 * const tokens = createUserTokenProvider({ clientId: "abc", tokenFile: "/nonexistent/t.json" });
 * await assert.rejects(tokens.getToken(), /run "deno task login"/);
 * ```
 */
export function createUserTokenProvider(options: UserAuthOptions): UserTokenProvider {
  accountsBase(options); // refuse a base URL that would send tokens in clear, before any request
  const tokens = new UserTokens({
    clientId: options.clientId,
    tokenFile: options.tokenFile,
    now: options.now ?? Date.now,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    request: (secrets) => tokenRequest(options, secrets),
  });
  const apiUrl = checkBaseUrl(options.apiUrl ?? DEFAULT_API_URL, "apiUrl");
  let lookup: Promise<string | undefined> | undefined;
  /** Ask `GET /me` whose tokens these are (one lookup at a time), and keep the answer. */
  const identify = (token: string) =>
    lookup ??= fetchAccountId(apiUrl, token, { fetch: options.fetch }).then(async (found) => {
      if (found !== undefined) await tokens.identify(found);
      return found;
    }).finally(() => lookup = undefined);
  return {
    getToken: ({ refresh = false } = {}) => tokens.getToken(refresh),
    async account() {
      const known = await tokens.account();
      if (known !== undefined) return known;
      // A token file from before accounts were recorded: looked up once, then kept.
      const token = await tokens.getToken().catch(() => undefined);
      return token === undefined ? undefined : await identify(token.value.reveal());
    },
    async set(result) {
      await tokens.set(result);
      await identify(result.token.value.reveal());
    },
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
  /**
   * Read the address the browser ended on, for the paste flow (`prompt` in a notebook, standard
   * input in a terminal). Without it, only the callback server can answer.
   */
  ask?: AskAddress;
  /**
   * Ask for the pasted address at once, without serving the redirect URI (the browser is on another
   * machine). Needs `ask`. Without it, the paste flow starts by itself when the redirect URI's port
   * is busy, or after `pasteAfterMs` without a callback.
   * @default {false}
   */
  paste?: boolean;
  /** How long to wait for the callback before also asking for the address, in ms. @default {30000} */
  pasteAfterMs?: number;
  /** The waits (for the paste question and the time limit); injectable for tests. @default {realWait} */
  wait?: Wait;
}

function checkRedirect(uri: string): void {
  const redirect = new URL(uri);
  if (redirect.hostname !== "127.0.0.1" && redirect.hostname !== "[::1]") {
    throw new TypeError(
      `Invalid redirect URI "${uri}": use http://127.0.0.1:PORT/callback (Spotify rejects localhost), and register it in your app's settings`,
    );
  }
}

/** Serve the redirect URI, unless the paste flow is asked for or the port is busy and paste can do. */
function callbackFor(options: SignInOptions, state: string): CallbackServer | undefined {
  if (options.paste) {
    if (options.ask === undefined) {
      throw new TypeError(
        `Invalid sign-in options: "paste" needs "ask" to read the pasted address`,
      );
    }
    return undefined;
  }
  try {
    return serveCallback(options.redirectUri, state);
  } catch (error) {
    if (options.ask === undefined) throw error;
    return undefined; // the port is busy: the paste flow needs none
  }
}

function authorizeUrl(options: SignInOptions, fields: Record<string, string>): string {
  const authorize = new URL(`${accountsBase(options)}/authorize`);
  authorize.search = new URLSearchParams({
    client_id: options.clientId,
    response_type: "code",
    redirect_uri: fields.redirectUri!,
    code_challenge_method: "S256",
    code_challenge: fields.challenge!,
    state: fields.state!,
    scope: (options.scopes ?? DEFAULT_SCOPES).join(" "),
  }).toString();
  return authorize.href;
}

/**
 * Sign in with Authorization Code and PKCE: serve the redirect URI on 127.0.0.1, send the user to
 * Spotify's authorize page, check `state` on the way back, and exchange the code. With `ask`, the
 * answer may also be pasted: at once (`paste`, or a busy port), or after `pasteAfterMs` without a
 * callback; the pasted address goes through the same checks.
 *
 * @param options Client id, redirect URI, scopes, how to show the authorize URL, how to ask.
 * @returns The tokens (store them with a {@linkcode UserTokenProvider}'s `set`).
 * @throws {AuthError} When the user refuses, `state` does not match, the code is refused, or time runs out.
 */
export async function signIn(options: SignInOptions): Promise<TokenResult> {
  checkRedirect(options.redirectUri);
  accountsBase(options);
  const { verifier, challenge } = await createPkce();
  const state = encodeBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  const callback = callbackFor(options, state);
  const redirectUri = callback?.redirectUri ?? options.redirectUri;
  const done = new AbortController();
  try {
    // The opener (a browser launcher) may never return: the wait for the answer does not depend
    // on it, so the timeout still fires and the port still closes.
    // It is called before anything is asked, so that the question follows the URL it shows.
    const opened = (async () =>
      await options.open(authorizeUrl(options, { redirectUri, challenge, state })))()
      .then(() => new Promise<never>(() => {}), (error) => ({ error }));
    const outcome = await awaitSignInAnswer({
      state,
      redirectUri,
      sources: callback ? [callback.arrived, opened] : [opened],
      ...(options.ask ? { ask: options.ask } : {}),
      pasteAfterMs: callback ? options.pasteAfterMs ?? 30_000 : 0,
      timeoutMs: options.timeoutMs ?? 300_000,
      wait: options.wait ?? realWait,
      signal: done.signal,
    });
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
    done.abort();
    await callback?.close();
  }
}
