import assert from "node:assert/strict";
import { createLimiter } from "./_limiter.ts";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

Deno.test("createLimiter() runs at most n tasks at once, in arrival order", async () => {
  const limiter = createLimiter(2);
  let running = 0;
  let peak = 0;
  const order: number[] = [];
  await Promise.all(Array.from({ length: 7 }, (_, i) =>
    limiter.run(async () => {
      order.push(i);
      peak = Math.max(peak, ++running);
      await tick();
      running--;
    })));
  assert.equal(peak, 2);
  assert.deepEqual(order, [0, 1, 2, 3, 4, 5, 6]);
});

Deno.test("createLimiter() frees the slot of a task that fails", async () => {
  const limiter = createLimiter(1);
  await assert.rejects(limiter.run(() => Promise.reject(new Error("boom"))), /boom/);
  assert.equal(await limiter.run(() => Promise.resolve(7)), 7);
});

Deno.test("createLimiter() lets a waiting task whose signal aborts leave the queue at once", async () => {
  const limiter = createLimiter(1);
  let release = () => {};
  const busy = limiter.run(() => new Promise<void>((resolve) => release = resolve));
  const controller = new AbortController();
  let ran = false;
  const waiting = limiter.run(() => {
    ran = true;
    return Promise.resolve();
  }, controller.signal);
  controller.abort();
  await assert.rejects(waiting, { name: "AbortError" });
  release();
  await busy;
  assert.equal(ran, false, "the aborted task never ran");
  assert.equal(await limiter.run(() => Promise.resolve("free")), "free", "its slot was not lost");
  await assert.rejects(limiter.run(() => Promise.resolve(), AbortSignal.abort()), {
    name: "AbortError",
  });
});

Deno.test("createLimiter() refuses a concurrency that is not a whole number of at least 1", () => {
  for (const n of [0, -1, 1.5, NaN]) {
    assert.throws(() => createLimiter(n), RangeError);
  }
});
