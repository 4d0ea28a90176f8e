/**
 * Which Spotify account a user's token acts for: its id, as `GET /me` names it. The user token
 * provider asks it once, at sign-in (or once per process for a token file that lacks it), and
 * keeps it with the tokens; answers cached for a user are filed under it. It is asked here, beside
 * the sign-in, never through the client's request path.
 *
 * @module
 */

/** Options of {@linkcode fetchAccountId}. */
export interface AccountIdOptions {
  /**
   * The `fetch` to use.
   * @default {globalThis.fetch}
   */
  fetch?: typeof fetch | undefined;
  /**
   * How long to wait for the answer, in ms.
   * @default {15000}
   */
  timeoutMs?: number;
}

/**
 * The id of the account a user's access token acts for.
 *
 * @param apiUrl The Web API base URL (`https://api.spotify.com/v1`), already checked.
 * @param token The access token's text.
 * @param options `fetch` and timeout.
 * @returns The account id, or `undefined` when it cannot be told now (no answer, an error status,
 * a body without an id): the caller then asks again when it next needs it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fetchAccountId } from "./account_id.ts";
 * const api: typeof fetch = (url, init) =>
 *   Promise.resolve(
 *     String(url) === "https://api.spotify.com/v1/me" &&
 *       new Headers(init?.headers).get("authorization") === "Bearer alice-token"
 *       ? Response.json({ id: "alice", display_name: "Alice" })
 *       : new Response("", { status: 401 }),
 *   );
 * const apiUrl = "https://api.spotify.com/v1";
 * assert.equal(await fetchAccountId(apiUrl, "alice-token", { fetch: api }), "alice");
 * assert.equal(await fetchAccountId(apiUrl, "revoked", { fetch: api }), undefined);
 * ```
 */
export async function fetchAccountId(
  apiUrl: string,
  token: string,
  options: AccountIdOptions = {},
): Promise<string | undefined> {
  try {
    const response = await (options.fetch ?? globalThis.fetch)(`${apiUrl}/me`, {
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return undefined;
    }
    const id = (await response.json() as { id?: unknown } | null)?.id;
    return typeof id === "string" && id !== "" ? id : undefined;
  } catch {
    return undefined; // unreachable, too slow, or not JSON: not known now
  }
}
