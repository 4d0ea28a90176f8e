/**
 * A signed-in user's tokens, kept in memory and in the token file that several processes share
 * (kernels, `deno task login`, `deno task collect`). Every write of the file happens under its lock
 * (`withTokenLock`): with rotating refresh tokens, two processes renewing at once would otherwise
 * spend the same refresh token, and the one that lost would be signed out. The process that waits
 * for the lock finds the winner's tokens in the file and uses them without asking Spotify.
 *
 * @module
 */
import { writeAtomic } from "../core/files.ts";
import { AuthError } from "../core/errors.ts";
import { load, type TokenFile, withTokenLock } from "./token_file.ts";
import {
  AccessToken,
  requestToken,
  type TokenRequest,
  type TokenResult,
} from "./token_provider.ts";

/** What to say when user data is asked for and nobody has signed in. */
export const NOT_SIGNED_IN =
  `Not signed in: run "deno task login" in a terminal (or "await login()" in a notebook cell) to sign in with your Spotify account, then try again`;

/** Options of {@linkcode UserTokens}. */
export interface UserTokensOptions {
  /** The app's client id. */
  clientId: string;
  /** The token file, or `undefined` to keep tokens in this process only. */
  tokenFile: string | undefined;
  /** The clock, in ms since the epoch. */
  now: () => number;
  /** Pauses: between looks at the file after a refused refresh token, and at a held lock. */
  sleep?: (ms: number) => Promise<void>;
  /** How to reach the token endpoint, with the secrets to scrub from its messages. */
  request: (secrets: string[]) => TokenRequest;
}

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

/** A refused refresh token (expired after six months, or revoked) in one sentence. */
function signInEnded(error: unknown): unknown {
  if (!(error instanceof AuthError) || error.code !== "invalid_grant") return error;
  const said = `${error.status ?? 400} "invalid_grant"${
    error.description ? ` ("${error.description}")` : ""
  }`;
  return new AuthError(
    `Cannot renew your Spotify sign-in: Spotify answered ${said}, as it does six months after you signed in or once the app's access is removed; run "deno task login" to sign in again (your cached answers and listening history are kept)`,
    {
      ...(error.status === undefined ? {} : { status: error.status }),
      code: error.code,
      ...(error.description === undefined ? {} : { description: error.description }),
      cause: error,
    },
  );
}

/**
 * The tokens of one sign-in, renewed when due and written back to the shared token file.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { UserTokens } from "./_user_tokens.ts";
 * import { AccessToken } from "./token_provider.ts";
 * const tokens = new UserTokens({
 *   clientId: "abc",
 *   tokenFile: undefined, // in memory only
 *   now: () => 0,
 *   request: () => assert.fail("no renewal is due"),
 * });
 * await assert.rejects(tokens.getToken(), /^AuthError: Not signed in/);
 * const token = new AccessToken("BQ-a", { type: "Bearer", expiresAt: new Date(3_600_000) });
 * await tokens.set({ token, renewAt: 3_540_000, refreshToken: undefined });
 * assert.equal((await tokens.getToken()).value.reveal(), "BQ-a");
 * ```
 */
export class UserTokens {
  readonly #options: UserTokensOptions;
  #memory: TokenFile | undefined;
  #inflight: Promise<AccessToken> | undefined;

  /** @param options Client id, token file, clock, pauses, the token endpoint. */
  constructor(options: UserTokensOptions) {
    this.#options = options;
  }

