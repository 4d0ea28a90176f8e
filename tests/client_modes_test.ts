/**
 * The client's mode awareness against the emulator in both modes: page sizes, the several-at-once
 * helpers, endpoints refused for the mode, `auto` learning from a 403, playlist entries.
 */
import assert from "node:assert/strict";
import { connect, fetchDiscography, ModeError } from "../lib/mod.ts";
import { loadSampleCatalog } from "../emulator/mod.ts";
import { expectedDiscography } from "../emulator/testing.ts";
import { MODES, setup } from "./_client_setup.ts";

const catalog = loadSampleCatalog();
const trackIds = catalog.albums.flatMap((a) => a.tracks.map((t) => t.id)).slice(0, 60);
const albumIds = catalog.albums.slice(0, 25).map((a) => a.id);
const artistIds = catalog.artists.slice(0, 12).map((a) => a.id);

for (const mode of MODES) {
  Deno.test(`${mode}: 50 search results come in pages of the largest size the mode allows`, async () => {
    await using t = await setup({ mode });
    const found = await t.client.search("a", "track", { max: 50 });
    assert.equal(found.length, 50);
    assert.equal(new Set(found.map((x) => x.id)).size, 50);
    const pages = t.requests("/v1/search");
    assert.equal(pages.length, mode === "development" ? 5 : 1);
    assert.ok(pages.every((r) => r.path.includes(`limit=${mode === "development" ? 10 : 50}`)));
  });

  Deno.test(`${mode}: tracks(), albums() and artists() answer in id order with null for unknown ids`, async () => {
    await using t = await setup({ mode });
    const unknown = "0000000000000000000000";
    const tracks = await t.client.tracks([...trackIds, unknown, trackIds[0]!]);
    assert.equal(tracks.length, trackIds.length + 2);
    assert.deepEqual(tracks.slice(0, trackIds.length).map((x) => x?.id), trackIds);
    assert.equal(tracks[trackIds.length], null);
    assert.equal(tracks.at(-1)?.id, trackIds[0]);
    const albums = await t.client.albums(albumIds);
    assert.deepEqual(albums.map((a) => a?.id), albumIds);
    assert.ok(albums.every((a) => (a?.tracks?.items?.length ?? 0) > 0));
    const artists = await t.client.artists(artistIds);
    assert.deepEqual(artists.map((a) => a?.name), catalog.artists.slice(0, 12).map((a) => a.name));
    const batch = t.requests().filter((r) => /^\/v1\/(tracks|albums|artists)\?/.test(r.path));
    const single = t.requests().filter((r) => /^\/v1\/(tracks|albums|artists)\/\w+$/.test(r.path));
    if (mode === "development") {
      // One request per distinct id, none to the batch endpoints.
      assert.equal(batch.length, 0);
      assert.equal(single.length, trackIds.length + 1 + albumIds.length + artistIds.length);
    } else {
      // ceil(61 / 50) + ceil(25 / 20) + ceil(12 / 50).
      assert.equal(batch.length, 2 + 2 + 1);
      assert.equal(single.length, 0);
    }
  });

  Deno.test(`${mode}: the several-at-once helpers report progress up to the total`, async () => {
    await using t = await setup({ mode });
    const seen: [number, number | undefined][] = [];
    await t.client.tracks(trackIds, { onProgress: (done, total) => seen.push([done, total]) });
    assert.deepEqual(seen.at(-1), [trackIds.length, trackIds.length]);
    assert.ok(seen.every(([done], i) => i === 0 || done >= seen[i - 1]![0]));
  });

  Deno.test(`${mode}: playlist entries carry the track under item, whichever key the mode sends`, async () => {
    await using t = await setup({ mode });
    const owned = catalog.playlists.find((p) => p.owner_id === catalog.user.id)!;
    // Client credentials cannot read a playlist's items in Development Mode; Extended can.
    if (mode === "development") {
      await assert.rejects(t.client.playlistItems(owned.id), /403/);
      return;
    }
    const entries = await t.client.playlistItems(owned.id);
    assert.equal(entries.length, owned.items.length);
    assert.deepEqual(entries.map((e) => e.item?.id), owned.items.map((e) => e.track_id));
    assert.ok(entries.every((e) => !("track" in e)));
    const playlist = await t.client.playlist(owned.id);
    const page = playlist.items as { items: { item?: { id?: string } }[] };
    assert.equal(page.items[0]?.item?.id, owned.items[0]!.track_id);
    assert.equal("tracks" in playlist, false);
  });

  Deno.test(`${mode}: fetchDiscography() makes exactly the minimum number of requests`, async () => {
    await using t = await setup({ mode });
    const artists = catalog.artists.slice(0, 4).map((a) => a.id);
    const { albums, tracks } = await fetchDiscography(t.client, artists);
    const expected = expectedDiscography(catalog, artists, mode);
    assert.deepEqual(new Set(albums.map((a) => a.id)), expected.albumIds);
    assert.equal(tracks.length, expected.tracks);
    assert.ok(tracks.every((tr) => tr.album?.name !== undefined && tr.album.tracks === undefined));
    assert.equal(t.requests().length, expected.minimumRequests);
  });
}

