/**
 * The read API beyond music (issue 15), against the emulator in both modes: shows, episodes,
 * audiobooks and chapters (one, several, paged), search of the spoken types, the user's saved
 * spoken word, the library checks, the player, playlist images, users' playlists and categories.
 * Paging, `max`, `fresh`, the cache and the capability table work as they do for tracks.
 */
import assert from "node:assert/strict";
import { connect, episodesFrame, ModeError, playlistItemsFrame, showsFrame } from "../lib/mod.ts";
import { loadSampleCatalog } from "../emulator/mod.ts";
import { MODES, setup } from "./_client_setup.ts";

const catalog = loadSampleCatalog();
const [weekly, news] = catalog.shows;
const [book] = catalog.audiobooks;
const { library } = catalog;

/** A signed-in session on a fresh emulator of `mode`, with a cache in a temporary folder if asked. */
async function listener(mode: "development" | "extended" | "auto", cacheDir: string | false) {
  return await connect({
    env: { SPOTIFY_MODE: mode },
    envFile: false,
    cacheDir,
    user: true,
    history: false,
  });
}

for (const mode of MODES) {
  Deno.test(`${mode}: shows, episodes, audiobooks and chapters one by one and several at once, per id in Development Mode`, async () => {
    await using t = await setup({ mode });
    const show = await t.client.show(weekly!.id);
    assert.equal(show.name, weekly!.name);
    assert.equal(show.episodes?.items?.length, Math.min(50, weekly!.episodes.length));
    const episode = await t.client.episode(weekly!.episodes[0]!.id);
    assert.equal(episode.show?.id, weekly!.id);
    const audiobook = await t.client.audiobook(book!.id);
    assert.equal(audiobook.total_chapters, book!.chapters.length);
    const chapter = await t.client.chapter(book!.chapters[0]!.id);
    assert.equal(chapter.audiobook?.id, book!.id);

    const unknown = "0000000000000000000000";
    const before = t.requests().length;
    const shows = await t.client.shows([weekly!.id, unknown, news!.id]);
    assert.deepEqual(shows.map((s) => s?.id ?? null), [weekly!.id, null, news!.id]);
    const episodes = await t.client.episodes(weekly!.episodes.slice(0, 3).map((e) => e.id));
    assert.equal(episodes.filter((e) => e !== null).length, 3);
    const chapters = await t.client.chapters(book!.chapters.slice(0, 2).map((c) => c.id));
    assert.equal(chapters.filter((c) => c !== null).length, 2);
    const audiobooks = await t.client.audiobooks([book!.id]);
    assert.equal(audiobooks[0]?.id, book!.id);
    const paths = t.requests().slice(before).map((r) => r.path.replace(/\?.*/, ""));
    const batched = paths.filter((p) => /^\/v1\/(shows|episodes|chapters|audiobooks)$/.test(p));
    if (mode === "extended") {
      assert.equal(batched.length, 4, paths.join("\n"));
      assert.equal(paths.length, 4, "one request per batch");
    } else {
      assert.equal(batched.length, 0, "no batch endpoint in Development Mode");
      assert.equal(paths.length, 3 + 3 + 2 + 1, "one request per id");
    }
  });

  Deno.test(`${mode}: a show's episodes and an audiobook's chapters page by 50 and stop at max`, async () => {
    await using t = await setup({ mode });
    const episodes = await t.client.showEpisodes(weekly!.id);
    assert.deepEqual(episodes.map((e) => e.id), weekly!.episodes.map((e) => e.id));
    const pages = t.requests("/v1/shows/").map((r) => r.path);
    assert.ok(pages.every((p) => p.includes("limit=50")), pages.join("\n"));
    assert.equal(pages.length, Math.ceil(weekly!.episodes.length / 50));
    assert.equal((await t.client.showEpisodes(weekly!.id, { max: 7 })).length, 7);
    const chapters = await t.client.audiobookChapters(book!.id, { max: 3 });
    assert.deepEqual(chapters.map((c) => c.id), book!.chapters.slice(0, 3).map((c) => c.id));
    let reported = 0;
    for await (
      const _ of t.client.iterate.audiobookChapters(book!.id, { onProgress: (d) => reported = d })
    ) {
      // read lazily
    }
    assert.equal(reported, book!.chapters.length);
  });

  Deno.test(`${mode}: search finds shows, episodes and audiobooks, ${mode === "extended" ? 50 : 10} a page`, async () => {
    await using t = await setup({ mode });
    const word = weekly!.name.split(" ").find((w) => w.length > 3)!;
    const shows = await t.client.search(word, "show");
    assert.ok(shows.some((s) => s.id === weekly!.id), "the show is found by a word of its name");
    const episodes = await t.client.search("the", "episode", { max: 25 });
    assert.equal(episodes.length, 25);
    assert.ok(episodes.every((e) => e.type === "episode"));
    const books = await t.client.search(book!.name.split(" ").at(-1)!, "audiobook", { max: 5 });
    assert.ok(books.every((b) => b.type === "audiobook"));
    const limits = t.requests("/v1/search").map((r) =>
      new URL(r.path, "http://x").searchParams.get("limit")
    );
    assert.ok(limits.includes(mode === "extended" ? "25" : "10"), limits.join(","));
  });

  Deno.test(`${mode}: the listener's saved shows, episodes and audiobooks, and every library check agrees`, async () => {
    await using spotify = await listener(mode, false);
    const client = spotify.client;
    const shows = await client.savedShows();
    assert.deepEqual(shows.map((s) => s.show?.id), library.saved_shows.map((s) => s.show_id));
    const episodes = await client.savedEpisodes();
    assert.deepEqual(
      episodes.map((s) => s.episode?.id),
      library.saved_episodes.map((s) => s.episode_id),
    );
    assert.equal((await client.savedEpisodes({ max: 2 })).length, 2);
    const books = await client.savedAudiobooks();
    assert.deepEqual(
      books.map((s) => s.audiobook?.id),
      library.saved_audiobooks.map((s) => s.audiobook_id),
    );

    const savedShow = library.saved_shows[0]!.show_id;
    const other = catalog.shows.find((s) => !library.saved_shows.some((x) => x.show_id === s.id))!;
    assert.deepEqual(await client.savedContains("show", [savedShow, other.id]), [true, false]);
    const tracks = catalog.user.saved_tracks.slice(0, 60).map((s) => s.track_id);
    assert.deepEqual(await client.savedContains("track", tracks), tracks.map(() => true));
    const followed = catalog.user.followed_artists[0]!;
    assert.deepEqual(await client.followingContains("artist", [followed]), [true]);
    assert.deepEqual(
      await client.followingContains("user", [library.followed_users[0]!]),
      [true],
    );
    const own = catalog.playlists.find((p) => p.owner_id === catalog.users[0]?.id) ??
      catalog.playlists[0]!;
    assert.equal(typeof (await client.followsPlaylist(own.id)), "boolean");
    const uris = [
      `spotify:show:${savedShow}`,
      `spotify:show:${other.id}`,
      `spotify:artist:${followed}`,
    ];
    assert.deepEqual(await client.libraryContains(uris), [true, false, true]);

    await assert.rejects(client.libraryContains(["not a uri"]), TypeError);
    await assert.rejects(client.savedContains("song" as "track", ["x"]), TypeError);
  });

  Deno.test(`${mode}: the player's state, devices, what is playing and the queue`, async () => {
    await using spotify = await listener(mode, false);
    const state = await spotify.client.playbackState();
    assert.ok(state !== null);
    assert.equal(state.device?.is_active, true);
    assert.equal(state.item?.id, catalog.player.item.id);
    const devices = await spotify.client.devices();
    assert.equal(devices.length, catalog.player.devices.length);
    const playing = await spotify.client.currentlyPlaying();
    assert.equal(playing?.currently_playing_type, catalog.player.item.type);
    assert.equal(playing?.item?.id, catalog.player.item.id);
    const queue = await spotify.client.queue();
    assert.deepEqual(queue.queue?.map((q) => q.id), catalog.player.queue.map((q) => q.id));
    assert.ok(queue.queue?.some((q) => q.type === "episode"), "episodes in the queue too");
  });

  Deno.test(`${mode}: playlist images; users' playlists and categories only in Extended Quota Mode`, async () => {
    await using t = await setup({ mode });
    const playlist = catalog.playlists[0]!;
    const images = await t.client.playlistImages(playlist.id);
    assert.equal(images.length, playlist.images.length);
    const owner = playlist.owner_id;
    if (mode === "extended") {
      const theirs = await t.client.userPlaylists(owner);
      assert.ok(theirs.length > 0 && theirs.every((p) => p.owner?.id === owner));
      const categories = await t.client.categories();
      assert.ok(categories.length > 0);
      assert.equal((await t.client.category(categories[0]!.id!)).name, categories[0]!.name);
      assert.equal((await t.client.categories({ max: 1 })).length, 1);
    } else {
      const before = t.requests().length;
      await assert.rejects(t.client.userPlaylists(owner), ModeError);
      await assert.rejects(t.client.categories(), ModeError);
      await assert.rejects(t.client.category("pop"), ModeError);
      assert.equal(t.requests().length, before, "refused with no request");
    }
  });
}

