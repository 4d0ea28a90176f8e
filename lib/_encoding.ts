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
 */
export function encodeBase64Url(data: Uint8Array | string): string {
  return encodeBase64(data).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
