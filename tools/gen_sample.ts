/**
 * Generates the emulator's sample catalog, `data/sample/catalog.json`, from a fixed seed: the same
 * bytes on every run. Every name is invented. Run with `deno task sample`; importing the module
 * writes nothing.
 *
 * The catalog is stored compactly (ids, names, facts); the emulator derives the API's full objects
 * (`href`, `uri`, `external_urls`, simplified/full shapes, per-mode stripping) from it. The music
 * part (artists to the listener's music) comes from the seed's stream; the spoken-word part (shows,
 * episodes, audiobooks, the listener's library of them, the player) from a second stream, appended
 * as new top-level keys, so that adding it left every music byte as it was.
 *
 * @module
 */
import type {
  Catalog,
  CatalogAlbum,
  CatalogArtist,
  CatalogPlaylist,
  CatalogTrack,
} from "../emulator/mod.ts";
import { sampleRandom } from "./_sample_random.ts";
import { generateSpokenWord, type MusicCatalog } from "./gen_sample_spoken.ts";
import { ADJ, FIRST, type Genre, GENRES, LAST, MARKETS, NOUN, WORDS } from "./_sample_words.ts";

/** The seed of the committed sample catalog. */
export const SAMPLE_SEED = 20261125;
const OUT = new URL("../data/sample/catalog.json", import.meta.url);

/**
 * The whole sample catalog for a seed: the music from the seed's stream, then the spoken word from
 * a second stream (`seed + 1`). Pure: same seed, same catalog; nothing is written.
 *
 * @param seed The seed; the committed catalog uses {@linkcode SAMPLE_SEED}.
 * @returns The catalog, ready for `JSON.stringify`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { generateCatalog } from "./gen_sample.ts";
 * const catalog = generateCatalog(7);
 * assert.equal(catalog.artists.length, 30);
 * assert.deepEqual(generateCatalog(7).shows, catalog.shows);
 * ```
 */
export function generateCatalog(seed: number = SAMPLE_SEED): Catalog {
  const music = generateMusic(seed);
  return { ...music.catalog, ...generateSpokenWord(seed + 1, music.catalog, music.usedIds) };
}

