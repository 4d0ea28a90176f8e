import assert from "node:assert/strict";
import { AccessToken, type TokenProvider } from "../auth/token_provider.ts";
import type { Attempt } from "./_attempt.ts";
import { createBearer } from "./_auth_step.ts";

/** Tokens `t0`, `t1`, ...: a refresh issues the next one. */
function provider(): TokenProvider & { refreshes: number } {
  const state = {
    refreshes: 0,
    getToken({ refresh = false } = {}) {
      if (refresh) state.refreshes++;
      return Promise.resolve(
        new AccessToken(`t${state.refreshes}`, { type: "Bearer", expiresAt: new Date() }),
      );
    },
  };
  return state;
}

const answer = (status: number): Attempt => ({
  kind: "response",
  response: new Response(null, { status }),
  text: "",
});

Deno.test("the auth step sends the provider's current token", async () => {
  const tokens = provider();
  const sent: string[] = [];
  const bearer = createBearer(tokens, undefined, "GET /v1/me");
  await bearer.send((token) => {
    sent.push(token);
    return Promise.resolve(answer(200));
  });
  assert.deepEqual(sent, ["t0"]);
  assert.equal(bearer.renewed(), false);
});

Deno.test("a request's first 401 renews the token once, before the next try takes it", async () => {
  const tokens = provider();
  const sent: string[] = [];
  const bearer = createBearer(tokens, undefined, "GET /v1/me");
  const revoked = (token: string) => {
    sent.push(token);
    return Promise.resolve(answer(token === "t0" ? 401 : 200));
  };
  await bearer.send(revoked);
  assert.equal(bearer.renewed(), true);
  await bearer.send(revoked);
  assert.deepEqual(sent, ["t0", "t1"]);
  assert.equal(tokens.refreshes, 1);
});

Deno.test("a second 401 of the same request renews nothing more: it is final", async () => {
  const tokens = provider();
  const bearer = createBearer(tokens, undefined, "GET /v1/me");
  await bearer.send(() => Promise.resolve(answer(401)));
  await bearer.send(() => Promise.resolve(answer(401)));
  assert.equal(bearer.renewed(), false);
  assert.equal(tokens.refreshes, 1);
});

Deno.test("a 401 for a token another request has renewed already refreshes nothing", async () => {
  const tokens = provider();
  const first = createBearer(tokens, undefined, "GET /v1/albums/a");
  const second = createBearer(tokens, undefined, "GET /v1/albums/b");
  // Both sent t0; the first renews it; the second's 401 then finds t1 current.
  let release = () => {};
  const held = new Promise<void>((resolve) => release = resolve);
  const late = second.send(async () => {
    await held;
    return answer(401);
  });
  await first.send(() => Promise.resolve(answer(401)));
  release();
  await late;
  assert.equal(tokens.refreshes, 1, "one revocation, one refresh");
  assert.equal(second.renewed(), true, "the second request still gets its one more try");
});

Deno.test("an aborted call stops waiting for its token", async () => {
  const never: TokenProvider = { getToken: () => new Promise(() => {}) };
  const bearer = createBearer(never, AbortSignal.abort(), "GET /v1/me");
  await assert.rejects(bearer.send(() => Promise.resolve(answer(200))), { name: "AbortError" });
});
