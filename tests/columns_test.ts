/**
 * The frames' one language, checked against the README: its generated table is what the code
 * makes, and every builder's frame of the emulator's sample (both modes) has exactly the columns
 * and types the README lists.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  albumsFrame,
  artistsFrame,
  audiobooksFrame,
  chaptersFrame,
  COLUMNS,
  connect,
  dtypeName,
  episodesFrame,
  fetchDiscography,
  type pl,
  playlistItemsFrame,
  playlistsFrame,
  playsFrame,
  readStreamingHistory,
  savedTracksFrame,
  sessionsFrame,
  showsFrame,
  topArtistsFrame,
  topTracksFrame,
  trackArtistsFrame,
  tracksFrame,
} from "../lib/mod.ts";
import {
  BUILDERS,
  columnsSection,
  formatMarkdown,
  schemas,
  withSection,
} from "../tools/columns.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const README = Deno.readTextFileSync(`${ROOT}README.md`);

/** What the README says: each builder's columns in order, and each column's type. */
function readmeTable(): { builders: Map<string, string[]>; types: Map<string, string> } {
  const section = README.slice(
    README.indexOf("<!-- columns:start -->"),
    README.indexOf("<!-- columns:end -->"),
  );
  const types = new Map<string, string>();
  for (const [, name, type] of section.matchAll(/^\| `(\w+)`\s*\| ([^|]+?)\s*\|/gm)) {
    types.set(name!, type!);
  }
  const bullets = section.split("\n|")[0]!.split(/\n- /).slice(1).map((b) =>
    b.replace(/\s+/g, " ")
  );
  const builders = new Map<string, string[]>();
  for (const bullet of bullets) {
    const [, builder, list] = /^`(\w+)`, one row per [^:]+: (.*)$/.exec(bullet.trim())!;
    builders.set(builder!, list!.split(", ").map((c) => c.replace(/`/g, "")));
  }
  for (const [builder, columns] of builders) {
    builders.set(
      builder,
      columns.flatMap((c) => {
        const group = /^the columns of (\w+)$/.exec(c)?.[1];
        return group ? builders.get(group)! : [c];
      }),
    );
  }
  return { builders, types };
}

Deno.test("the README's column table is the one tools/columns.ts makes from the code", async () => {
  const expected = await formatMarkdown(withSection(README, columnsSection(await schemas())));
  assert.equal(
    README,
    expected,
    "the README drifted from the code: run deno run -A tools/columns.ts",
  );
});

Deno.test("the README lists every builder, and COLUMNS has no column that no builder makes", async () => {
  const { builders, types } = readmeTable();
  assert.deepEqual([...builders.keys()], BUILDERS.map((b) => b.builder));
  const used = new Set((await schemas()).flatMap((s) => s.columns.map((c) => c.name)));
  assert.deepEqual(Object.keys(COLUMNS).filter((name) => !used.has(name)), []);
  assert.deepEqual([...types.keys()].sort(), [...used].sort());
});

/** Every builder's frame, built from what the emulator serves the signed-in sample listener. */
async function sampleFrames(mode: "development" | "extended") {
  await using spotify = await connect({
    env: { SPOTIFY_MODE: mode },
    envFile: false,
    cacheDir: false,
    user: true,
  });
  const c = spotify.client;
  const artists = await c.search("the", "artist", { max: 3 });
  const { albums, tracks } = await fetchDiscography(c, artists.map((a) => a.id!));
  const playlists = await c.myPlaylists();
  const owned = playlists.find((p) => p.owner?.id === (spotify.offline ? "sample.listener" : ""))!;
  const plays = playsFrame(await c.recentlyPlayed(), { timeZone: "UTC" });
  const shows = (await c.savedShows()).map((s) => s.show!);
  const books = (await c.savedAudiobooks()).map((s) => s.audiobook!);
  return {
    artistsFrame: artistsFrame(artists),
    albumsFrame: albumsFrame(albums),
    tracksFrame: tracksFrame(await c.tracks(tracks.slice(0, 5).map((t) => t.id!))),
    trackArtistsFrame: trackArtistsFrame(tracks),
    playlistsFrame: playlistsFrame(playlists),
    playlistItemsFrame: playlistItemsFrame(await c.playlistItems(owned.id!)),
    playsFrame: plays,
    savedTracksFrame: savedTracksFrame(await c.savedTracks({ max: 20 })),
    topTracksFrame: topTracksFrame(await c.topTracks("all", { max: 5 })),
    topArtistsFrame: topArtistsFrame(await c.topArtists("all", { max: 5 })),
    showsFrame: showsFrame(shows),
    episodesFrame: episodesFrame((await c.savedEpisodes()).map((s) => s.episode!)),
    audiobooksFrame: audiobooksFrame(books),
    chaptersFrame: chaptersFrame(await c.audiobookChapters(books[0]!.id!), {
      audiobook: books[0]!,
    }),
    sessionsFrame: sessionsFrame(plays),
    readStreamingHistory: await readStreamingHistory(`${ROOT}data/sample/export_podcasts`),
  } satisfies Record<string, pl.DataFrame>;
}

for (const mode of ["development", "extended"] as const) {
  Deno.test(`${mode}: every builder's frame of the sample has the README's columns and types`, async () => {
    const { builders, types } = readmeTable();
    const frames = await sampleFrames(mode);
    assert.deepEqual(Object.keys(frames), [...builders.keys()]);
    for (const [builder, df] of Object.entries(frames)) {
      assert.ok(df.height > 0, `${builder} has rows`);
      assert.deepEqual(df.columns, builders.get(builder), builder);
      df.columns.forEach((name, i) => {
        assert.equal(dtypeName(df.dtypes[i]!), types.get(name), `${builder}.${name}`);
      });
    }
  });
}