Deno.test("development: an endpoint the mode lacks is refused before any request", async () => {
  await using t = await setup({ mode: "development" });
  const artist = catalog.artists[0]!.id;
  await assert.rejects(t.client.artistTopTracks(artist, { market: "SE" }), (error: unknown) => {
    assert.ok(error instanceof ModeError);
    assert.equal(error.endpoint, "GET /artists/{id}/top-tracks");
    assert.equal(error.mode, "development");
    assert.match(error.message, /not available to Development Mode apps/);
    return true;
  });
  await assert.rejects(t.client.get("/audio-features/x"), ModeError);
  assert.equal(t.requests().length, 0);
});

Deno.test("extended: the same call reaches the endpoint", async () => {
  await using t = await setup({ mode: "extended" });
  const tracks = await t.client.artistTopTracks(catalog.artists[0]!.id, { market: "SE" });
  assert.ok(tracks.length > 0);
});

Deno.test("auto: the first 403 on a batch endpoint switches to development and the work completes", async () => {
  await using t = await setup({ mode: "development", client: { mode: "auto" } });
  assert.equal(t.client.mode, "auto");
  const tracks = await t.client.tracks(trackIds.slice(0, 5));
  assert.deepEqual(tracks.map((x) => x?.id), trackIds.slice(0, 5));
  assert.equal(t.client.mode, "development");
  const albums = await t.client.albums(albumIds.slice(0, 3));
  assert.deepEqual(albums.map((a) => a?.id), albumIds.slice(0, 3));
  const batch = t.requests().filter((r) => /^\/v1\/(tracks|albums)\?/.test(r.path));
  assert.deepEqual(batch.map((r) => r.status), [403], "one batch attempt, never again");
});

Deno.test("auto: a 403 on another endpoint the mode lacks becomes a ModeError and teaches the client", async () => {
  await using t = await setup({ mode: "development", client: { mode: "auto" } });
  await assert.rejects(t.client.get("/browse/new-releases"), ModeError);
  assert.equal(t.client.mode, "development");
  await assert.rejects(t.client.get("/markets"), ModeError);
  assert.equal(t.requests().length, 1, "the second is refused before any request");
});

Deno.test("auto: on an Extended app the batch endpoints are used", async () => {
  await using t = await setup({ mode: "extended", client: { mode: "auto" } });
  await t.client.tracks(trackIds);
  assert.equal(t.client.mode, "auto");
  assert.equal(t.requests().length, 2);
});

Deno.test("a refusal names the client's own mode option, and through connect() the .env variable", async () => {
  const artist = catalog.artists[0]!.id;
  await using t = await setup({ mode: "development" });
  await assert.rejects(t.client.artistTopTracks(artist, { market: "SE" }), (error: unknown) => {
    assert.ok(error instanceof ModeError);
    assert.match(error.message, /mode: "development" in the client's options/);
    assert.doesNotMatch(error.message, /\.env|SPOTIFY_/);
    return true;
  });
  await using spotify = await connect({
    env: { SPOTIFY_MODE: "development" },
    envFile: false,
    cacheDir: false,
  });
  await assert.rejects(
    spotify.client.artistTopTracks(artist, { market: "SE" }),
    (error: unknown) => {
      assert.ok(error instanceof ModeError);
      assert.match(error.message, /SPOTIFY_MODE=development in \.env/);
      return true;
    },
  );
});
