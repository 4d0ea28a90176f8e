/**
 * `fetchDiscography`: every album and every track of some artists, in as few requests as the app's
 * mode allows, as many at once as the client's concurrency allows.
 *
 * @module
 */
import type { ArtistAlbumsOptions, ProgressCallback, SpotifyClient } from "./spotify_client.ts";
import type { Album, Track } from "./types.ts";

/** Options of {@linkcode fetchDiscography}. */
export interface DiscographyOptions {
  /**
   * Which relations to include.
   * @default {["album", "single", "compilation"]}
   */
  includeGroups?: ArtistAlbumsOptions["includeGroups"];
  /** Skip the cache. */
  fresh?: boolean | undefined;
  /**
   * Cancel the whole fetch: it rejects promptly with an error named `AbortError`; what was cached
   * stays cached, and the client stays usable.
   */
  signal?: AbortSignal | undefined;
  /** Albums fetched so far, out of all the artists' albums (known once every listing is read). */
  onProgress?: ProgressCallback | undefined;
}

/** What {@linkcode fetchDiscography} gives. */
export interface Discography {
  /** Full albums, each with every track under `tracks.items`; an album shared by two artists once. */
  albums: Album[];
  /** Every track, each with its simplified `album` (id, name, type, release date, artists, images). */
  tracks: Track[];
}

/**
 * Fetch the full discography of some artists. Requests: each artist's album listing (pages of 10
 * in Development Mode, 50 in Extended), then every album (one request per album in Development Mode,
 * 20 per request in Extended), then any further page of tracks of an album with more than 50.
 *
 * @param client The client.
 * @param artistIds The artists' ids.
 * @param options Groups, cache bypass, progress.
 * @returns The albums and the tracks.
 *
 * @example
 * ```ts
 * import { connect, fetchDiscography } from "../mod.ts";
 * import assert from "node:assert/strict";
 * await using spotify = await connect({ env: {}, envFile: false, cacheDir: false });
 * const [artist] = await spotify.client.search("the", "artist", { max: 1 });
 * const { albums, tracks } = await fetchDiscography(spotify.client, [artist!.id!]);
 * assert.ok(albums.length > 0);
 * assert.ok(tracks.every((t) => t.album?.id !== undefined));
 * ```
 */
export async function fetchDiscography(
  client: SpotifyClient,
  artistIds: readonly string[],
  options: DiscographyOptions = {},
): Promise<Discography> {
  const { fresh, onProgress, signal } = options;
  const listings = await Promise.all(
    artistIds.map((id) =>
      client.artistAlbums(id, {
        fresh,
        signal,
        ...(options.includeGroups ? { includeGroups: options.includeGroups } : {}),
      })
    ),
  );
  const ids = [...new Set(listings.flat().map((album) => album.id!))];
  onProgress?.(0, ids.length);
  const fetched = await client.albums(ids, {
    fresh,
    signal,
    ...(onProgress ? { onProgress } : {}),
  });
  const albums = fetched.filter((album): album is Album => album !== null);
  await Promise.all(albums.map(async (album) => {
    const page = album.tracks;
    if (!page?.next) return;
    const rest: Track[] = [];
    for await (const track of client.paginate<Track>(page.next, {}, { fresh, signal })) {
      rest.push(track);
    }
    album.tracks = { ...page, items: [...(page.items ?? []), ...rest], next: null };
  }));
  const tracks = albums.flatMap((album) => {
    const { tracks: _, copyrights: _c, external_ids: _e, genres: _g, label: _l, ...simple } = album;
    return (album.tracks?.items ?? []).flatMap((track) =>
      track === null ? [] : [{ ...track, album: simple }]
    );
  });
  return { albums, tracks };
}
