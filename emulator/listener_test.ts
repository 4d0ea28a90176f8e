import assert from "node:assert/strict";
import { SampleListener } from "./listener.ts";
import { loadSampleCatalog } from "./sample.ts";

const DAY = 86_400_000;
const catalog = loadSampleCatalog();

Deno.test("the sample listener starts at the catalog's moment and plays on, the same plays every run, as the clock moves", () => {
  let now = 1_000_000;
  const listener = new SampleListener(catalog, () => now);
  assert.deepEqual(listener.recent(), catalog.user.recently_played);
  assert.deepEqual(listener.top("artists", "short_term"), catalog.user.top.artists.short_term);
  now += DAY;
  const recent = listener.recent();
  assert.equal(recent.length, 50);
  const times = recent.map((p) => Date.parse(p.played_at));
  assert.deepEqual(times, [...times].sort((a, b) => b - a), "newest first");
  assert.ok(times[0]! <= Date.parse(catalog.now) + DAY && times[0]! > Date.parse(catalog.now));
  // Another emulator, started at another time and moved as far, hears the same plays.
  let other = 5_000_000;
  const again = new SampleListener(catalog, () => other);
  other += DAY;
  assert.deepEqual(again.recent(), recent);
  now += 5 * DAY;
  assert.notDeepEqual(listener.top("artists", "short_term"), catalog.user.top.artists.short_term);
  assert.deepEqual(
    [...listener.top("artists", "short_term")].sort(),
    [...catalog.user.top.artists.short_term!].sort(),
  );
});
