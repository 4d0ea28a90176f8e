import assert from "node:assert/strict";
import type { AppMode } from "../core/config.ts";
import { ModeError } from "../core/errors.ts";
import { CLIENT_ADVICE } from "./_classify.ts";
import { createModeGate } from "./_mode_gate.ts";

function gate(start: AppMode) {
  let mode = start;
  let learned = 0;
  const modeGate = createModeGate({
    mode: () => mode,
    onDevelopmentMode: () => {
      learned++;
      mode = "development";
    },
    advice: CLIENT_ADVICE,
  });
  return { modeGate, mode: () => mode, learned: () => learned };
}

Deno.test("the mode gate refuses, before any request, an endpoint development mode lacks", () => {
  const { modeGate } = gate("development");
  assert.throws(() => modeGate.check("/artists/x/top-tracks", "GET /v1/artists/x/top-tracks"), (
    error: unknown,
  ) => {
    assert.ok(error instanceof ModeError);
    assert.equal(error.endpoint, "GET /artists/{id}/top-tracks");
    assert.match(
      error.message,
      /^Cannot fetch "GET \/v1\/artists\/x\/top-tracks": it is not available to Development Mode apps/,
    );
    return true;
  });
  modeGate.check("/albums/x", "GET /v1/albums/x"); // what the mode has passes
});

Deno.test("the mode gate lets auto and extended try every endpoint", () => {
  for (const mode of ["auto", "extended"] as const) {
    gate(mode).modeGate.check("/markets", "GET /v1/markets");
  }
});

Deno.test("in auto, a 403 on an endpoint development mode lacks switches the client and says why", () => {
  const g = gate("auto");
  const error = g.modeGate.learn("/markets", "GET /v1/markets", { status: 403, body: { x: 1 } });
  assert.ok(error instanceof ModeError);
  assert.match(error.message, /Spotify answered 403, so this app is in Development Mode/);
  assert.deepEqual(error.cause, { x: 1 });
  assert.equal(g.mode(), "development");
  assert.equal(g.learned(), 1);
  assert.throws(() => g.modeGate.check("/markets", "GET /v1/markets"), ModeError);
});

Deno.test("a 403 on an endpoint every mode has, or in a set mode, teaches nothing", () => {
  const auto = gate("auto");
  assert.equal(
    auto.modeGate.learn("/albums/x", "GET /v1/albums/x", { status: 403, body: {} }),
    undefined,
  );
  assert.equal(
    auto.modeGate.learn("/markets", "GET /v1/markets", { status: 404, body: {} }),
    undefined,
  );
  assert.equal(auto.mode(), "auto");
  const extended = gate("extended");
  assert.equal(
    extended.modeGate.learn("/markets", "GET /v1/markets", { status: 403, body: {} }),
    undefined,
  );
  assert.equal(extended.mode(), "extended");
});
