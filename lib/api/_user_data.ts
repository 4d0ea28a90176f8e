/**
 * The signed-in user's music (a client whose token provider is a user's, see `user_auth.ts`):
 * profile, top artists and tracks per time range, recently played (cursor paging), saved tracks,
 * albums, shows, episodes and audiobooks, playlists and followed artists.
 *
 * @module
 */
import { type Kit, one, pages, pageSize } from "./_endpoint_kit.ts";
import { collect } from "./_paging.ts";
import type {
  CollectOptions,
  MarketOptions,
  PagedEndpoints,
  RecentlyPlayedOptions,
  SpotifyClient,
  TopOptions,
} from "./spotify_client.ts";
import {
  type Artist,
  type PlayHistory,
  type Playlist,
  type Ranked,
  type Saved,
  TIME_RANGES,
  type TimeRange,
  type Track,
  type UserProfile,
} from "./types.ts";

type Paged =
  | "topArtists"
  | "topTracks"
  | "recentlyPlayed"
  | "savedTracks"
  | "savedAlbums"
  | "myPlaylists"
  | "followedArtists"
  | "savedShows"
  | "savedEpisodes"
  | "savedAudiobooks";
type Methods = Paged | "me";

/** The time ranges asked for: one, or every one for `all`. */
function ranges(timeRange: TimeRange | "all"): readonly TimeRange[] {
  if (timeRange === "all") return TIME_RANGES;
  if (!TIME_RANGES.includes(timeRange)) {
    throw new TypeError(
      `Invalid time range "${timeRange}": use "short_term", "medium_term", "long_term" or "all"`,
    );
  }
  return [timeRange];
}

/** The user's top artists or tracks of one range, each with its range and rank. */
async function* top<T>(
  kit: Kit,
  type: "artists" | "tracks",
  timeRange: TimeRange,
  options: CollectOptions = {},
): AsyncGenerator<Ranked<T>> {
  const [range] = ranges(timeRange);
  let rank = 0;
  const params = { time_range: range, limit: pageSize(undefined, kit.mode()) };
  const items = kit.paginate<T>(`/me/top/${type}`, params, options);
  for await (const item of items) yield { ...item, time_range: range!, rank: ++rank };
}

/** Top items of every range asked for, at once; `max` counts per range. */
async function topAll<T>(
  kit: Kit,
  type: "artists" | "tracks",
  timeRange: TimeRange | "all" = "all",
  { max = 50, ...rest }: TopOptions = {},
): Promise<Ranked<T>[]> {
  const lists = await Promise.all(
    ranges(timeRange).map((range) => collect(top<T>(kit, type, range, { max, ...rest }))),
  );
  return lists.flat();
}

/** What the user played lately, before or after a time (cursor paging). */
async function* recentlyPlayed(
  kit: Kit,
  { before, after, ...rest }: RecentlyPlayedOptions = {},
): AsyncGenerator<PlayHistory> {
  if (before && after) {
    throw new TypeError(
      "Invalid window: give before or after, not both (Spotify takes one cursor)",
    );
  }
  yield* pages<PlayHistory>(kit, "/me/player/recently-played", {
    before: before?.getTime(),
    after: after?.getTime(),
  }, rest);
}

/** Every item of a saved-items endpoint that takes a market. */
function inMarket<T>(
  kit: Kit,
  path: string,
  { market, ...rest }: CollectOptions & MarketOptions = {},
): AsyncGenerator<T> {
  return pages<T>(kit, path, { market }, rest);
}

/** Followed artists: cursor paging, wrapped as `{ artists: { items, next, cursors } }`. */
function followedArtists(kit: Kit, options: CollectOptions | undefined): AsyncGenerator<Artist> {
  const params = { type: "artist", limit: pageSize(undefined, kit.mode()) };
  return kit.paginate<Artist>("/me/following", params, { ...options, key: "artists" });
}

/**
 * The user's methods.
 *
 * @param kit The endpoints' kit.
 * @returns The paged endpoints as iterators, and every method.
 */
export function userEndpoints(
  kit: Kit,
): { iterate: Pick<PagedEndpoints, Paged>; methods: Pick<SpotifyClient, Methods> } {
  const iterate: Pick<PagedEndpoints, Paged> = {
    topArtists: (timeRange, options) => top<Artist>(kit, "artists", timeRange, options),
    topTracks: (timeRange, options) => top<Track>(kit, "tracks", timeRange, options),
    recentlyPlayed: (options) => recentlyPlayed(kit, options),
    savedTracks: (options) => inMarket<Saved<"track">>(kit, "/me/tracks", options),
    savedAlbums: (options) => inMarket<Saved<"album">>(kit, "/me/albums", options),
    myPlaylists: (options) => pages<Playlist>(kit, "/me/playlists", {}, options),
    savedShows: (options) => pages<Saved<"show">>(kit, "/me/shows", {}, options),
    savedEpisodes: (options) => inMarket<Saved<"episode">>(kit, "/me/episodes", options),
    savedAudiobooks: (options) => pages<Saved<"audiobook">>(kit, "/me/audiobooks", {}, options),
    followedArtists: (options) => followedArtists(kit, options),
  };

  const methods: Pick<SpotifyClient, Methods> = {
    me: async (options = {}) => await one<UserProfile>(kit, "/me", {}, options),
    topArtists: (timeRange, options) => topAll<Artist>(kit, "artists", timeRange, options),
    topTracks: (timeRange, options) => topAll<Track>(kit, "tracks", timeRange, options),
    recentlyPlayed: async (options) => await collect(iterate.recentlyPlayed(options)),
    savedTracks: async (options) => await collect(iterate.savedTracks(options)),
    savedAlbums: async (options) => await collect(iterate.savedAlbums(options)),
    myPlaylists: async (options) => await collect(iterate.myPlaylists(options)),
    followedArtists: async (options) => await collect(iterate.followedArtists(options)),
    savedShows: async (options) => await collect(iterate.savedShows(options)),
    savedEpisodes: async (options) => await collect(iterate.savedEpisodes(options)),
    savedAudiobooks: async (options) => await collect(iterate.savedAudiobooks(options)),
  };
  return { iterate, methods };
}
