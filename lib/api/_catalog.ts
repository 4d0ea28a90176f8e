/**
 * The music catalog's endpoints: search, artists, albums, tracks, playlists (with their images and
 * other users' playlists), and the browse categories.
 *
 * @module
 */
import { id, type Kit, listUnder, looseId, object, one, pageSize } from "./_endpoint_kit.ts";
import { checkMax, collect } from "./_paging.ts";
import type { PagedEndpoints, SearchItem, SpotifyClient } from "./spotify_client.ts";
import type {
  Album,
  Artist,
  Category,
  Image,
  Paging,
  Playlist,
  PlaylistEntry,
  Track,
} from "./types.ts";

/** A playlist entry with `item` set, whichever key the mode used. */
function entry(raw: PlaylistEntry): PlaylistEntry {
  const { track, ...rest } = raw;
  return { ...rest, item: raw.item ?? track ?? null };
}

type Paged =
  | "search"
  | "artistAlbums"
  | "albumTracks"
  | "playlistItems"
  | "userPlaylists"
  | "categories";
type Methods =
  | Paged
  | "artist"
  | "artists"
  | "artistTopTracks"
  | "album"
  | "albums"
  | "track"
  | "tracks"
  | "playlist"
  | "playlistImages"
  | "category";

/**
 * The catalog's methods.
 *
 * @param kit The endpoints' kit.
 * @returns The paged endpoints as iterators, and every method.
 */
export function catalogEndpoints(
  kit: Kit,
): { iterate: Pick<PagedEndpoints, Paged>; methods: Pick<SpotifyClient, Methods> } {
  const iterate: Pick<PagedEndpoints, Paged> = {
    // Generators, so that a bad argument rejects the first read rather than throwing at the call.
    async *search(query, type, { max = 20, market, ...rest } = {}) {
      if (typeof query !== "string" || query.trim() === "") {
        throw new TypeError(
          `Cannot search for ${
            JSON.stringify(query)
          }: give a word of a name, such as an artist's (offline, "the" finds most of the sample's artists; data/sample/README.md lists them all)`,
        );
      }
      checkMax(max);
      const limit = Math.max(1, Math.min(pageSize("search", kit.mode()), max));
      yield* kit.paginate<SearchItem<typeof type>>("/search", { q: query, type, limit, market }, {
        key: `${type}s`,
        max,
        ...rest,
      });
    },
    async *artistAlbums(artistId, { includeGroups, market, ...rest } = {}) {
      const groups = includeGroups ?? ["album", "single", "compilation"];
      yield* kit.paginate<Album>(`/artists/${id(artistId, "artist")}/albums`, {
        include_groups: groups.join(","),
        limit: pageSize("artistAlbums", kit.mode()),
        market,
      }, rest);
    },
    async *albumTracks(albumId, { market, ...rest } = {}) {
      yield* kit.paginate<Track>(
        `/albums/${id(albumId, "album")}/tracks`,
        { limit: pageSize(undefined, kit.mode()), market },
        rest,
      );
    },
    async *playlistItems(playlistId, { market, ...rest } = {}) {
      const entries = kit.paginate<PlaylistEntry>(
        `/playlists/${id(playlistId, "playlist")}/items`,
        { limit: pageSize(undefined, kit.mode()), market },
        rest,
      );
      for await (const raw of entries) yield entry(raw);
    },
    userPlaylists: (user, options) =>
      (async function* () {
        yield* kit.paginate<Playlist>(
          `/users/${looseId(user, "user")}/playlists`,
          { limit: pageSize(undefined, kit.mode()) },
          options,
        );
      })(),
    categories: ({ locale, ...rest } = {}) =>
      kit.paginate<Category>("/browse/categories", {
        limit: pageSize(undefined, kit.mode()),
        locale,
      }, { ...rest, key: "categories" }),
  };

  const methods: Pick<SpotifyClient, Methods> = {
    // Every endpoint is async: a bad argument is a rejected promise, never a synchronous throw.
    search: async (query, type, options) => await collect(iterate.search(query, type, options)),
    artist: async (artistId, options = {}) =>
      await one<Artist>(kit, `/artists/${id(artistId, "artist")}`, {}, options),
    artists: async (ids, options = {}) => await kit.several<Artist>("artists", ids, options),
    artistAlbums: async (artistId, options) =>
      await collect(iterate.artistAlbums(artistId, options)),
    artistTopTracks: async (artistId, { market, ...options }) =>
      await listUnder<Track>(
        kit,
        `/artists/${id(artistId, "artist")}/top-tracks`,
        "tracks",
        { market },
        options,
      ),
    album: async (albumId, { market, ...options } = {}) =>
      await one<Album>(kit, `/albums/${id(albumId, "album")}`, { market }, options),
    albums: async (ids, options = {}) => await kit.several<Album>("albums", ids, options),
    albumTracks: async (albumId, options) => await collect(iterate.albumTracks(albumId, options)),
    track: async (trackId, { market, ...options } = {}) =>
      await one<Track>(kit, `/tracks/${id(trackId, "track")}`, { market }, options),
    tracks: async (ids, options = {}) => await kit.several<Track>("tracks", ids, options),
    async playlist(playlistId, { market, ...options } = {}) {
      const raw = await one<Playlist>(
        kit,
        `/playlists/${id(playlistId, "playlist")}`,
        { market },
        options,
      );
      const { tracks, items, ...rest } = raw;
      const entries = items ?? tracks;
      if (entries === undefined) return rest;
      if (!("items" in entries)) return { ...rest, items: entries };
      const page = entries as Paging<PlaylistEntry>;
      return { ...rest, items: { ...page, items: (page.items ?? []).map((e) => e && entry(e)) } };
    },
    playlistItems: async (playlistId, options) =>
      await collect(iterate.playlistItems(playlistId, options)),
    async playlistImages(playlistId, { fresh, signal } = {}) {
      const path = `/playlists/${id(playlistId, "playlist")}/images`;
      const answer = await kit.get(path, {}, { fresh, signal });
      // An array, not an object; a playlist without a cover answers an empty one.
      if (!Array.isArray(answer)) object(answer ?? null, path, kit.basePath);
      return (answer as Image[]) ?? [];
    },
    userPlaylists: async (user, options) => await collect(iterate.userPlaylists(user, options)),
    categories: async (options) => await collect(iterate.categories(options)),
    category: async (categoryId, { locale, ...options } = {}) =>
      await one<Category>(
        kit,
        `/browse/categories/${looseId(categoryId, "category")}`,
        { locale },
        options,
      ),
  };
  return { iterate, methods };
}