Deno.test("auto: a per-type check's 403 teaches Development Mode and the answer comes from /me/library/contains", async () => {
  await using spotify = await listener("auto", false);
  const saved = library.saved_shows[0]!.show_id;
  // connect() runs the emulator in development mode when SPOTIFY_MODE is auto.
  assert.deepEqual(await spotify.client.savedContains("show", [saved]), [true]);
  assert.equal(spotify.client.mode, "development");
  assert.deepEqual(await spotify.client.savedContains("show", [saved]), [true]);
});

Deno.test("a podcast answer comes from the cache the second time, fresh asks again, and player reads skip it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await using t = await setup({
      mode: "development",
      client: { cache: { dir } },
    });
    await t.client.show(weekly!.id);
    await t.client.showEpisodes(weekly!.id);
    const first = t.requests().length;
    await t.client.show(weekly!.id);
    await t.client.showEpisodes(weekly!.id);
    assert.equal(t.requests().length, first, "answered from the cache");
    await t.client.show(weekly!.id, { fresh: true });
    assert.equal(t.requests().length, first + 1, "fresh asks again");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  const userDir = await Deno.makeTempDir();
  try {
    const asked: string[] = [];
    await using spotify = await connect({
      env: { SPOTIFY_MODE: "development" },
      envFile: false,
      cacheDir: userDir,
      user: true,
      history: false,
      fetch: (input, init) => {
        asked.push(new URL(input instanceof Request ? input.url : input).pathname);
        return fetch(input, init);
      },
    });
    const count = (path: string) => asked.filter((p) => p.endsWith(path)).length;
    await spotify.client.savedShows();
    await spotify.client.savedShows();
    assert.equal(count("/me/shows"), 1, "saved shows are cached like saved tracks");
    // The player is live: each read asks, cache or not, unless told `fresh: false`.
    const a = await spotify.client.queue();
    const b = await spotify.client.queue();
    assert.equal(count("/me/player/queue"), 2);
    assert.deepEqual(a, b);
    await spotify.client.queue({ fresh: false });
    assert.equal(count("/me/player/queue"), 2, "fresh: false reads the cache");
    await spotify.client.devices();
    await spotify.client.devices();
    assert.equal(count("/me/player/devices"), 2);
  } finally {
    await Deno.remove(userDir, { recursive: true });
  }
});

