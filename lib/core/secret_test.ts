import assert from "node:assert/strict";
import { AuthError, SpotifyError } from "./errors.ts";
import { rememberSecret, scrub, scrubValue, Secret } from "./secret.ts";

Deno.test("scrub() removes every known secret, URL-encoded too, and echoed credential shapes", () => {
  new Secret("known/secret+value=");
  assert.equal(scrub("a known/secret+value= b"), "a [redacted] b");
  assert.equal(scrub(`x=${encodeURIComponent("known/secret+value=")}`), "x=[redacted]");
  assert.equal(
    scrub('{"access_token":"abc","refresh_token": "def"}'),
    '{"access_token":"[redacted]","refresh_token": "[redacted]"}',
  );
  assert.equal(
    scrub("grant_type=authorization_code&code=AQBxyz123&code_verifier=abcdefghijk"),
    "grant_type=authorization_code&code=[redacted]&code_verifier=[redacted]",
  );
  assert.equal(
    scrub("Authorization: Bearer BQD0123456789abcdefghijklmnop"),
    "Authorization: Bearer [redacted]",
  );
  assert.equal(
    scrub("Basic information and a bearer of news"),
    "Basic information and a bearer of news",
  );
});

Deno.test("scrubValue() scrubs strings at any depth of a body without touching other values", () => {
  rememberSecret("bodySecret0001");
  const body = {
    error: { message: "bad bodySecret0001", status: 400, list: ["bodySecret0001", 1, null] },
  };
  assert.deepEqual(scrubValue(body), {
    error: { message: "bad [redacted]", status: 400, list: ["[redacted]", 1, null] },
  });
  assert.equal(body.error.message, "bad bodySecret0001", "the original is left alone");
  const cyclic: Record<string, unknown> = { a: "x" };
  cyclic.self = cyclic;
  assert.doesNotThrow(() => scrubValue(cyclic));
});

Deno.test("every error of the family scrubs its message, stack, fields and cause chain", () => {
  rememberSecret("chainSecret0001");
  const root = new Error("deep chainSecret0001");
  const middle = new TypeError("middle chainSecret0001", { cause: root });
  const error = new AuthError("top chainSecret0001", {
    cause: middle,
    description: "d chainSecret0001",
  });
  assert.ok(error instanceof SpotifyError);
  const seen = [
    error.message,
    error.stack,
    error.description,
    middle.message,
    middle.stack,
    root.message,
    Deno.inspect(error),
  ];
  for (const text of seen) assert.ok(!String(text).includes("chainSecret0001"), text);
});
