/**
 * The sample's contents in `data/sample/README.md` are what `tools/sample_contents.ts` makes of
 * the catalog, and a new user offline finds what it lists by searching for it.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { connect } from "../lib/mod.ts";
import { loadSampleCatalog } from "../emulator/mod.ts";
import { contentsSection, withContents } from "../tools/sample_contents.ts";

const README = fileURLToPath(new URL("../data/sample/README.md", import.meta.url));

Deno.test("data/sample/README.md lists what the catalog holds, as tools/sample_contents.ts writes it", async () => {
  const readme = await Deno.readTextFile(README);
  const catalog = loadSampleCatalog();
  assert.equal(readme, withContents(readme, contentsSection(catalog)), "run the tool");
  for (
    const item of [
      ...catalog.artists,
      ...catalog.playlists,
      ...catalog.shows,
      ...catalog.audiobooks,
    ]
  ) {
    assert.ok(readme.includes(`"${item.name}"`), item.name);
  }
});

Deno.test("offline, searching for a name the sample's README lists finds it first", async () => {
  await using spotify = await connect({ env: {}, envFile: false, cacheDir: false });
  const catalog = loadSampleCatalog();
  const picks = [catalog.artists[0]!, catalog.artists[17]!, catalog.artists[29]!];
  for (const artist of picks) {
    const [found] = await spotify.client.search(artist.name, "artist", { max: 1 });
    assert.equal(found?.name, artist.name);
  }
  const [show] = await spotify.client.search(catalog.shows[2]!.name, "show", { max: 1 });
  assert.equal(show?.name, catalog.shows[2]!.name);
  const [book] = await spotify.client.search(catalog.audiobooks[1]!.name, "audiobook", { max: 1 });
  assert.equal(book?.name, catalog.audiobooks[1]!.name);
  const foxes = await spotify.client.search("fox", "artist", { max: 10 });
  assert.ok(foxes.some((a) => a.name === "The Gilded Foxes"), "a part of a word finds it");
  await assert.rejects(spotify.client.search("", "artist"), {
    name: "TypeError",
    message: /^Cannot search for "": give a word of a name/,
  });
});
