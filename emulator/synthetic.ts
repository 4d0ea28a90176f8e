/**
 * Synthetic track objects in Extended Quota Mode's full shape, as many as asked, for benchmarks and
 * tests that need more data than the sample catalog holds. Deterministic for a seed.
 *
 * @module
 */

const MARKETS = ["AR", "AU", "BR", "CA", "DE", "ES", "FR", "GB", "JP", "MX", "SE", "US"];
/** Words that are not ASCII, as real names have: one name in five carries one. */
const ACCENTED = ["Björk", "Rosalía", "Sigur Rós", "Mötley", "Zoë", "坂本", "Beyoncé", "Ólafur"];
/** `base n`, or one name in five `accented base n`. */
const named = (base: string, n: number) =>
  n % 5 === 0 ? `${ACCENTED[(n / 5) % ACCENTED.length]} ${base} ${n}` : `${base} ${n}`;

/**
 * Track objects in Extended Quota Mode's full shape (album with images and markets, artists,
 * external ids, popularity), the same for the same count and seed. One name in five (track, album,
 * artist) has letters beyond ASCII, as real catalogs do.
 *
 * @param count How many tracks.
 * @param seed The seed.
 * @returns The tracks.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { syntheticTracks } from "./synthetic.ts";
 * const tracks = syntheticTracks(3);
 * assert.equal(tracks.length, 3);
 * assert.deepEqual(tracks, syntheticTracks(3));
 * ```
 */
export function syntheticTracks(count: number, seed = 42): Record<string, unknown>[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const id = (n: number, kind: string) => `${kind}${n.toString(36).padStart(18, "0")}`;
  const link = (kind: string, key: string) => ({
    external_urls: { spotify: `https://open.spotify.com/${kind}/${key}` },
    href: `https://api.spotify.com/v1/${kind}s/${key}`,
    id: key,
    type: kind,
    uri: `spotify:${kind}:${key}`,
  });
  const artist = (n: number) => ({ ...link("artist", id(n, "ar")), name: named("Artist", n) });
  return Array.from({ length: count }, (_, i) => {
    const albumKey = id(Math.floor(i / 12), "al");
    const artists = Array.from(
      { length: 1 + Math.floor(random() * 2.4) },
      () => artist(Math.floor(random() * 5000)),
    );
    const markets = MARKETS.filter(() => random() < 0.8);
    return {
      album: {
        album_type: random() < 0.7 ? "album" : "single",
        artists: artists.slice(0, 1),
        available_markets: markets,
        ...link("album", albumKey),
        images: [640, 300, 64].map((size) => ({
          url: `https://i.scdn.co/image/${albumKey}${size}`,
          height: size,
          width: size,
        })),
        name: named("Album", Math.floor(i / 12)),
        release_date: `${1970 + Math.floor(random() * 56)}-0${1 + Math.floor(random() * 9)}-1${
          Math.floor(random() * 9)
        }`,
        release_date_precision: "day",
        total_tracks: 12,
      },
      artists,
      available_markets: markets,
      disc_number: 1,
      duration_ms: 120_000 + Math.floor(random() * 240_000),
      explicit: random() < 0.15,
      external_ids: { isrc: `QZ${String(i).padStart(10, "0")}` },
      ...link("track", id(i, "tr")),
      is_local: false,
      name: named("Track", i),
      popularity: Math.floor(random() * 100),
      preview_url: null,
      track_number: 1 + (i % 12),
    };
  });
}
