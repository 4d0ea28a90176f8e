/**
 * The signed-in user's music (a client whose token provider is a user's, see `user_auth.ts`):
 * profile, top artists and tracks per time range, recently played (cursor paging), saved tracks,
 * albums, shows, episodes and audiobooks, playlists and followed artists.
 *
 * @module
 */
import { type Kit, one, pageSize } from "./_endpoint_kit.ts";
import { collect } from "./_paging.ts";
import type { PagedEndpoints, SpotifyClient } from "./spotify_client.ts";
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

/**
 * The user's methods.
 *
 * @param kit The endpoints' kit.
 * @returns The paged endpoints as iterators, and every method.
 */
export function userEndpoints(
  kit: Kit,
): { iterate: Pick<PagedEndpoints, Paged>; methods: Pick<SpotifyClient, Methods> } {
  const limit = () => pageSize(undefined, kit.mode());

  async function* top<T>(
    type: "artists" | "tracks",
    timeRange: TimeRange,
    options: Parameters<PagedEndpoints["topTracks"]>[1] = {},
  ): AsyncGenerator<Ranked<T>> {
    const [range] = ranges(timeRange);
    let rank = 0;
    const items = kit.paginate<T>(
      `/me/top/${type}`,
      { time_range: range, limit: limit() },
      options,
    );
    for await (const item of items) yield { ...item, time_range: range!, rank: ++rank };
  }

  const iterate: Pick<PagedEndpoints, Paged> = {
    topArtists: (timeRange, options) => top<Artist>("artists", timeRange, options),
    topTracks: (timeRange, options) => top<Track>("tracks", timeRange, options),
    async *recentlyPlayed({ before, after, ...rest } = {}) {
      if (before && after) {
        throw new TypeError(
          "Invalid window: give before or after, not both (Spotify takes one cursor)",
        );
      }
      yield* kit.paginate<PlayHistory>("/me/player/recently-played", {
        limit: limit(),
        before: before?.getTime(),
        after: after?.getTime(),
      }, rest);
    },
    savedTracks: ({ market, ...rest } = {}) =>
      kit.paginate<Saved<"track">>("/me/tracks", { limit: limit(), market }, rest),
    savedAlbums: ({ market, ...rest } = {}) =>
      kit.paginate<Saved<"album">>("/me/albums", { limit: limit(), market }, rest),
    myPlaylists: (options) => kit.paginate<Playlist>("/me/playlists", { limit: limit() }, options),
    savedShows: (options) => kit.paginate<Saved<"show">>("/me/shows", { limit: limit() }, options),
    savedEpisodes: ({ market, ...rest } = {}) =>
      kit.paginate<Saved<"episode">>("/me/episodes", { limit: limit(), market }, rest),
    savedAudiobooks: (options) =>
      kit.paginate<Saved<"audiobook">>("/me/audiobooks", { limit: limit() }, options),
    // Cursor paging, wrapped: `{ artists: { items, next, cursors } }`.
    followedArtists: (options) =>
      kit.paginate<Artist>("/me/following", { type: "artist", limit: limit() }, {
        ...options,
        key: "artists",
      }),
  };

  /** Top items of every range asked for, at once; `max` counts per range. */
  async function topAll<T>(
    type: "topArtists" | "topTracks",
    timeRange: TimeRange | "all" = "all",
    { max = 50, ...rest }: Parameters<SpotifyClient["topTracks"]>[1] = {},
  ): Promise<Ranked<T>[]> {
    const lists = await Promise.all(
      ranges(timeRange).map((range) =>
        collect(iterate[type](range, { max, ...rest }) as AsyncGenerator<Ranked<T>>)
      ),
    );
    return lists.flat();
  }

  const methods: Pick<SpotifyClient, Methods> = {
    me: async (options = {}) => await one<UserProfile>(kit, "/me", {}, options),
    topArtists: (timeRange, options) => topAll<Artist>("topArtists", timeRange, options),
    topTracks: (timeRange, options) => topAll<Track>("topTracks", timeRange, options),
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
