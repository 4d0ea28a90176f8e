/**
 * What the sample catalog implies about a client's work, computed from the catalog itself: the
 * yardstick of the client tests and benchmarks.
 *
 * @module
 */
import type { Catalog, CatalogAlbum } from "./catalog_types.ts";
import type { EmulatorMode } from "./objects.ts";

/** The `album_group` an album has on an artist's page. */
export function albumGroup(album: CatalogAlbum, artistId: string): string {
  return album.artist_ids[0] === artistId || album.album_type === "compilation"
    ? album.album_type
    : "appears_on";
}

/** The albums, tracks and minimum requests of some artists' discography. */
export interface ExpectedDiscography {
  /** Distinct album ids in the groups album, single and compilation. */
  albumIds: Set<string>;
  /** Their tracks, counted once per album. */
  tracks: number;
  /** The fewest API requests that fetch them all in this mode. */
  minimumRequests: number;
  /** The formula, for reports. */
  formula: string;
}

/**
 * The minimum number of API requests to fetch every album and track of some artists:
 * Σ over artists of ceil(albums / listing page) + album requests + extra track pages, where the
 * listing page is 10 in Development Mode and 50 in Extended, album requests are one per album in
 * Development Mode and ceil(albums / 20) in Extended, and every album past 50 tracks needs
 * ceil(tracks / 50) - 1 more pages.
 *
 * @param catalog The catalog.
 * @param artistIds The artists.
 * @param mode The app mode.
 * @returns Albums, track count and the minimum.
 */
export function expectedDiscography(
  catalog: Catalog,
  artistIds: readonly string[],
  mode: EmulatorMode,
): ExpectedDiscography {
  const groups = ["album", "single", "compilation"];
  const listed = artistIds.map((id) =>
    catalog.albums.filter((a) => a.artist_ids.includes(id) && groups.includes(albumGroup(a, id)))
  );
  const albums = new Map(listed.flat().map((a) => [a.id, a]));
  const page = mode === "development" ? 10 : 50;
  const listings = listed.reduce((n, l) => n + Math.max(1, Math.ceil(l.length / page)), 0);
  const albumRequests = mode === "development" ? albums.size : Math.ceil(albums.size / 20);
  const extraPages = [...albums.values()].reduce(
    (n, a) => n + Math.max(0, Math.ceil(a.tracks.length / 50) - 1),
    0,
  );
  const tracks = [...albums.values()].reduce((n, a) => n + a.tracks.length, 0);
  return {
    albumIds: new Set(albums.keys()),
    tracks,
    minimumRequests: listings + albumRequests + extraPages,
    formula: `${listings} listing pages (by ${page}) + ${albumRequests} album requests` +
      (mode === "development" ? " (one per album)" : ` (by 20, ${albums.size} albums)`) +
      ` + ${extraPages} extra track pages`,
  };
}
