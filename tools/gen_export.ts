/**
 * Generates the sample user's synthetic "download your data" export, `data/sample/export/`, from the
 * sample catalog and a fixed seed: a basic `StreamingHistory_music_0.json` (the older, short shape)
 * for the first half year and an extended `Streaming_History_Audio_2025-2026_0.json` for the second.
 * The podcast and audiobook plays of that second half year are a third file in the extended shape,
 * `Streaming_History_Audio_2026_1.json` (track fields null, episode or audiobook fields set), drawn
 * from their own seed so the two music files keep their bytes. It sits in `export_podcasts/`, not in
 * `export/`, until the library's reader and the notebooks that read `export/` expect spoken word.
 * Every name comes from the invented catalog; no IP address is written. Run by `deno task sample`.
 *
 * @module
 */
import { type Catalog } from "../emulator/mod.ts";
import { mulberry32 } from "../emulator/testing.ts";

const SEED = 20261127;
const DIR = new URL("../data/sample/export/", import.meta.url);
const PODCAST_SEED = 20261128;
const PODCAST_DIR = new URL("../data/sample/export_podcasts/", import.meta.url);
const catalog = JSON.parse(
  await Deno.readTextFile(new URL("../data/sample/catalog.json", import.meta.url)),
) as Catalog;

const next = mulberry32(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;

/** Listening by hour of day: a morning commute, a quiet afternoon, long evenings. */
const HOUR_WEIGHTS = [2, 1, 1, 0, 0, 0, 2, 6, 9, 7, 4, 3, 4, 3, 3, 4, 5, 7, 9, 10, 10, 9, 7, 4];
function hour(weekend: boolean): number {
  const weights = HOUR_WEIGHTS.map((w, h) => weekend && h < 10 ? w / 3 : w);
  let roll = next() * weights.reduce((x, y) => x + y, 0);
  for (let h = 0; h < 24; h++) if ((roll -= weights[h]!) < 0) return h;
  return 20;
}

const artistName = new Map(catalog.artists.map((x) => [x.id, x.name]));
const favourites = new Set(catalog.user.followed_artists);
const tracks = catalog.albums.flatMap((album) =>
  album.tracks.map((track) => ({
    track,
    album,
    weight: favourites.has(track.artist_ids[0]!) ? 6 : 1,
  }))
);
const total = tracks.reduce((n, t) => n + t.weight, 0);
function track() {
  let roll = next() * total;
  for (const t of tracks) if ((roll -= t.weight) < 0) return t;
  return tracks[0]!;
}

const END = Date.parse(catalog.now);
const DAY = 24 * 3600_000;
const START = Math.floor(END / DAY) * DAY - 365 * DAY; // midnight UTC, a year back
const MIDDLE = START + 182 * DAY;
interface Play {
  end: number;
  ms: number;
  pick: ReturnType<typeof track>;
  skipped: boolean;
  shuffle: boolean;
  platform: string;
}
const plays: Play[] = [];
for (let day = START; day < END; day += DAY) {
  const weekend = [0, 6].includes(new Date(day).getUTCDay());
  const sessions = Math.floor(next() * (weekend ? 4 : 3));
  for (let s = 0; s < sessions; s++) {
    let at = day + hour(weekend) * 3600_000 + Math.floor(next() * 3600_000);
    const platform = pick(["android", "ios", "desktop", "web_player"]);
    const shuffle = next() < 0.4;
    for (let k = 0, n = 3 + Math.floor(next() * 10); k < n; k++) {
      const pick = track();
      const skipped = next() < 0.18;
      const ms = skipped ? Math.floor(next() * 40_000) + 2_000 : pick.track.duration_ms;
      at += ms;
      if (at < END) plays.push({ end: at, ms, pick, skipped, shuffle, platform });
    }
  }
}

const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");
const basic = plays.filter((p) => p.end < MIDDLE).map((p) => ({
  endTime: minute(p.end),
  artistName: artistName.get(p.pick.track.artist_ids[0]!)!,
  trackName: p.pick.track.name,
  msPlayed: p.ms,
}));
const extended = plays.filter((p) => p.end >= MIDDLE).map((p) => ({
  ts: new Date(p.end).toISOString().replace(/\.\d{3}Z$/, "Z"),
  platform: p.platform,
  ms_played: p.ms,
  conn_country: "SE",
  master_metadata_track_name: p.pick.track.name,
  master_metadata_album_artist_name: artistName.get(p.pick.album.artist_ids[0]!)!,
  master_metadata_album_album_name: p.pick.album.name,
  spotify_track_uri: `spotify:track:${p.pick.track.id}`,
  episode_name: null,
  episode_show_name: null,
  spotify_episode_uri: null,
  reason_start: p.skipped || next() < 0.5 ? "trackdone" : "clickrow",
  reason_end: p.skipped ? "fwdbtn" : "trackdone",
  shuffle: p.shuffle,
  skipped: p.skipped,
  offline: false,
  offline_timestamp: null,
  incognito_mode: false,
}));

await Deno.mkdir(DIR, { recursive: true });
await Deno.writeTextFile(
  new URL("StreamingHistory_music_0.json", DIR),
  JSON.stringify(basic, null, 1) + "\n",
);
await Deno.writeTextFile(
  new URL("Streaming_History_Audio_2025-2026_0.json", DIR),
  JSON.stringify(extended, null, 1) + "\n",
);
console.log(`Wrote ${DIR.pathname}: ${basic.length} basic and ${extended.length} extended plays`);

const spoken = spokenPlays(mulberry32(PODCAST_SEED));
await Deno.mkdir(PODCAST_DIR, { recursive: true });
await Deno.writeTextFile(
  new URL("Streaming_History_Audio_2026_1.json", PODCAST_DIR),
  JSON.stringify(spoken, null, 1) + "\n",
);
console.log(`Wrote ${PODCAST_DIR.pathname}: ${spoken.length} podcast and audiobook plays`);

/**
 * Podcast and audiobook plays from MIDDLE to END, in the extended shape: the daily news show on
 * weekday mornings, the weekly interview and the late-night show in the evenings (each episode
 * after its release), and the saved audiobook's chapters in order over its last weeks.
 */
function spokenPlays(random: () => number) {
  const { shows, audiobooks, library } = catalog;
  const saved = new Set(library.saved_shows.map((s) => s.show_id));
  const released = (release: string) =>
    Date.parse(release.length === 7 ? `${release}-01` : release);
  type Row = { end: number; ms: number; stopped: boolean; fields: Record<string, string | null> };
  const rows: Row[] = [];
  const play = (end: number, length: number, fields: Row["fields"]) => {
    const stopped = random() < 0.2;
    const ms = stopped ? Math.floor(length * random()) : length;
    if (end + ms < END) rows.push({ end: end + ms, ms, stopped, fields });
  };
  for (const show of shows) {
    const morning = !saved.has(show.id);
    for (const episode of show.episodes) {
      const at = Math.max(MIDDLE, released(episode.release_date));
      if (at >= END || random() < (saved.has(show.id) ? 0.15 : 0.5)) continue;
      const day = Math.floor(at / DAY) * DAY + Math.floor(random() * 3) * DAY;
      const hour = morning ? 7 + Math.floor(random() * 2) : 19 + Math.floor(random() * 4);
      play(day + hour * 3600_000 + Math.floor(random() * 3600_000), episode.duration_ms, {
        episode_name: episode.name,
        episode_show_name: show.name,
        spotify_episode_uri: `spotify:episode:${episode.id}`,
      });
    }
  }
  const book = audiobooks.find((b) => b.id === library.saved_audiobooks[0]?.audiobook_id);
  let at = END - 50 * DAY;
  for (const chapter of book?.chapters ?? []) {
    at += Math.floor(1 + random() * 4) * DAY;
    play(Math.floor(at / DAY) * DAY + 21 * 3600_000, chapter.duration_ms, {
      audiobook_title: book!.name,
      audiobook_uri: `spotify:audiobook:${book!.id}`,
      audiobook_chapter_uri: `spotify:episode:${chapter.id}`,
      audiobook_chapter_title: chapter.name,
    });
  }
  rows.sort((a, b) => a.end - b.end);
  return rows.map(({ end, ms, stopped, fields }) => ({
    ts: new Date(end).toISOString().replace(/\.\d{3}Z$/, "Z"),
    platform: random() < 0.6 ? "android" : "ios",
    ms_played: ms,
    conn_country: "SE",
    master_metadata_track_name: null,
    master_metadata_album_artist_name: null,
    master_metadata_album_album_name: null,
    spotify_track_uri: null,
    episode_name: null,
    episode_show_name: null,
    spotify_episode_uri: null,
    audiobook_title: null,
    audiobook_uri: null,
    audiobook_chapter_uri: null,
    audiobook_chapter_title: null,
    ...fields,
    reason_start: "clickrow",
    reason_end: stopped ? "endplay" : "trackdone",
    shuffle: false,
    skipped: false,
    offline: false,
    offline_timestamp: null,
    incognito_mode: false,
  }));
}
