/**
 * The sign-in's token file: what it holds, reading it back (its secrets remembered for scrubbing;
 * a damaged file is one sentence), and the lock beside it that lets one process at a time renew.
 *
 * @module
 */
import { AuthError } from "../core/errors.ts";
import { rememberSecret } from "../core/secret.ts";

/** What is stored between sessions. */
export interface TokenFile {
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

/**
 * Read a token file.
 *
 * @param path The file.
 * @returns Its content, or `undefined` when there is no file.
 * @throws {AuthError} When the file is damaged.
 */
export async function load(path: string): Promise<TokenFile | undefined> {
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

/** Options of {@linkcode withTokenLock}. */
export interface TokenLockOptions {
  /** The clock, in ms since the epoch (lock ages). @default {Date.now} */
  now?: () => number;
  /** Waits between looks at a held lock. @default {setTimeout-based} */
  sleep?: (ms: number) => Promise<void>;
  /**
   * How long a lock may be held: an older one (or one waited on this long) is taken over.
   * @default {120000}
   */
  staleMs?: number;
}

/** What a lock file holds: who took it, and when. */
interface LockOwner {
  id: string;
  pid: number;
  host: string;
  at: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function hostName(): string {
  try {
    return Deno.hostname();
  } catch {
    return ""; // no permission: the process check is skipped, lock ages still apply
  }
}

/** Whether a process of this machine is gone (`false` when it cannot be told). */
async function processGone(pid: number): Promise<boolean> {
  if (Deno.build.os !== "linux" || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    await Deno.stat(`/proc/${pid}`);
    return false;
  } catch (error) {
    return error instanceof Deno.errors.NotFound;
  }
}

/** Whether the lock at `lock` may be taken over: its process is gone, or it is older than allowed. */
async function isStale(lock: string, now: number, staleMs: number): Promise<boolean> {
  let owner: Partial<LockOwner> | undefined;
  try {
    owner = JSON.parse(await Deno.readTextFile(lock));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false; // released meanwhile: try again
    // Being written this very moment, or damaged: judged by the file's age.
    const stat = await Deno.stat(lock).catch(() => undefined);
    return stat?.mtime != null && Date.now() - stat.mtime.getTime() > staleMs;
  }
  if (typeof owner?.at !== "number" || now - owner.at > staleMs) return true;
  return owner.host === hostName() && owner.host !== "" && await processGone(owner.pid ?? 0);
}

/** Take the lock once: `true` when taken, `false` when another holds it. */
async function tryLock(lock: string, owner: LockOwner): Promise<boolean> {
  try {
    await Deno.writeTextFile(lock, JSON.stringify(owner), { createNew: true, mode: 0o600 });
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) return false;
    throw error;
  }
}

/**
 * Run `work` while holding the token file's lock (`PATH.lock`, beside it), so that one process at
 * a time renews or rewrites the sign-in: with rotating refresh tokens, two processes renewing at
 * once would otherwise spend the same refresh token, and the loser would be signed out. A process
 * that finds the lock held looks again with growing pauses (20 ms up to 0.5 s) until it is free. A
 * lock whose process is gone (on this machine) is taken over at once, and one older than `staleMs`
 * (or waited on that long) is taken over too, so the wait is bounded. Where no lock can be made
 * (a read-only folder), `work` runs without one.
 *
 * @param path The token file.
 * @param work What to do while holding the lock.
 * @param options Clock, sleep, and how long a lock may be held.
 * @returns What `work` returns.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { withTokenLock } from "./token_file.ts";
 * const dir = await Deno.makeTempDir();
 * const file = `${dir}/.spotify-token.json`;
 * const order: string[] = [];
 * await Promise.all(["a", "b"].map((name) =>
 *   withTokenLock(file, async () => {
 *     order.push(`${name} in`);
 *     await new Promise((resolve) => setTimeout(resolve, 30));
 *     order.push(`${name} out`);
 *   })
 * ));
 * assert.deepEqual(order, ["a in", "a out", "b in", "b out"]); // one holder at a time
 * assert.deepEqual([...Deno.readDirSync(dir)], []); // the lock is gone once released
 * await Deno.remove(dir);
 * ```
 */
export async function withTokenLock<T>(
  path: string,
  work: () => Promise<T>,
  options: TokenLockOptions = {},
): Promise<T> {
  const { now = Date.now, sleep = defaultSleep, staleMs = 120_000 } = options;
  const lock = `${path}.lock`;
  const owner: LockOwner = { id: crypto.randomUUID(), pid: Deno.pid, host: hostName(), at: 0 };
  let held = false;
  for (let waited = 0, pause = 20;;) {
    try {
      held = await tryLock(lock, { ...owner, at: now() });
    } catch {
      break; // no lock can be made here (a read-only or missing folder): go on without one
    }
    if (held) break;
    if (waited >= staleMs || await isStale(lock, now(), staleMs)) {
      try {
        await Deno.remove(lock);
      } catch (error) {
        if (!(error instanceof Deno.errors.NotFound)) break; // cannot take it over: go on without
      }
      waited = 0;
      continue;
    }
    await sleep(pause);
    waited += pause;
    pause = Math.min(pause * 2, 500);
  }
  try {
    return await work();
  } finally {
    if (held) await release(lock, owner.id);
  }
}

/** Remove the lock if it is still this holder's (a taken-over lock belongs to another now). */
async function release(lock: string, id: string): Promise<void> {
  try {
    if ((JSON.parse(await Deno.readTextFile(lock)) as LockOwner).id === id) await Deno.remove(lock);
  } catch {
    // Gone already, or not ours.
  }
}
