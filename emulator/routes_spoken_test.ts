import assert from "node:assert/strict";
import { ALL_SCOPES, appHeaders, call, emulator, signIn } from "./_test_helpers.ts";
import { loadSampleCatalog } from "./sample.ts";

const catalog = loadSampleCatalog();
const show = catalog.shows[0]!;
const book = catalog.audiobooks[0]!;
const episode = show.episodes[0]!;
const FORBIDDEN = { error: { status: 403, message: "Forbidden" } };
const PLAYBACK = ["user-read-playback-state", "user-read-currently-playing"];

Deno.test("shows and audiobooks answer in both modes, stripped in Development Mode; their batch endpoints only in Extended", async () => {
  const dev = emulator({ mode: "development" });
  const devApp = await appHeaders(dev);
  const ext = emulator({ mode: "extended" });
  const extApp = await appHeaders(ext);
  const stripped = await call(dev, `/v1/shows/${show.id}`, { headers: devApp });
  assert.equal(stripped.body.episodes.total, show.episodes.length);
  assert.equal("publisher" in stripped.body || "available_markets" in stripped.body, false);
  const full = await call(ext, `/v1/shows/${show.id}`, { headers: extApp });
  assert.equal(full.body.publisher, show.publisher);
  for (const batch of ["shows", "episodes", "audiobooks", "chapters"]) {
    const path = `/v1/${batch}?ids=${show.id}`;
    assert.deepEqual((await call(dev, path, { headers: devApp })).body, FORBIDDEN, path);
  }
  const several = await call(ext, `/v1/audiobooks?ids=${book.id},${show.id}`, { headers: extApp });
  assert.deepEqual(several.body.audiobooks.map((b: { id: string } | null) => b?.id ?? null), [
    book.id,
    null,
  ]);
  const chapters = await call(dev, `/v1/audiobooks/${book.id}/chapters?limit=5&offset=5`, {
    headers: devApp,
  });
  assert.deepEqual(
    chapters.body.items.map((c: { chapter_number: number }) => c.chapter_number),
    [5, 6, 7, 8, 9],
  );
  const chapter = await call(dev, `/v1/chapters/${book.chapters[2]!.id}`, { headers: devApp });
  assert.equal(chapter.body.audiobook.id, book.id);
  assert.equal(chapter.body.uri, `spotify:episode:${book.chapters[2]!.id}`);
});

Deno.test("a show's episodes page by 20 (at most 50), newest first, with is_playable for a market", async () => {
  const em = emulator();
  const headers = await appHeaders(em);
  const first = await call(em, `/v1/shows/${show.id}/episodes`, { headers });
  assert.equal(first.body.items.length, 20);
  assert.equal(first.body.items[0].id, episode.id);
  assert.ok(first.body.items[0].release_date >= first.body.items[19].release_date);
  assert.equal((await call(em, `/v1/shows/${show.id}/episodes?limit=51`, { headers })).status, 400);
  const inJapan = await call(em, `/v1/episodes/${episode.id}?market=JP`, { headers });
  assert.equal(inJapan.body.is_playable, true);
  assert.equal(inJapan.body.show.id, show.id);
  const book = catalog.audiobooks[0]!;
  const inSweden = await call(em, `/v1/chapters/${book.chapters[0]!.id}?market=SE`, { headers });
  assert.equal(inSweden.body.is_playable, false, "audiobooks are sold in AU, CA, GB, US only");
});

Deno.test("episodes carry the listener's resume_point only for a token with user-read-playback-position", async () => {
  const em = emulator();
  const point = catalog.library.resume_points[0]!;
  const path = `/v1/episodes/${point.id}`;
  assert.equal(
    "resume_point" in (await call(em, path, { headers: await appHeaders(em) })).body,
    false,
  );
  const without = await signIn(em, ALL_SCOPES);
  assert.equal("resume_point" in (await call(em, path, { headers: without.headers })).body, false);
  const withScope = await signIn(em, [...ALL_SCOPES, "user-read-playback-position"]);
  assert.deepEqual((await call(em, path, { headers: withScope.headers })).body.resume_point, {
    resume_position_ms: point.resume_position_ms,
    fully_played: point.fully_played,
  });
});