/** The music part of the catalog (the first stream), and the ids it took. */
function generateMusic(seed: number): { catalog: MusicCatalog; usedIds: Set<string> } {
  const r = sampleRandom(seed);
  const { id, hex, images } = r;

  function title(min: number, max: number): string {
    const n = r.int(min, max);
    return Array.from({ length: n }, () => r.pick(WORDS)).join(" ");
  }
  const usedNames = new Set<string>();
  function artistName(): string {
    let name = "";
    do {
      name = r.chance(0.5)
        ? `The ${r.pick(ADJ)} ${r.pick(NOUN)}`
        : `${r.pick(FIRST)} ${r.pick(LAST)}`;
    } while (usedNames.has(name));
    usedNames.add(name);
    return name;
  }
  const pad = (n: number) => String(n).padStart(2, "0");
  // ----- artists -------------------------------------------------------------------------------
  const artists: (CatalogArtist & { genre: Genre; debut: number; last: number })[] = [];
  for (let i = 0; i < 30; i++) {
    const genre = GENRES[i % GENRES.length]!;
    const debut = r.int(1962, 2019);
    const last = Math.min(2026, debut + r.int(3, 40));
    const popularity = Math.max(5, Math.min(95, Math.round(55 + r.normal() * 18)));
    artists.push({
      id: id(),
      name: artistName(),
      genres: [genre.name, r.pick(genre.subgenres)],
      popularity,
      followers: Math.round(Math.exp(7 + popularity / 12 + r.normal() * 0.6)),
      images: images("artist"),
      genre,
      debut,
      last,
    });
  }

  // ----- albums and tracks ---------------------------------------------------------------------
  const albums: CatalogAlbum[] = [];
  function releaseDate(
    year: number,
  ): { release_date: string; release_date_precision: "year" | "month" | "day" } {
    const pYear = year < 1975 ? 0.35 : year < 1995 ? 0.08 : 0.01;
    const roll = r.next();
    if (roll < pYear) return { release_date: String(year), release_date_precision: "year" };
    const month = r.int(1, 12);
    if (roll < pYear + 0.06) {
      return { release_date: `${year}-${pad(month)}`, release_date_precision: "month" };
    }
    return {
      release_date: `${year}-${pad(month)}-${pad(r.int(1, 28))}`,
      release_date_precision: "day",
    };
  }
  function duration(genre: Genre, kind: string): number {
    const base = genre.durationMean * (kind === "single" ? 0.92 : 1);
    const s = Math.max(45, base + r.normal() * genre.durationSd);
    return Math.round(s * 1000 + r.int(0, 999));
  }
  let isrcCounter = 1000;
  function makeTracks(
    artist: (typeof artists)[number],
    count: number,
    kind: string,
    year: number,
  ): CatalogTrack[] {
    const discs = count > 18 && r.chance(0.5) ? 2 : 1;
    const perDisc = Math.ceil(count / discs);
    return Array.from({ length: count }, (_, k) => {
      const featured = r.chance(artist.genre.collab)
        ? r.pick(
          artists.filter((a) => a.id !== artist.id && (a.genre === artist.genre || r.chance(0.3))),
        )
        : undefined;
      return {
        id: id(),
        name: title(1, 3) + (featured && r.chance(0.5) ? ` (feat. ${featured.name})` : ""),
        artist_ids: featured ? [artist.id, featured.id] : [artist.id],
        duration_ms: duration(artist.genre, kind),
        explicit: r.chance(artist.genre.explicit),
        disc_number: Math.floor(k / perDisc) + 1,
        track_number: (k % perDisc) + 1,
        popularity: Math.max(
          0,
          Math.min(100, Math.round(artist.popularity - 10 + r.normal() * 12 - (2026 - year) * 0.2)),
        ),
        isrc: `QZ${r.pick(["AB", "CD", "EF", "GH"])}${String(year).slice(2)}${
          String(isrcCounter++).padStart(5, "0")
        }`,
      };
    });
  }
  for (const artist of artists) {
    const span = artist.last - artist.debut;
    const nAlbums = Math.max(1, Math.min(9, Math.round(span / 4) + r.int(0, 2)));
    const nSingles = r.int(1, 6);
    const releases: { kind: "album" | "single" | "compilation"; year: number }[] = [];
    for (let k = 0; k < nAlbums; k++) {
      releases.push({
        kind: "album",
        year: artist.debut + Math.round((span * k) / Math.max(1, nAlbums - 1 || 1)),
      });
    }
    for (let k = 0; k < nSingles; k++) {
      releases.push({ kind: "single", year: r.int(artist.debut, artist.last) });
    }
    if (span > 15 && r.chance(0.6)) {
      releases.push({ kind: "compilation", year: Math.min(2026, artist.last + r.int(0, 3)) });
    }
    releases.sort((a, b) => a.year - b.year);
    for (const { kind, year } of releases) {
      const count = kind === "album"
        ? r.int(7, 16) + (artist.genre.name === "classical" ? -2 : 0)
        : kind === "single"
        ? r.int(1, 3)
        : r.int(12, 22);
      const tracks = makeTracks(artist, Math.max(1, count), kind, year);
      const date = releaseDate(year);
      albums.push({
        id: id(),
        name: kind === "compilation"
          ? `The Best of ${artist.name}`
          : kind === "single"
          ? tracks[0]!.name
          : title(1, 3),
        album_type: kind,
        artist_ids: [artist.id],
        ...date,
        label: `${r.pick(ADJ)} ${r.pick(["Records", "Recordings", "Music", "Sound"])}`,
        popularity: Math.max(0, Math.min(100, Math.round(artist.popularity - 5 + r.normal() * 10))),
        images: images("album"),
        upc: String(r.int(100000, 999999)) + String(r.int(100000, 999999)),
        copyrights: [
          { text: `© ${year} ${artist.name}`, type: "C" },
          { text: `℗ ${year} ${artist.name}`, type: "P" },
        ],
        available_markets: r.chance(0.9) ? MARKETS : MARKETS.filter(() => r.chance(0.6)),
        tracks,
      });
    }
  }

  // ----- the sample user, playlists, listening -------------------------------------------------
  const allTracks = albums.flatMap((album) => album.tracks.map((t) => ({ t, album })));
  const USER = {
    id: "sample.listener",
    display_name: "Sample Listener",
    country: "SE",
    product: "premium",
    email: "sample.listener@example.invalid",
    followers: 12,
  };
  const CURATOR = { id: "fictional.curator", display_name: "Fictional Curator" };
  const HOUR = 3_600_000;
  const NOW = Date.UTC(2026, 10, 20, 18, 0, 0); // the catalog's "now": 2026-11-20T18:00Z

  const favouriteArtists = r.shuffle(artists).slice(0, 8);
  function listeningPick() {
    // Weighted: 70% from favourite artists.
    if (r.chance(0.7)) {
      const fav = r.pick(favouriteArtists);
      const own = allTracks.filter(({ t }) => t.artist_ids.includes(fav.id));
      return r.pick(own);
    }
    return r.pick(allTracks);
  }

  const playlists: CatalogPlaylist[] = [];
  const PLAYLIST_NAMES: [string, string, boolean, typeof USER | typeof CURATOR][] = [
    ["Morning Commute", "Easy starts for weekday mornings", true, USER],
    ["Late Night Coding", "Low-key focus music", true, USER],
    ["Road Trip 2026", "Songs for the long drive north", false, USER],
    ["Fictional Jazz Classics", "Curated hard bop and modal jazz", true, CURATOR],
    ["Heavy Rotation", "What the curator cannot stop playing", true, CURATOR],
    ["Quiet Storm", "Slow r&b for rainy evenings", true, CURATOR],
  ];
  for (const [name, description, isPublic, owner] of PLAYLIST_NAMES) {
    const n = r.int(25, 90);
    const start = NOW - r.int(200, 1500) * 24 * HOUR;
    const seen = new Set<string>();
    const items = [];
    let at = start;
    for (let k = 0; k < n; k++) {
      const { t } = name.includes("Jazz")
        ? r.pick(
          allTracks.filter(({ t }) =>
            artists.find((a) => a.id === t.artist_ids[0])!.genre.name === "jazz"
          ),
        )
        : listeningPick();
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      at += Math.round(Math.abs(r.normal()) * 9 * 24 * HOUR * (r.chance(0.2) ? 4 : 1)) +
        r.int(1, 60) * 60_000;
      if (at > NOW) at = NOW - r.int(1, 48) * HOUR;
      const adder = owner === USER || r.chance(0.85) ? owner : USER;
      items.push({
        track_id: t.id,
        added_at: new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z"),
        added_by: adder.id,
      });
    }
    playlists.push({
      id: id(),
      name,
      description,
      public: isPublic,
      collaborative: name === "Road Trip 2026",
      owner_id: owner.id,
      images: images("playlist"),
      snapshot_id: hex(32),
      items,
    });
  }

  const TIME_RANGES = ["short_term", "medium_term", "long_term"] as const;
  const top: Catalog["user"]["top"] = { artists: {}, tracks: {} };
  for (const [k, range] of TIME_RANGES.entries()) {
    const window = [28, 180, 365][k]!;
    const counts = new Map<string, number>();
    const artistCounts = new Map<string, number>();
    for (let p = 0; p < 600; p++) {
      const { t } = listeningPick();
      counts.set(t.id, (counts.get(t.id) ?? 0) + 1 + (r.chance(window / 400) ? 1 : 0));
      for (const a of t.artist_ids) artistCounts.set(a, (artistCounts.get(a) ?? 0) + 1);
    }
    const rank = (m: Map<string, number>) =>
      [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([key]) => key);
    top.tracks[range] = rank(counts).slice(0, 50);
    top.artists[range] = rank(artistCounts).slice(0, 30);
  }

  // Recently played: 50 plays in listening sessions, daily rhythm peaks in the evening.
  const recently: { track_id: string; played_at: string; context_playlist: string | null }[] = [];
  {
    let at = NOW - r.int(1, 3) * HOUR;
    while (recently.length < 50) {
      const session = r.int(3, 12);
      const playlist = r.chance(0.4)
        ? r.pick(playlists.filter((p) => p.owner_id === USER.id))
        : undefined;
      for (let k = 0; k < session && recently.length < 50; k++) {
        const wanted = playlist ? r.pick(playlist.items).track_id : undefined;
        const pick = wanted ? allTracks.find(({ t }) => t.id === wanted)! : listeningPick();
        recently.push({
          track_id: pick.t.id,
          played_at: new Date(at).toISOString(),
          context_playlist: playlist?.id ?? null,
        });
        at -= pick.t.duration_ms + r.int(0, 20) * 1000;
      }
      at -= r.int(3, 40) * HOUR + r.int(0, 59) * 60_000;
    }
  }

  const saved: { track_id: string; added_at: string }[] = [];
  {
    const seen = new Set<string>();
    let at = NOW - 900 * 24 * HOUR;
    while (saved.length < 150) {
      const { t } = listeningPick();
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      at += r.int(1, 11) * 24 * HOUR / 2 + r.int(0, 23) * HOUR;
      saved.push({
        track_id: t.id,
        added_at: new Date(Math.min(at, NOW)).toISOString().replace(/\.\d{3}Z$/, "Z"),
      });
    }
    saved.reverse(); // newest first, as the API lists them
  }
  const savedAlbums = r.shuffle(albums.filter((a) => a.album_type === "album")).slice(0, 20)
    .map((a, k) => ({
      album_id: a.id,
      added_at: new Date(NOW - k * 13 * 24 * HOUR).toISOString().replace(/\.\d{3}Z$/, "Z"),
    }));

  const catalog: MusicCatalog = {
    about:
      "Synthetic sample catalog for the offline emulator; every name is invented. Generated by tools/gen_sample.ts.",
    seed,
    now: new Date(NOW).toISOString(),
    markets: MARKETS,
    artists: artists.map(({ genre: _g, debut: _d, last: _l, ...a }) => a),
    albums,
    playlists,
    users: [
      {
        id: USER.id,
        display_name: USER.display_name,
        country: USER.country,
        product: USER.product,
        email: USER.email,
        followers: USER.followers,
        images: images("artist"),
      },
      {
        id: CURATOR.id,
        display_name: CURATOR.display_name,
        country: "GB",
        product: "premium",
        email: "curator@example.invalid",
        followers: 4821,
        images: [],
      },
    ],
    user: {
      id: USER.id,
      top,
      recently_played: recently,
      saved_tracks: saved,
      saved_albums: savedAlbums,
      followed_artists: favouriteArtists.map((a) => a.id),
    },
  };
  return { catalog, usedIds: r.usedIds };
}

if (import.meta.main) {
  const catalog = generateCatalog();
  await Deno.mkdir(new URL(".", OUT), { recursive: true });
  await Deno.writeTextFile(OUT, JSON.stringify(catalog) + "\n");
  const tracks = catalog.albums.reduce((n, a) => n + a.tracks.length, 0);
  const episodes = catalog.shows.reduce((n, s) => n + s.episodes.length, 0);
  console.log(
    `Wrote ${OUT.pathname}: ${catalog.artists.length} artists, ${catalog.albums.length} albums, ${tracks} tracks, ${catalog.playlists.length} playlists, ${catalog.shows.length} shows, ${episodes} episodes, ${catalog.audiobooks.length} audiobooks`,
  );
}
