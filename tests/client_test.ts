/**
 * The client against the emulator over real HTTP on 127.0.0.1.
 */
import assert from "node:assert/strict";
import { ApiError } from "../lib/core/errors.ts";
import { setup } from "./_client_setup.ts";
import { loadSampleCatalog } from "../emulator/mod.ts";

const apiRequests = (log: { path: string }[], prefix: string) =>
  log.filter((r) => r.path.startsWith(prefix)).length;

Deno.test("client.search() in Development Mode pages by 10 following next to the end", async () => {
  await using t = await setup();
  const all = loadSampleCatalog().artists.filter((a) => a.name.toLowerCase().includes("the"));
  assert.ok(all.length > 10, "the sample needs more than one page of matches");
  const found = await t.client.search("the", "artist", { max: 50 });
  assert.equal(found.length, all.length);
  assert.equal(new Set(found.map((a) => a.id)).size, all.length);
  assert.equal(apiRequests(t.server.emulator.log, "/v1/search"), Math.ceil(all.length / 10));
  assert.ok(
    t.server.emulator.log.every((r) =>
      !r.path.startsWith("/v1/search") || r.path.includes("limit=10")
    ),
  );
});

Deno.test("client.search() stops at max and reports progress", async () => {
  await using t = await setup();
  const progress: [number, number | undefined][] = [];
  const found = await t.client.search("the", "artist", {
    max: 12,
    onProgress: (done, total) => progress.push([done, total]),
  });
  assert.equal(found.length, 12);
  assert.deepEqual(progress, [[10, 12], [12, 12]]);
});

Deno.test("client.artistAlbums() and albumTracks() collect every page", async () => {
  await using t = await setup();
  const catalog = loadSampleCatalog();
  const artist = catalog.artists.find((a) =>
    catalog.albums.filter((al) => al.artist_ids[0] === a.id).length > 10
  )!;
  const albums = await t.client.artistAlbums(artist.id!);
  const expected = catalog.albums.filter((al) => al.artist_ids.includes(artist.id));
  assert.deepEqual(new Set(albums.map((a) => a.id)), new Set(expected.map((a) => a.id)));
  const big = catalog.albums.reduce((a, b) => (b.tracks.length > a.tracks.length ? b : a));
  const tracks = await t.client.albumTracks(big.id);
  assert.deepEqual(tracks.map((tr) => tr.id), big.tracks.map((tr) => tr.id));
});

Deno.test("client.album() and track() return typed objects, stripped in Development Mode", async () => {
  await using t = await setup();
  const album = loadSampleCatalog().albums[0]!;
  const full = await t.client.album(album.id);
  assert.equal(full.name, album.name);
  assert.equal(full.popularity, undefined);
  const track = await t.client.track(album.tracks[0]!.id);
  assert.equal(track.album?.id, album.id);
  assert.equal(track.popularity, undefined);
});

Deno.test("client refreshes the token once after a 401 and the request succeeds", async () => {
  let emulatorNow = Date.now();
  await using t = await setup({ now: () => emulatorNow });
  const artist = loadSampleCatalog().artists[0]!;
  await t.client.artist(artist.id);
  emulatorNow += 3600_000; // the emulator sees the token expire; the client's clock does not
  const again = await t.client.artist(artist.id);
  assert.equal(again.id, artist.id);
  const statuses = t.server.emulator.log.map((r) => `${r.status} ${r.path.split("?")[0]}`);
  assert.ok(statuses.includes(`401 /v1/artists/${artist.id}`), statuses.join("\n"));
  assert.equal(statuses.filter((s) => s === "200 /api/token").length, 2);
});

Deno.test("client errors name the method, path, status and the API's message", async () => {
  await using t = await setup();
  await assert.rejects(t.client.album("0000000000000000000000"), (error: unknown) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 404);
    assert.equal(error.url, "/v1/albums/0000000000000000000000");
    assert.equal(
      error.message,
      'Cannot fetch "GET /v1/albums/0000000000000000000000": Spotify answered 404 "Resource not found" (no such id, or an endpoint Spotify removed for new apps; check the id)',
    );
    return true;
  });
});

Deno.test("client refuses bad ids and empty queries with a TypeError before any request", async () => {
  await using t = await setup();
  await assert.rejects(t.client.artist("not an id"), TypeError);
  await assert.rejects(t.client.search("  ", "artist"), TypeError);
  assert.equal(t.server.emulator.log.length, 0);
});
