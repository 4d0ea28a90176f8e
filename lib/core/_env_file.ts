/**
 * Reads a `.env` file into a plain record without touching the process environment. This is the one
 * place that knows the file format: where JSR is reachable, `parse` from `@std/dotenv` is a drop-in
 * replacement for `parseEnv`.
 *
 * @module
 */
import { parseEnv } from "node:util";

/**
 * Read and parse a `.env` file.
 *
 * @param path The file to read.
 * @returns The variables it sets, or `undefined` when the file does not exist.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readEnvFile } from "./_env_file.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/.env`, 'SPOTIFY_MODE=development\n# a comment\nA="two words"\n');
 * assert.deepEqual(readEnvFile(`${dir}/.env`), { SPOTIFY_MODE: "development", A: "two words" });
 * assert.equal(readEnvFile(`${dir}/missing.env`), undefined);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function readEnvFile(path: string): Record<string, string> | undefined {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  // A byte-order mark (Windows editors) would become part of the first name; a lone CR (old Mac
  // line ends) would run two lines together.
  const clean = text.replace(/^\uFEFF/, "").replace(/\r(?!\n)/g, "\n");
  return { ...parseEnv(clean) } as Record<string, string>;
}
