/**
 * `signOut`: forget a sign-in, its leftovers and (optionally) its cached answers.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";
import { forgetAccount } from "./api/cache.ts";
import { load } from "./auth/token_file.ts";

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
 * import { signOut } from "./sign_out.ts";
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
