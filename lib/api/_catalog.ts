/**
 * The music catalog's endpoints: search, artists, albums, tracks, playlists (with their images and
 * other users' playlists), and the browse categories.
 *
 * @module
 */
import { id, type Kit, listUnder, looseId, object, one, pages, pageSize } from "./_endpoint_kit.ts";
import { checkMax, collect } from "./_paging.ts";
import type {
  ArtistAlbumsOptions,
  CollectOptions,
  FetchOptions,
  LocaleOptions,
  MarketOptions,
  PagedEndpoints,
  SearchItem,
  SpotifyClient,
} from "./spotify_client.ts";
import type {
  Album,
  Artist,
  Category,
  Image,
  Paging,
  Playlist,
  PlaylistEntry,
  SearchType,
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

/** Options of a paged endpoint that takes a market. */
type PagedMarketOptions = CollectOptions & MarketOptions;

// The paged endpoints are generators, so that a bad argument rejects the first read rather than
// throwing at the call.

/** Search results of one type, in pages as large as the mode allows; `max` defaults to 20. */
async function* searchItems<K extends SearchType>(
  kit: Kit,
  query: string,
  type: K,
  { max = 20, market, ...rest }: PagedMarketOptions = {},
): AsyncGenerator<SearchItem<K>> {
  if (typeof query !== "string" || query.trim() === "") {
    throw new TypeError(
      `Cannot search for ${
        JSON.stringify(query)
      }: give a word of a name, such as an artist's (offline, "the" finds most of the sample's artists; data/sample/README.md lists them all)`,
    );
  }
  checkMax(max);
  const limit = Math.max(1, Math.min(pageSize("search", kit.mode()), max));
  yield* kit.paginate<SearchItem<K>>("/search", { q: query, type, limit, market }, {
    key: `${type}s`,
    max,
    ...rest,
  });
}

/** An artist's albums, of every group unless told. */
async function* artistAlbumPages(
  kit: Kit,
  artistId: string,
  { includeGroups, market, ...rest }: ArtistAlbumsOptions = {},
): AsyncGenerator<Album> {
  const groups = includeGroups ?? ["album", "single", "compilation"];
  yield* kit.paginate<Album>(`/artists/${id(artistId, "artist")}/albums`, {
    include_groups: groups.join(","),
    limit: pageSize("artistAlbums", kit.mode()),
    market,
  }, rest);
}

/** An album's tracks. */
async function* albumTrackPages(
  kit: Kit,
  albumId: string,
  { market, ...rest }: PagedMarketOptions = {},
): AsyncGenerator<Track> {
  yield* pages<Track>(kit, `/albums/${id(albumId, "album")}/tracks`, { market }, rest);
}

/** A playlist's entries, each with `item` set. */
async function* playlistEntries(
  kit: Kit,
  playlistId: string,
  { market, ...rest }: PagedMarketOptions = {},
): AsyncGenerator<PlaylistEntry> {
  const path = `/playlists/${id(playlistId, "playlist")}/items`;
  for await (const raw of pages<PlaylistEntry>(kit, path, { market }, rest)) yield entry(raw);
}

/** A user's public playlists. */
async function* userPlaylistPages(
  kit: Kit,
  user: string,
  options: CollectOptions | undefined,
): AsyncGenerator<Playlist> {
  yield* pages<Playlist>(kit, `/users/${looseId(user, "user")}/playlists`, {}, options);
}

/** The browse categories, named in a locale if one is given. */
function categoryPages(
  kit: Kit,
  { locale, ...rest }: CollectOptions & LocaleOptions = {},
): AsyncGenerator<Category> {
  return pages<Category>(kit, "/browse/categories", { locale }, { ...rest, key: "categories" });
}

/** An artist's top tracks in a market. */
async function artistTopTracks(
  kit: Kit,
  artistId: string,
  { market, ...options }: FetchOptions & { market: string },
): Promise<Track[]> {
  const path = `/artists/${id(artistId, "artist")}/top-tracks`;
  return await listUnder<Track>(kit, path, "tracks", { market }, options);
}

/** A playlist, its first page of entries (under either key the mode used) as `items`. */
async function playlist(
  kit: Kit,
  playlistId: string,
  { market, ...options }: FetchOptions & MarketOptions = {},
): Promise<Playlist> {
  const path = `/playlists/${id(playlistId, "playlist")}`;
  const { tracks, items, ...rest } = await one<Playlist>(kit, path, { market }, options);
  const entries = items ?? tracks;
  if (entries === undefined) return rest;
  if (!("items" in entries)) return { ...rest, items: entries };
  const page = entries as Paging<PlaylistEntry>;
  return { ...rest, items: { ...page, items: (page.items ?? []).map((e) => e && entry(e)) } };
}

/** A playlist's cover images; an empty list for a playlist without a cover. */
async function playlistImages(
  kit: Kit,
  playlistId: string,
  { fresh, signal }: FetchOptions = {},
): Promise<Image[]> {
  const path = `/playlists/${id(playlistId, "playlist")}/images`;
  const answer = await kit.get(path, {}, { fresh, signal });
  // An array, not an object; a playlist without a cover answers an empty one.
  if (!Array.isArray(answer)) object(answer ?? null, path, kit.basePath);
  return (answer as Image[]) ?? [];
}

/** A browse category, named in a locale if one is given. */
async function category(
  kit: Kit,
  categoryId: string,
  { locale, ...options }: FetchOptions & LocaleOptions = {},
): Promise<Category> {
  const path = `/browse/categories/${looseId(categoryId, "category")}`;
  return await one<Category>(kit, path, { locale }, options);
}

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
    search: (query, type, options) => searchItems(kit, query, type, options),
    artistAlbums: (artistId, options) => artistAlbumPages(kit, artistId, options),
    albumTracks: (albumId, options) => albumTrackPages(kit, albumId, options),
    playlistItems: (playlistId, options) => playlistEntries(kit, playlistId, options),
    userPlaylists: (user, options) => userPlaylistPages(kit, user, options),
    categories: (options) => categoryPages(kit, options),
  };

  // Every endpoint is async: a bad argument is a rejected promise, never a synchronous throw.
  const methods: Pick<SpotifyClient, Methods> = {
    search: async (query, type, options) => await collect(iterate.search(query, type, options)),
    artist: async (artistId, options = {}) =>
      await one<Artist>(kit, `/artists/${id(artistId, "artist")}`, {}, options),
    artists: async (ids, options = {}) => await kit.several<Artist>("artists", ids, options),
    artistAlbums: async (artistId, options) =>
      await collect(iterate.artistAlbums(artistId, options)),
    artistTopTracks: (artistId, options) => artistTopTracks(kit, artistId, options),
    album: async (albumId, { market, ...options } = {}) =>
      await one<Album>(kit, `/albums/${id(albumId, "album")}`, { market }, options),
    albums: async (ids, options = {}) => await kit.several<Album>("albums", ids, options),
    albumTracks: async (albumId, options) => await collect(iterate.albumTracks(albumId, options)),
    track: async (trackId, { market, ...options } = {}) =>
      await one<Track>(kit, `/tracks/${id(trackId, "track")}`, { market }, options),
    tracks: async (ids, options = {}) => await kit.several<Track>("tracks", ids, options),
    playlist: (playlistId, options) => playlist(kit, playlistId, options),
    playlistItems: async (playlistId, options) =>
      await collect(iterate.playlistItems(playlistId, options)),
    playlistImages: (playlistId, options) => playlistImages(kit, playlistId, options),
    userPlaylists: async (user, options) => await collect(iterate.userPlaylists(user, options)),
    categories: async (options) => await collect(iterate.categories(options)),
    category: (categoryId, options) => category(kit, categoryId, options),
  };
  return { iterate, methods };
}
