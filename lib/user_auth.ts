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
import { basename, dirname, join } from "node:path";
import { writeAtomic } from "./files.ts";
import { forgetAccount } from "./cache.ts";
import { AuthError, excerpt } from "./errors.ts";
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
  /** When this sign-in happened (ms): a later one in the file is never replaced by an older one. */
  signed_in_at?: number;
  /** The Spotify user id the tokens act for, once known. */
  account?: string | null;
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

  return {
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
      return (await current().catch(() => undefined))?.account ?? undefined;
    },
    async identify(account) {
      const file = await current();
      if (file === undefined || file.account === account) return;
      memory = { ...file, account };
      // Marked on the file's own record of this sign-in (another process may have renewed it);
      // a newer sign-in in the file is someone else's and stays as it is.
      const disk = await onDisk();
      if (disk !== undefined && signedIn(disk) !== signedIn(file)) return;
      await store({ ...(disk ?? file), account });
    },
    set: (result) => store(record(result), true).then(() => {}),
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
  let settle!: (value: { code: string } | { error: unknown }) => void;
  const arrived = new Promise<{ code: string } | { error: unknown }>((r) => settle = r);
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
            `Sign-in failed: Spotify answered "${
              excerpt(error, 60)
            }" (the authorization was refused); run "deno task login" again and accept`,
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
    // The opener (a browser launcher) may never return: the wait for the callback does not depend
    // on it, so the timeout still fires and the port still closes.
    Promise.resolve().then(() => options.open(authorize.href)).catch((error) => settle({ error }));
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

/** Options of {@linkcode signOut}. */
export interface SignOutOptions {
  /**
   * The cache root (`SPOTIFY_CACHE_DIR`) whose answers for the signed-in account go too, or
   * `false` for none.
   * @default {false}
   */
  cacheDir?: string | false;
}

/**
 * Forget the sign-in: delete the token file, any temporary copy a killed write left beside it, and
 * (with `cacheDir`) the signed-in account's cached answers; every account's, when the file does not
 * say which account it was.
 *
 * @param tokenFile The token file.
 * @param options Where the cache is.
 * @returns Whether there was a token file.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { join } from "node:path";
 * import { signOut } from "./user_auth.ts";
 * const dir = await Deno.makeTempDir();
 * const file = join(dir, ".spotify-token.json");
 * await Deno.writeTextFile(file, "{}");
 * await Deno.writeTextFile(`${file}.0123.tmp`, "{}");
 * assert.equal(await signOut(file), true);
 * assert.deepEqual(await Array.fromAsync(Deno.readDir(dir)), []);
 * await Deno.remove(dir);
 * ```
 */
export async function signOut(tokenFile: string, options: SignOutOptions = {}): Promise<boolean> {
  const file = await load(tokenFile).catch(() => undefined);
  if (options.cacheDir) await forgetAccount(options.cacheDir, file?.account ?? undefined);
  const folder = dirname(tokenFile);
  const copies = `${basename(tokenFile)}.`;
  try {
    for await (const entry of Deno.readDir(folder)) {
      if (entry.isFile && entry.name.startsWith(copies) && entry.name.endsWith(".tmp")) {
        await Deno.remove(join(folder, entry.name)).catch(() => {});
      }
    }
  } catch {
    // No folder: no copies either.
  }
  try {
    await Deno.remove(tokenFile);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}
