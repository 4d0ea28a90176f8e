import assert from "node:assert/strict";
import { describe, progressBar, type ProgressState } from "./progress.ts";

Deno.test("progressBar() redraws at most once per interval, always the last, with rate and time left", () => {
  let now = 0;
  const drawn: [ProgressState, boolean][] = [];
  const onProgress = progressBar("Fetching albums", {
    unit: "albums",
    intervalMs: 100,
    now: () => now,
    sink: { draw: (state, first) => drawn.push([{ ...state }, first]) },
  });
  now = 1000;
  onProgress(10, 40); // drawn: the first
  now = 1050;
  onProgress(12, 40); // too soon
  now = 2000;
  onProgress(20, 40); // drawn
  now = 2010;
  onProgress(40, 40); // the last is always drawn
  assert.deepEqual(drawn.map(([s, first]) => [s.done, first]), [[10, true], [20, false], [
    40,
    false,
  ]]);
  assert.equal(
    describe(drawn[1]![0]),
    "Fetching albums: 20/40 albums (50%), 10/s, about 2 s left",
  );
  assert.equal(describe(drawn[2]![0]), "Fetching albums: 40/40 albums (100%), 20/s, done");
});

Deno.test("progressBar() without a total counts and shows the rate only", () => {
  const drawn: ProgressState[] = [];
  let now = 0;
  const onProgress = progressBar("Searching", {
    now: () => now,
    sink: { draw: (s) => drawn.push(s) },
  });
  now = 500;
  onProgress(5, undefined);
  assert.equal(describe(drawn[0]!), "Searching: 5 items, 10/s");
});

Deno.test("progressBar() shows a rate-limit wait at once, and the next update clears it", () => {
  let now = 0;
  const lines: string[] = [];
  const onProgress = progressBar("Fetching albums", {
    unit: "albums",
    intervalMs: 1000,
    now: () => now,
    sink: { draw: (state) => lines.push(describe(state)) },
  });
  onProgress(10, 40);
  now = 10;
  onProgress(10, 40, { waiting: 30 }); // within the interval, yet drawn: news
  assert.match(
    lines.at(-1)!,
    /^Fetching albums: 10\/40 albums \(25%\).*, waiting 30 s for Spotify's rate limit$/,
  );
  now = 2000;
  onProgress(20, 40);
  assert.ok(!lines.at(-1)!.includes("waiting"), lines.at(-1));
  assert.equal(lines.length, 3);
});
