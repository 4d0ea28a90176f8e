/**
 * The sign-in's token file: what it holds, and reading it back (its secrets remembered for
 * scrubbing; a damaged file is one sentence).
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
