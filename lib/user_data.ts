/**
 * The signed-in user's own data (a client whose token provider is a user's, see `user_auth.ts`):
 * profile, top artists and tracks per time range, recently played (cursor paging), saved tracks
 * and albums, playlists and followed artists.
 *
 * @module
 */
import type { CollectOptions, FetchOptions, SpotifyClient } from "./client.ts";
import type { Params } from "./_request.ts";
import type { Album, Artist, Playlist, Track } from "./types.ts";

/** How far back `top` items look: about 4 weeks, 6 months, or a year. */
export type TimeRange = "short_term" | "medium_term" | "long_term";

/** Every time range, shortest first. */
export const TIME_RANGES: readonly TimeRange[] = ["short_term", "medium_term", "long_term"];

/** The private profile of the signed-in user (`GET /me`). */
export interface UserProfile {
  id?: string;
  account_id?: string;
  display_name?: string | null;
  country?: string;
  product?: string;
  images?: { url?: string }[];
  uri?: string;
}

/** A play (`GET /me/player/recently-played`). */
export interface PlayHistory {
  track?: Track;
  played_at?: string;
  context?: { type?: string; uri?: string } | null;
}

/** A saved track or album with when it was saved. */
export interface Saved<K extends "track" | "album"> {
  added_at?: string;
  track?: K extends "track" ? Track : never;
  album?: K extends "album" ? Album : never;
}

/** A top item with its time range and rank (1 = most listened). */
export type Ranked<T> = T & { time_range: TimeRange; rank: number };

/**
 * The signed-in user's profile.
 *
 * @param client A client with a user's token.
 * @param options Cache bypass (`fresh`), cancellation (`signal`).
 * @returns The profile.
 */
export function me(client: SpotifyClient, options: FetchOptions = {}): Promise<UserProfile> {
  return client.get("/me", {}, options);
}

async function top<T>(
  client: SpotifyClient,
  type: "artists" | "tracks",
  options: CollectOptions & { timeRange?: TimeRange | "all" },
): Promise<Ranked<T>[]> {
  const { timeRange = "all", max = 50, ...rest } = options;
  if (timeRange !== "all" && !TIME_RANGES.includes(timeRange)) {
    throw new TypeError(
      `Invalid time range "${timeRange}": use "short_term", "medium_term", "long_term" or "all"`,
    );
  }
  const ranges = timeRange === "all" ? TIME_RANGES : [timeRange];
  const lists = await Promise.all(ranges.map(async (range) => {
    const out: Ranked<T>[] = [];
    const items = client.paginate<T>(`/me/top/${type}`, { time_range: range, limit: 50 }, {
      max,
      ...rest,
    });
    for await (const item of items) out.push({ ...item, time_range: range, rank: out.length + 1 });
    return out;
  }));
  return lists.flat();
}

/**
 * The user's top artists, per time range.
 *
 * @param client A client with a user's token (scope `user-top-read`).
 * @param options `timeRange` (one, or `all`, the default), `max` per range (default 50).
 * @returns The artists with `time_range` and `rank`.
 */
export function topArtists(
  client: SpotifyClient,
  options: CollectOptions & { timeRange?: TimeRange | "all" } = {},
): Promise<Ranked<Artist>[]> {
  return top<Artist>(client, "artists", options);
}

/**
 * The user's top tracks, per time range.
 *
 * @param client A client with a user's token (scope `user-top-read`).
 * @param options `timeRange` (one, or `all`, the default), `max` per range (default 50).
 * @returns The tracks with `time_range` and `rank`.
 */
export function topTracks(
  client: SpotifyClient,
  options: CollectOptions & { timeRange?: TimeRange | "all" } = {},
): Promise<Ranked<Track>[]> {
  return top<Track>(client, "tracks", options);
}

/** Options of {@linkcode recentlyPlayed}. */
export interface RecentlyPlayedOptions extends CollectOptions {
  /** Only plays before this instant. */
  before?: Date;
  /** Only plays after this instant. */
  after?: Date;
}

/**
 * The user's recent plays, newest first, following the `before` cursors (Spotify keeps about 50).
 *
 * @param client A client with a user's token (scope `user-read-recently-played`).
 * @param options A window (`before` or `after`), `max`.
 * @returns The plays.
 */
export async function recentlyPlayed(
  client: SpotifyClient,
  options: RecentlyPlayedOptions = {},
): Promise<PlayHistory[]> {
  const { before, after, ...rest } = options;
  if (before && after) {
    throw new TypeError(
      "Invalid window: give before or after, not both (Spotify takes one cursor)",
    );
  }
  return await collect(client, "/me/player/recently-played", rest, {
    params: { before: before?.getTime(), after: after?.getTime() },
  });
}

async function collect<T>(
  client: SpotifyClient,
  path: string,
  options: CollectOptions,
  page: { key?: string; params?: Params } = {},
): Promise<T[]> {
  const out: T[] = [];
  const items = client.paginate<T>(path, { limit: 50, ...page.params }, {
    ...options,
    ...(page.key ? { key: page.key } : {}),
  });
  for await (const item of items) out.push(item);
  return out;
}

/**
 * The user's saved ("liked") tracks, newest first.
 *
 * @param client A client with a user's token (scope `user-library-read`).
 * @param options `max`, progress, cache bypass.
 * @returns The saved tracks with `added_at`.
 */
export function savedTracks(
  client: SpotifyClient,
  options: CollectOptions = {},
): Promise<Saved<"track">[]> {
  return collect(client, "/me/tracks", options);
}

/**
 * The user's saved albums, newest first.
 *
 * @param client A client with a user's token (scope `user-library-read`).
 * @param options `max`, progress, cache bypass.
 * @returns The saved albums with `added_at`.
 */
export function savedAlbums(
  client: SpotifyClient,
  options: CollectOptions = {},
): Promise<Saved<"album">[]> {
  return collect(client, "/me/albums", options);
}

/**
 * The user's playlists (owned, followed, collaborative).
 *
 * @param client A client with a user's token (scope `playlist-read-private`).
 * @param options `max`, progress, cache bypass.
 * @returns Simplified playlists (entries as `{ href, total }`).
 */
export function myPlaylists(
  client: SpotifyClient,
  options: CollectOptions = {},
): Promise<Playlist[]> {
  return collect(client, "/me/playlists", options);
}

/**
 * The artists the user follows (cursor paging).
 *
 * @param client A client with a user's token (scope `user-follow-read`).
 * @param options `max`, progress, cache bypass.
 * @returns The artists.
 */
export function followedArtists(
  client: SpotifyClient,
  options: CollectOptions = {},
): Promise<Artist[]> {
  // Cursor paging, wrapped: `{ artists: { items, next, cursors } }`.
  return collect(client, "/me/following", options, { key: "artists", params: { type: "artist" } });
}
