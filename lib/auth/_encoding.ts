/**
 * Base64 helpers on Web-standard built-ins. Where JSR is reachable, `encodeBase64` and
 * `encodeBase64Url` from `@std/encoding` are drop-in replacements.
 *
 * @module
 */

/**
 * Standard base64 of bytes, or of a string's UTF-8 encoding.
 *
 * @param data Bytes or text.
 * @returns The base64 text, padded.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeBase64 } from "./_encoding.ts";
 * assert.equal(encodeBase64("id:secret"), "aWQ6c2VjcmV0");
 * ```
 */
export function encodeBase64(data: Uint8Array | string): string {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * URL-safe base64 without padding (RFC 4648 §5), as PKCE's `code_challenge` needs.
 *
 * @param data Bytes or text.
 * @returns The base64url text, unpadded.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeBase64Url } from "./_encoding.ts";
 * assert.equal(encodeBase64Url(new Uint8Array([251, 255])), "-_8");
 * ```
 */
export function encodeBase64Url(data: Uint8Array | string): string {
  return encodeBase64(data).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
