/**
 * Generates the sample user's synthetic "download your data" export, `data/sample/export/`, from the
 * sample catalog and a fixed seed: a basic `StreamingHistory_music_0.json` (the older, short shape)
 * for the first half year and an extended `Streaming_History_Audio_2025-2026_0.json` for the second.
 * Every name comes from the invented catalog; no IP address is written. Run by `deno task sample`.
 *
 * @module
 */
import { type Catalog, mulberry32 } from "../emulator/mod.ts";

const SEED = 20261127;
const DIR = new URL("../data/sample/export/", import.meta.url);
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