Deno.test("showsFrame and episodesFrame give durations, release dates by precision and the show", async () => {
  await using t = await setup({ mode: "extended" });
  const shows = showsFrame(
    (await t.client.shows(catalog.shows.map((s) => s.id))).filter((s) => s !== null),
  );
  assert.equal(shows.height, catalog.shows.length);
  assert.equal(shows.getColumn("publisher").nullCount(), 0, "Extended keeps the publisher");
  const late = catalog.shows.find((s) =>
    s.episodes.some((e) => e.release_date_precision === "month")
  );
  assert.ok(late, "the sample has an episode dated to the month");
  const show = await t.client.show(late.id);
  const df = episodesFrame(await t.client.showEpisodes(late.id), { show });
  assert.equal(df.height, late.episodes.length);
  assert.match(String(df.getColumn("release_date").dtype), /Date\b/);
  assert.ok(df.getColumn("show_name").toArray().every((n) => n === late.name));
  const monthly = late.episodes.findIndex((e) => e.release_date_precision === "month");
  const day = df.getColumn("release_date").toArray()[monthly] as unknown as Date;
  assert.equal(day.getUTCDate(), 1, "a month-precision date is the first of the month");
  assert.ok((df.getColumn("duration_min").min() as number) > 0);

  await using d = await setup({ mode: "development" });
  const stripped = showsFrame([await d.client.show(late.id)]);
  assert.equal(stripped.getColumn("publisher").nullCount(), 1, "Development Mode strips it");
});

Deno.test("playlistItemsFrame keeps episode entries with their type, length, release date and show", () => {
  const df = playlistItemsFrame([
    { added_at: "2026-01-02T03:04:05Z", item: { id: "t", type: "track", duration_ms: 60_000 } },
    {
      added_at: "2026-01-03T03:04:05Z",
      item: {
        id: "e",
        type: "episode",
        duration_ms: 1_800_000,
        release_date: "2025-06",
        release_date_precision: "month",
        show: { id: "s", name: "The Show" },
      },
    },
  ]);
  assert.deepEqual(df.getColumn("item_type").toArray(), ["track", "episode"]);
  assert.deepEqual(df.getColumn("duration_min").toArray(), [1, 30]);
  assert.deepEqual(df.getColumn("show_name").toArray(), [null, "The Show"]);
  assert.equal(
    (df.getColumn("release_date").toArray()[1] as unknown as Date).toISOString().slice(0, 10),
    "2025-06-01",
  );
});