Deno.test("search finds shows, episodes and audiobooks, paged by 5 in Development Mode", async () => {
  const em = emulator({ mode: "development" });
  const headers = await appHeaders(em);
  const { status, body } = await call(em, "/v1/search?q=gilded&type=show,episode,audiobook", {
    headers,
  });
  assert.equal(status, 200);
  assert.equal(body.shows.items[0].id, show.id);
  assert.equal(body.episodes.total, show.episodes.length);
  assert.equal(body.episodes.items.length, 5);
  assert.equal(body.audiobooks.total, 0);
  const byAuthor = await call(em, `/v1/search?q=${book.authors[0]}&type=audiobook`, { headers });
  assert.equal(byAuthor.body.audiobooks.items[0].id, book.id);
});

Deno.test("the listener's saved shows, episodes and audiobooks page like saved tracks and need user-library-read", async () => {
  const em = emulator();
  const { headers } = await signIn(em);
  const shows = await call(em, "/v1/me/shows", { headers });
  assert.deepEqual(
    shows.body.items.map((s: { show: { id: string } }) => s.show.id),
    catalog.library.saved_shows.map((s) => s.show_id),
  );
  const episodes = await call(em, "/v1/me/episodes?limit=3", { headers });
  assert.equal(episodes.body.total, catalog.library.saved_episodes.length);
  assert.equal(episodes.body.items.length, 3);
  assert.ok(episodes.body.items[0].episode.show.name);
  const books = await call(em, "/v1/me/audiobooks", { headers });
  assert.equal(
    books.body.items[0].audiobook.chapters.total,
    catalog.audiobooks[0]!.chapters.length,
  );
  const noScope = await signIn(em, ["user-read-recently-played"]);
  assert.equal((await call(em, "/v1/me/shows", { headers: noScope.headers })).status, 403);
  assert.equal((await call(em, "/v1/me/shows", { headers: await appHeaders(em) })).status, 401);
});

Deno.test("library checks: /me/library/contains in both modes with each URI type's scope, the per-type checks only in Extended", async () => {
  const saved = catalog.library.saved_shows[0]!.show_id;
  const uris = [
    `spotify:show:${saved}`,
    `spotify:episode:${catalog.shows[1]!.episodes.at(-1)!.id}`,
    `spotify:track:${catalog.user.saved_tracks[0]!.track_id}`,
    `spotify:artist:${catalog.user.followed_artists[0]}`,
    "spotify:user:fictional.curator",
  ].join(",");
  for (const mode of ["development", "extended"] as const) {
    const em = emulator({ mode });
    const { headers } = await signIn(em);
    const answer = await call(em, `/v1/me/library/contains?uris=${uris}`, { headers });
    assert.deepEqual(answer.body, [true, false, true, true, true], mode);
    const perType = await call(em, `/v1/me/shows/contains?ids=${saved}`, { headers });
    assert.deepEqual(perType.body, mode === "development" ? FORBIDDEN : [true]);
  }
  const em = emulator();
  const libraryOnly = await signIn(em, ["user-library-read"]);
  const followed = `spotify:artist:${catalog.user.followed_artists[0]}`;
  assert.equal(
    (await call(em, `/v1/me/library/contains?uris=${followed}`, { headers: libraryOnly.headers }))
      .status,
    403,
  );
  const many = Array.from({ length: 41 }, () => `spotify:show:${saved}`).join(",");
  assert.equal(
    (await call(em, `/v1/me/library/contains?uris=${many}`, { headers: libraryOnly.headers }))
      .status,
    400,
  );
});

