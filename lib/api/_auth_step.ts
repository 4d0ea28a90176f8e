/**
 * The auth step of the request path: each try takes the provider's token once it holds its slot
 * (so a request queued behind a 401 uses the renewed token), and a request's first 401 renews the
 * token once, unless another request has renewed it already: one revocation, one refresh.
 *
 * @module
 */
import { untilAborted } from "./_abort.ts";
import type { TokenProvider } from "../auth/token_provider.ts";
import type { Attempt } from "./_attempt.ts";

/** The bearer token of one request, with its one refresh. */
export interface Bearer {
  /**
   * Send one try with the current token; after the request's first 401, renew the token before
   * returning (still inside the caller's slot, so that no queued request starts with the refused
   * token).
   *
   * @param send The try, given the token's text.
   * @returns What the try came to.
   */
  send(send: (token: string) => Promise<Attempt>): Promise<Attempt>;
  /** Whether the last try's 401 renewed the token: the request then gets one more try. */
  renewed(): boolean;
}

/**
 * Create the bearer of one request.
 *
 * @param provider Where tokens come from.
 * @param signal The caller's cancellation, which cuts short the wait for a token.
 * @param what The request, for the message of a cancelled call.
 * @returns The bearer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AccessToken } from "../auth/token_provider.ts";
 * import { createBearer } from "./_auth_step.ts";
 * let issued = 0;
 * const provider = {
 *   getToken: ({ refresh = false } = {}) =>
 *     Promise.resolve(new AccessToken(`t${refresh ? ++issued : issued}`, {
 *       type: "Bearer",
 *       expiresAt: new Date(),
 *     })),
 * };
 * const bearer = createBearer(provider, undefined, "GET /v1/me");
 * const answer = (status: number) => ({ kind: "response" as const, response: new Response(null, { status }), text: "" });
 * await bearer.send(() => Promise.resolve(answer(401)));
 * assert.equal(bearer.renewed(), true);
 * await bearer.send((token) => Promise.resolve(answer(token === "t1" ? 401 : 200)));
 * assert.equal(bearer.renewed(), false, "one refresh per request");
 * ```
 */
export function createBearer(
  provider: TokenProvider,
  signal: AbortSignal | undefined,
  what: string,
): Bearer {
  let refreshed = false;
  let renewedNow = false;
  return {
    async send(send) {
      renewedNow = false;
      const used = (await untilAborted(provider.getToken(), signal, what)).value.reveal();
      const outcome = await send(used);
      if (outcome.kind === "response" && outcome.response.status === 401 && !refreshed) {
        const current = await provider.getToken();
        if (current.value.reveal() === used) await provider.getToken({ refresh: true });
        refreshed = renewedNow = true;
      }
      return outcome;
    },
    renewed: () => renewedNow,
  };
}
