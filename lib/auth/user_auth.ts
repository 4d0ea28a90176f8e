/**
 * Signing in as a Spotify user: Authorization Code with PKCE (S256, no client secret), a one-shot
 * callback server on 127.0.0.1 (Spotify rejects `localhost`), tokens kept in a git-ignored file
 * created with mode 0600, and a token provider that refreshes them before they expire. A refresh
 * answer without a refresh token keeps the old one (Spotify's 2026 behaviour); `invalid_grant`
 * (revoked, or past the six-month limit) says to run `deno task login` again. The callback server
 * is in `_callback_server.ts`, the token file in `_token_file.ts`, signing out in `sign_out.ts`.
 *
 * @module
 */
import { encodeBase64Url } from "./_encoding.ts";
import { writeAtomic } from "../core/files.ts";
import { AuthError } from "../core/errors.ts";
import { serveCallback } from "./_callback_server.ts";
import { checkBaseUrl, DEFAULT_ACCOUNTS_URL, DEFAULT_API_URL } from "../core/config.ts";
import { fetchAccountId } from "./account_id.ts";
import { rememberSecret } from "../core/secret.ts";
import { load, type TokenFile } from "./token_file.ts";
import {
  AccessToken,
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

/** What to say when user data is asked for and nobody has signed in. */
export const NOT_SIGNED_IN =
  `Not signed in: run "deno task login" in a terminal to sign in with your Spotify account, then try again`;

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
  /** Replace the tokens (after a sign-in), and record the account they act for (`GET /me`). */
  set(result: TokenResult): Promise<void>;
}

/**
 * A token provider for a signed-in user: reads the token file, refreshes the access token 60 s
 * before it expires (one refresh shared by concurrent callers), and writes refreshed tokens back.
 * The account the tokens act for is looked up once (`GET /me`) at sign-in, or on first need when
 * the file lacks it, and kept in the file.
 *
 * @param options Client id, accounts URL, token file, `fetch`, clock.
 * @returns The provider.
 * @throws {AuthError} From `getToken()`, when nobody signed in or Spotify refuses the refresh token.
 */
