import assert from "node:assert/strict";
import { createRateLimitGate, type RateLimitGateOptions } from "./_rate_limit_gate.ts";

function world(overrides: Partial<RateLimitGateOptions> = {}) {
  const clock = { now: 1_000_000 };
  const slept: number[] = [];
  const told: number[] = [];
  const gate = createRateLimitGate({
    now: () => clock.now,
    random: () => 0.5,
    sleep: (ms) => {
      slept.push(ms);
      clock.now += ms;
      return Promise.resolve();
    },
    onRateLimit: (seconds) => told.push(seconds),
    retry: { maxRetryAfter: 60, max429: 2 },
    ...overrides,
  });
  return { gate, clock, slept, told };
}

Deno.test("the gate is open until a 429 closes it, then every request of the client waits", async () => {
  const w = world();
  const a = w.gate.forRequest(undefined, "GET /v1/a", undefined);
  const b = w.gate.forRequest(undefined, "GET /v1/b", undefined);
  assert.equal(await a.wait(), 0);
  assert.equal(a.waitOut({ retryAfter: 3, quota: false }), true);
  assert.equal(await b.wait(), 3_500, "Retry-After plus the jitter");
  assert.equal(await a.wait(), 0, "the window has passed");
  assert.deepEqual(w.slept, [3_500]);
});

Deno.test("a pause is told once to the client, or to each request's own onWait", async () => {
  const w = world({ sleep: () => Promise.resolve() }); // the three wait at the same time
  const waits: number[] = [];
  const quiet = w.gate.forRequest(undefined, "GET /v1/a", undefined);
  quiet.waitOut({ retryAfter: 30, quota: false });
  const withBar = w.gate.forRequest(undefined, "GET /v1/b", (seconds) => waits.push(seconds));
  const other = w.gate.forRequest(undefined, "GET /v1/c", undefined);
  await Promise.all([quiet.wait(), other.wait(), withBar.wait()]);
  assert.deepEqual(w.told, [31], "concurrent requests tell the console once");
  assert.deepEqual(waits, [31]);
});

Deno.test("a quota 429, a Retry-After past the cap, and more than max429 in a row are not waited out", () => {
  const w = world();
  const throttle = w.gate.forRequest(undefined, "GET /v1/a", undefined);
  assert.equal(throttle.waitOut({ retryAfter: 1, quota: true }), false);
  assert.equal(throttle.waitOut({ retryAfter: 61, quota: false }), false);
  assert.equal(throttle.waitOut({ retryAfter: 1, quota: false }), true);
  assert.equal(throttle.waitOut({ retryAfter: 1, quota: false }), true);
  assert.equal(throttle.waitOut({ retryAfter: 1, quota: false }), false, "max429 is 2");
  const fresh = w.gate.forRequest(undefined, "GET /v1/b", undefined);
  assert.equal(fresh.waitOut({ retryAfter: 1, quota: false }), true, "the count is per request");
});

Deno.test("a later, shorter 429 never shortens the pause already set", async () => {
  const w = world({ random: () => 0 });
  const throttle = w.gate.forRequest(undefined, "GET /v1/a", undefined);
  throttle.waitOut({ retryAfter: 20, quota: false });
  throttle.waitOut({ retryAfter: 2, quota: false });
  assert.equal(await throttle.wait(), 20_000);
});

Deno.test("an abort during a pause rejects at once with an AbortError", async () => {
  const w = world({ sleep: () => new Promise(() => {}) });
  const controller = new AbortController();
  const throttle = w.gate.forRequest(controller.signal, "GET /v1/a", undefined);
  throttle.waitOut({ retryAfter: 30, quota: false });
  const waiting = throttle.wait();
  controller.abort();
  await assert.rejects(waiting, { name: "AbortError", message: /GET \/v1\/a.*cancelled/ });
});
