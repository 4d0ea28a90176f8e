import assert from "node:assert/strict";
import { generateCatalog, SAMPLE_SEED } from "./gen_sample.ts";

const committed = await Deno.readTextFile(new URL("../data/sample/catalog.json", import.meta.url));

Deno.test("generateCatalog() with the sample seed gives the committed catalog byte for byte", () => {
  assert.equal(JSON.stringify(generateCatalog(SAMPLE_SEED)) + "\n", committed);
});

Deno.test("generateCatalog() appends the spoken word after the music, which it leaves as it was", () => {
  const catalog = generateCatalog(SAMPLE_SEED);
  assert.deepEqual(Object.keys(catalog).slice(-4), ["shows", "audiobooks", "library", "player"]);
  const { shows: _s, audiobooks: _a, library: _l, player: _p, ...music } = catalog;
  const musicBytes = JSON.stringify(music);
  assert.equal(committed.slice(0, musicBytes.length - 1), musicBytes.slice(0, -1));
  const ids = [
    ...catalog.albums.flatMap((a) => [a.id, ...a.tracks.map((t) => t.id)]),
    ...catalog.shows.flatMap((s) => [s.id, ...s.episodes.map((e) => e.id)]),
    ...catalog.audiobooks.flatMap((b) => [b.id, ...b.chapters.map((c) => c.id)]),
  ];
  assert.equal(new Set(ids).size, ids.length, "no id repeats across the two streams");
});

Deno.test("generateCatalog() is pure: another seed gives another catalog, the same seed the same", () => {
  const a = generateCatalog(7);
  assert.notEqual(a.artists[0]!.id, generateCatalog(8).artists[0]!.id);
  assert.deepEqual(generateCatalog(7), a);
});