export function createUserTokenProvider(options: UserAuthOptions): UserTokenProvider {
  accountsBase(options); // refuse a base URL that would send tokens in clear, before any request
  const apiUrl = checkBaseUrl(options.apiUrl ?? DEFAULT_API_URL, "apiUrl");
  const now = options.now ?? Date.now;
  let memory: TokenFile | undefined;
  let inflight: Promise<AccessToken> | undefined;
  /** The `GET /me` under way, and the sign-in (its time) it is for. */
  let identifying: { at: number; id: Promise<string | undefined> } | undefined;

  const current = async () =>
    memory ??= options.tokenFile ? await load(options.tokenFile) : undefined;
  /** The file as it is now: another process (a kernel, `deno task login`) may have written it. */
  const onDisk = async () =>
    options.tokenFile ? await load(options.tokenFile).catch(() => undefined) : undefined;
  const signedIn = (file: TokenFile) => file.signed_in_at ?? 0;
  const renewAt = (file: TokenFile) => file.renew_at ?? file.expires_at - 60_000;
  const tokenOf = (file: TokenFile) =>
    new AccessToken(file.access_token, {
      type: file.token_type,
      expiresAt: new Date(file.expires_at),
      ...(file.scope ? { scope: file.scope } : {}),
    });
  /** Whether `other` holds tokens newer than `file`: a later sign-in, or a renewal of the same one. */
  const newer = (other: TokenFile | undefined, file: TokenFile): other is TokenFile =>
    other !== undefined && other.access_token !== file.access_token &&
    (signedIn(other) > signedIn(file) ||
      (signedIn(other) === signedIn(file) && other.expires_at >= file.expires_at));

  async function refresh(stale: TokenFile): Promise<AccessToken> {
    let file = stale;
    for (let round = 0;; round++) {
      // Another process may have renewed, or signed in again, since this one read the file.
      const disk = await onDisk();
      if (newer(disk, file)) {
        memory = disk;
        if (now() < renewAt(disk)) return tokenOf(disk);
        file = disk;
      }
      if (!file.refresh_token) {
        throw new AuthError(
          `Cannot refresh the sign-in: no refresh token; run "deno task login" again`,
        );
      }
      let result: TokenResult;
      try {
        result = await requestToken(tokenRequest(options, [file.refresh_token]), {
          body: new URLSearchParams({
            grant_type: "refresh_token",
            refresh_token: file.refresh_token,
            client_id: options.clientId,
          }),
        });
      } catch (error) {
        // With rotation, another process may have used this refresh token and kept the new one
        // in the file: look again before giving up.
        const again = error instanceof AuthError && error.code === "invalid_grant" && round < 2
          ? await onDisk()
          : undefined;
        if (again?.refresh_token && again.refresh_token !== file.refresh_token) {
          memory = again;
          if (now() < renewAt(again)) return tokenOf(again);
          file = again;
          continue;
        }
        throw error;
      }
      const next = record(result, file);
      if (await store(next)) return result.token;
      // A newer sign-in arrived meanwhile: it wins, and its tokens are used from now on.
      if (round >= 2) return result.token;
    }
  }

  /** The file content for `result`; a refresh keeps the sign-in's time, account and refresh token. */
  function record(result: TokenResult, from?: TokenFile): TokenFile {
    return {
      access_token: result.token.value.reveal(),
      token_type: result.token.type,
      scope: result.token.scope ?? null,
      expires_at: result.token.expiresAt.getTime(),
      renew_at: result.renewAt,
      // Since 2026 a refresh answer usually has no refresh token: the old one stays valid.
      refresh_token: result.refreshToken?.reveal() ?? from?.refresh_token ?? null,
      signed_in_at: from === undefined ? now() : signedIn(from),
      account: from?.account ?? null,
    };
  }

  /**
   * Keep `next` in memory and in the file, unless the file holds a newer sign-in (then that one is
   * adopted). A new sign-in (`force`) always wins.
   */
  async function store(next: TokenFile, force = false): Promise<boolean> {
    if (!force) {
      const disk = await onDisk();
      if (disk !== undefined && signedIn(disk) > signedIn(next)) {
        memory = disk;
        return false;
      }
    }
    memory = next;
    if (options.tokenFile) {
      await writeAtomic(options.tokenFile, JSON.stringify(next), { mode: 0o600 });
    }
    return true;
  }

  /** Keep the account with the sign-in (made at `at`) it belongs to, if that is still current. */
  async function remember(account: string, at: number): Promise<void> {
    const file = await current();
    if (file === undefined || signedIn(file) !== at || file.account === account) return;
    memory = { ...file, account };
    // Marked on the file's own record of this sign-in (another process may have renewed it);
    // a newer sign-in in the file is someone else's and stays as it is.
    const disk = await onDisk();
    if (disk !== undefined && signedIn(disk) !== signedIn(file)) return;
    await store({ ...(disk ?? file), account });
  }

  /** Ask `GET /me` whose tokens `file`'s sign-in holds (one lookup at a time), and keep it. */
  function identify(file: TokenFile, token: string): Promise<string | undefined> {
    const at = signedIn(file);
    if (identifying?.at === at) return identifying.id;
    const id = fetchAccountId(apiUrl, token, { fetch: options.fetch }).then(async (found) => {
      if (found !== undefined) await remember(found, at);
      return found;
    }).finally(() => {
      if (identifying?.id === id) identifying = undefined;
    });
    identifying = { at, id };
    return id;
  }

  const provider: UserTokenProvider = {
    async getToken({ refresh: force = false } = {}) {
      const file = await current();
      if (file === undefined) {
        throw new AuthError(NOT_SIGNED_IN);
      }
      if (!force && now() < renewAt(file)) return tokenOf(file);
      inflight ??= refresh(file).finally(() => {
        inflight = undefined;
      });
      return await inflight;
    },
    async account() {
      const file = await current().catch(() => undefined);
      if (file === undefined) return undefined;
      if (file.account) return file.account;
      // A token file from before accounts were recorded: looked up once, then kept.
      const token = await provider.getToken().catch(() => undefined);
      return token === undefined ? undefined : await identify(file, token.value.reveal());
    },
    async set(result) {
      const file = record(result);
      await store(file, true);
      await identify(file, result.token.value.reveal());
    },
  };
  return provider;
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
  const { verifier, challenge } = await createPkce();
  const state = encodeBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  const callback = serveCallback(options.redirectUri, state);
  const redirectUri = callback.redirectUri;
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

  const timeoutMs = options.timeoutMs ?? 300_000;
  const timer = setTimeout(
    () =>
      callback.fail(
        new AuthError(
          `Sign-in timed out: nobody came back from Spotify's page within ${
            Math.round(timeoutMs / 1000)
          } s; run "deno task login" again`,
        ),
      ),
    timeoutMs,
  );
  try {
    // The opener (a browser launcher) may never return: the wait for the callback does not depend
    // on it, so the timeout still fires and the port still closes.
    Promise.resolve().then(() => options.open(authorize.href)).catch(callback.fail);
    const outcome = await callback.arrived;
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
    await callback.close();
  }
}