  /**
   * A valid access token: the one held, or a renewed one (one renewal shared by concurrent callers).
   *
   * @param force Renew even when the token held is not due (after a 401).
   * @returns The token.
   * @throws {AuthError} When nobody signed in, or Spotify refuses the refresh token.
   */
  async getToken(force = false): Promise<AccessToken> {
    const file = await this.#current();
    if (file === undefined) throw new AuthError(NOT_SIGNED_IN);
    if (!force && this.#options.now() < renewAt(file)) return tokenOf(file);
    this.#inflight ??= this.#locked(() => this.#renew(file)).finally(() => {
      this.#inflight = undefined;
    });
    return await this.#inflight;
  }

  /** @returns The account the tokens act for, when known. */
  async account(): Promise<string | undefined> {
    return (await this.#current().catch(() => undefined))?.account ?? undefined;
  }

  /**
   * Record the account on this sign-in's record in the file (another process may have renewed it;
   * a newer sign-in in the file is someone else's and stays as it is).
   *
   * @param account The Spotify user id.
   */
  async identify(account: string): Promise<void> {
    const file = await this.#current();
    if (file === undefined || file.account === account) return;
    this.#memory = { ...file, account };
    await this.#locked(async () => {
      const disk = await this.#onDisk();
      if (disk !== undefined && signedIn(disk) !== signedIn(file)) return;
      await this.#store({ ...(disk ?? file), account });
    });
  }

  /**
   * Keep the tokens of a new sign-in: they replace whatever the file holds.
   *
   * @param result The token endpoint's answer to the code exchange.
   */
  async set(result: TokenResult): Promise<void> {
    await this.#locked(() => this.#store(this.#record(result), true));
  }

  async #current(): Promise<TokenFile | undefined> {
    const path = this.#options.tokenFile;
    return this.#memory ??= path ? await load(path) : undefined;
  }

  /** The file as it is now: another process (a kernel, `deno task login`) may have written it. */
  async #onDisk(): Promise<TokenFile | undefined> {
    const path = this.#options.tokenFile;
    return path ? await load(path).catch(() => undefined) : undefined;
  }

  #locked<T>(work: () => Promise<T>): Promise<T> {
    const path = this.#options.tokenFile;
    if (path === undefined) return work();
    const { now, sleep } = this.#options;
    return withTokenLock(path, work, { now, ...(sleep ? { sleep } : {}) });
  }

  /** Renew `stale` (under the lock), unless the file already holds newer tokens. */
  async #renew(stale: TokenFile): Promise<AccessToken> {
    let file = stale;
    for (let round = 0;; round++) {
      // Another process may have renewed, or signed in again, since this one read the file.
      const disk = await this.#onDisk();
      if (newer(disk, file)) {
        this.#memory = disk;
        if (this.#options.now() < renewAt(disk)) return tokenOf(disk);
        file = disk;
      }
      if (!file.refresh_token) {
        throw new AuthError(
          `Cannot refresh the sign-in: no refresh token; run "deno task login" again`,
        );
      }
      let result: TokenResult;
      try {
        result = await requestToken(this.#options.request([file.refresh_token]), {
          body: new URLSearchParams({
            grant_type: "refresh_token",
            refresh_token: file.refresh_token,
            client_id: this.#options.clientId,
          }),
        });
      } catch (error) {
        const rotated = round < 2 ? await this.#rotatedAway(error, file) : undefined;
        if (rotated === undefined) throw signInEnded(error);
        this.#memory = rotated;
        if (this.#options.now() < renewAt(rotated)) return tokenOf(rotated);
        file = rotated;
        continue;
      }
      // A newer sign-in that arrived meanwhile wins, and its tokens are used from now on.
      if (await this.#store(this.#record(result, file)) || round >= 2) return result.token;
    }
  }

  /**
   * After `invalid_grant`: a process that does not take the lock (an older version of this
   * toolkit) may have spent this refresh token and be writing the new one. Look at the file a few
   * times (0.35 s in all) before giving up.
   */
  async #rotatedAway(error: unknown, file: TokenFile): Promise<TokenFile | undefined> {
    if (!(error instanceof AuthError) || error.code !== "invalid_grant") return undefined;
    if (this.#options.tokenFile === undefined) return undefined;
    const sleep = this.#options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    for (let look = 0, pause = 50;; look++, pause *= 2) {
      const disk = await this.#onDisk();
      if (disk?.refresh_token && disk.refresh_token !== file.refresh_token) return disk;
      if (look === 3) return undefined;
      await sleep(pause);
    }
  }

  /** The file content for `result`; a refresh keeps the sign-in's time, account and refresh token. */
  #record(result: TokenResult, from?: TokenFile): TokenFile {
    return {
      access_token: result.token.value.reveal(),
      token_type: result.token.type,
      scope: result.token.scope ?? null,
      expires_at: result.token.expiresAt.getTime(),
      renew_at: result.renewAt,
      // Since 2026 a refresh answer usually has no refresh token: the old one stays valid.
      refresh_token: result.refreshToken?.reveal() ?? from?.refresh_token ?? null,
      signed_in_at: from === undefined ? this.#options.now() : signedIn(from),
      account: from?.account ?? null,
    };
  }

  /**
   * Keep `next` in memory and in the file, unless the file holds a newer sign-in (then that one is
   * adopted). A new sign-in (`force`) always wins. Called under the lock.
   */
  async #store(next: TokenFile, force = false): Promise<boolean> {
    if (!force) {
      const disk = await this.#onDisk();
      if (disk !== undefined && signedIn(disk) > signedIn(next)) {
        this.#memory = disk;
        return false;
      }
    }
    this.#memory = next;
    const path = this.#options.tokenFile;
    if (path) await writeAtomic(path, JSON.stringify(next), { mode: 0o600 });
    return true;
  }
}