Deno.test("the player: state, devices, what plays and the queue, behind the playback scopes", async () => {
  const em = emulator({ mode: "development" });
  const { headers } = await signIn(em, PLAYBACK);
  const state = await call(em, "/v1/me/player", { headers });
  assert.equal(state.body.device.name, "Sample Listener's phone");
  assert.equal(state.body.item.id, catalog.player.item.id);
  assert.equal("popularity" in state.body.item, false, "Development Mode strips the track");
  assert.equal((await call(em, "/v1/me/player/devices", { headers })).body.devices.length, 3);
  const current = await call(em, "/v1/me/player/currently-playing", { headers });
  assert.equal(current.body.currently_playing_type, "track");
  const queue = await call(em, "/v1/me/player/queue", { headers });
  assert.deepEqual(
    queue.body.queue.map((q: { type: string }) => q.type),
    catalog.player.queue.map((q) => q.type),
  );
  const other = await signIn(em, ALL_SCOPES);
  assert.equal((await call(em, "/v1/me/player", { headers: other.headers })).status, 403);
});

Deno.test("the player answers 204 with no body when no device is active", async () => {
  const devices = catalog.player.devices.map((d) => ({ ...d, is_active: false }));
  const em = emulator({ catalog: { ...catalog, player: { ...catalog.player, devices } } });
  const { headers } = await signIn(em, PLAYBACK);
  const answer = await call(em, "/v1/me/player", { headers });
  assert.equal(answer.status, 204);
  assert.equal(answer.body, "");
});

Deno.test("Extended mode serves categories, other users' public playlists and playlist followers; Development Mode answers 403", async () => {
  const ext = emulator({ mode: "extended" });
  const headers = await appHeaders(ext);
  const categories = await call(ext, "/v1/browse/categories?limit=50", { headers });
  assert.equal(categories.body.categories.total, 10);
  const rock = await call(ext, "/v1/browse/categories/rock", { headers });
  assert.equal(rock.body.name, "Rock");
  assert.equal((await call(ext, "/v1/browse/categories/polka", { headers })).status, 404);
  const curated = await call(ext, "/v1/users/fictional.curator/playlists", { headers });
  assert.ok(
    curated.body.items.every((p: { owner: { id: string } }) => p.owner.id === "fictional.curator"),
  );
  const theirs = catalog.playlists.find((p) => p.owner_id !== catalog.user.id)!;
  const follows = await call(
    ext,
    `/v1/playlists/${theirs.id}/followers/contains?ids=${catalog.user.id}`,
    { headers },
  );
  assert.deepEqual(follows.body, [true]);
  const dev = emulator({ mode: "development" });
  const devHeaders = await appHeaders(dev);
  for (
    const path of [
      "/v1/browse/categories",
      "/v1/browse/categories/rock",
      "/v1/users/fictional.curator/playlists",
      `/v1/playlists/${theirs.id}/followers/contains`,
    ]
  ) {
    assert.deepEqual((await call(dev, path, { headers: devHeaders })).body, FORBIDDEN, path);
  }
  const images = await call(dev, `/v1/playlists/${theirs.id}/images`, { headers: devHeaders });
  assert.deepEqual(images.body, theirs.images);
});

Deno.test("the new routes are counted by name and revalidate with ETag and 304", async () => {
  const em = emulator();
  const headers = await appHeaders(em);
  const first = await call(em, `/v1/shows/${show.id}/episodes`, { headers });
  const etag = first.headers.get("etag")!;
  const again = await call(em, `/v1/shows/${show.id}/episodes`, {
    headers: { ...headers, "if-none-match": etag },
  });
  assert.equal(again.status, 304);
  await call(em, `/v1/episodes/${episode.id}`, { headers });
  assert.deepEqual(em.counts(), {
    "POST /api/token": 1,
    "GET /shows/{id}/episodes": 2,
    "GET /episodes/{id}": 1,
  });
  assert.deepEqual(em.log.map((l) => l.status), [200, 200, 304, 200]);
  em.failNext("503");
  assert.equal((await call(em, `/v1/chapters/${book.chapters[0]!.id}`, { headers })).status, 503);
});
