import assert from "node:assert/strict";
import { createDeadline } from "./_deadline.ts";
import { AGAIN, retrying, type RetryStepOptions, type Try } from "./_retry.ts";

const POLICY = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 8_000 };

function world(overrides: Partial<RetryStepOptions> = {}) {
  const clock = { now: 0 };
  const slept: number[] = [];
  const options: RetryStepOptions = {
    policy: POLICY,
    random: () => 1,
    sleep: (ms) => {
      slept.push(ms);
      clock.now += ms;
      return Promise.resolve();
    },
    deadline: createDeadline(45_000, () => clock.now),
    what: "GET /v1/albums/x",
    ...overrides,
  };
  return { clock, slept, options };
}

/** A try failing `n` times with a passing fault, then done. */
function flaky(n: number, failures: { tries: number; overDeadline: boolean }[] = []) {
  let calls = 0;
  return {
    calls: () => calls,
    run: (): Promise<Try<string>> => {
      calls++;
      return Promise.resolve(
        calls <= n
          ? {
            kind: "transient",
            fail: (tries, overDeadline) => {
              failures.push({ tries, overDeadline });
              return new Error(`busy after ${tries}`);
            },
          }
          : { kind: "done", value: "answer" },
      );
    },
  };
}

Deno.test("a passing fault is retried after a backoff that doubles, then the answer comes", async () => {
  const w = world();
  const tries = flaky(3);
  assert.equal(await retrying(tries.run, w.options), "answer");
  assert.deepEqual(w.slept, [250, 500, 1_000]);
  assert.equal(tries.calls(), 4);
});

Deno.test("the backoff is capped and jittered: half fixed, half random", async () => {
  const w = world({ random: () => 0, policy: { ...POLICY, maxRetries: 8, maxDelayMs: 1_000 } });
  await retrying(flaky(5).run, w.options);
  assert.deepEqual(w.slept, [125, 250, 500, 500, 500]);
});

Deno.test("when the tries run out, the fault's own error says how many there were", async () => {
  const w = world();
  const failures: { tries: number; overDeadline: boolean }[] = [];
  await assert.rejects(retrying(flaky(10, failures).run, w.options), /busy after 4/);
  assert.deepEqual(failures, [{ tries: 4, overDeadline: false }]);
  assert.equal(w.slept.length, 3);
});

Deno.test("when the deadline leaves no time for the pause, the request ends, saying so", async () => {
  const w = world();
  w.options.deadline = createDeadline(600, () => w.clock.now);
  const failures: { tries: number; overDeadline: boolean }[] = [];
  await assert.rejects(retrying(flaky(10, failures).run, w.options), /busy after 2/);
  assert.deepEqual(w.slept, [250]);
  assert.deepEqual(failures, [{ tries: 2, overDeadline: true }]);
});

Deno.test("a try that goes again at once (a refresh, a 429 pause) neither waits nor counts", async () => {
  const w = world({ policy: { ...POLICY, maxRetries: 0 } });
  let calls = 0;
  const value = await retrying(
    () => Promise.resolve(++calls < 4 ? AGAIN : { kind: "done" as const, value: calls }),
    w.options,
  );
  assert.equal(value, 4);
  assert.deepEqual(w.slept, []);
});

Deno.test("an abort during a backoff rejects at once with an AbortError", async () => {
  const controller = new AbortController();
  const w = world({ sleep: () => new Promise(() => {}), signal: controller.signal });
  const pending = retrying(flaky(1).run, w.options);
  setTimeout(() => controller.abort(), 0);
  await assert.rejects(pending, { name: "AbortError" });
});
