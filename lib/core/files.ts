/**
 * File helpers shared by the cache, the token file, saved charts and the tools: a file appears whole
 * or not at all.
 *
 * @module
 */

/**
 * Whether a path exists.
 *
 * @param path The path.
 * @returns `true` when something is there.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { exists } from "./files.ts";
 * const dir = await Deno.makeTempDir();
 * assert.equal(await exists(dir), true);
 * assert.equal(await exists(`${dir}/nothing`), false);
 * await Deno.remove(dir);
 * ```
 */
export async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Write a file atomically: to a temporary file beside it, then renamed over it. A crash or an error
 * leaves the old file (or none), never half of the new one.
 *
 * @param path The file.
 * @param data Its content.
 * @param options `mode`: the new file's permissions (e.g. `0o600` for secrets).
 * @returns When the file is in place.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeAtomic } from "./files.ts";
 * const dir = await Deno.makeTempDir();
 * await writeAtomic(`${dir}/token.json`, "{}", { mode: 0o600 });
 * assert.equal(await Deno.readTextFile(`${dir}/token.json`), "{}");
 * assert.equal((await Deno.stat(`${dir}/token.json`)).mode! & 0o777, 0o600);
 * assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["token.json"]); // no temp file left
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writeAtomic(
  path: string,
  data: string | Uint8Array,
  options: { mode?: number } = {},
): Promise<void> {
  const temp = `${path}.${crypto.randomUUID()}.tmp`;
  try {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    await Deno.writeFile(temp, bytes, options.mode === undefined ? {} : { mode: options.mode });
    if (options.mode !== undefined) await Deno.chmod(temp, options.mode);
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}
