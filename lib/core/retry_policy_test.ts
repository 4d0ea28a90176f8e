import assert from "node:assert/strict";
import { parseRetryAfter } from "./retry_policy.ts";

Deno.test("parseRetryAfter() reads delta-seconds and HTTP dates, and falls back to 1 s", () => {
  const now = Date.parse("2026-11-28T10:00:00Z");
  assert.equal(parseRetryAfter("30", now), 30);
  assert.equal(parseRetryAfter(" 7 ", now), 7);
  assert.equal(parseRetryAfter("0", now), 0);
  assert.equal(parseRetryAfter("Sat, 28 Nov 2026 10:01:30 GMT", now), 90);
  assert.equal(parseRetryAfter("Sat, 28 Nov 2026 09:00:00 GMT", now), 0, "a date past is no wait");
  assert.equal(parseRetryAfter(null, now), 1);
  assert.equal(parseRetryAfter("soon", now), 1);
  assert.equal(parseRetryAfter("-5", now), 1);
  assert.equal(parseRetryAfter("1.5", now), 2, "a fraction rounds up");
});
