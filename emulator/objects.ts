/**
 * Builds the Web API's objects from the compact sample catalog, in the shape each app mode receives
 * (`spotify-web-api.md` §3.3 and §4): Extended objects carry every field, Development Mode objects
 * lack the stripped ones (absent, not null).
 *
 * @module
 */
import type {
  Catalog,
  CatalogAlbum,
  CatalogArtist,
  CatalogAudiobook,
  CatalogChapter,
  CatalogEpisode,
  CatalogPlaylist,
  CatalogShow,
  CatalogTrack,
  CatalogUser,
} from "./catalog_types.ts";

/** The mode an emulated app is in. */
export type EmulatorMode = "development" | "extended";

/** A JSON object. */
export type Json = Record<string, unknown>;

/** Where and for whom objects are drawn. */
export interface DrawContext {
  /** API base URL as the client sees it, e.g. `http://127.0.0.1:8080/v1`. */
  base: string;
  /** The app's mode. */
  mode: EmulatorMode;
  /** The `market` asked for, if any: adds `is_playable` and drops `available_markets`. */
  market?: string | undefined;
  /** Where the signed-in user stopped in episodes and chapters, when the token may read it. */
  resumePoints?: Map<string, { resume_position_ms: number; fully_played: boolean }> | undefined;
}

/** Indexes over the catalog and the object builders. */
export class CatalogObjects {
  readonly catalog: Catalog;
  readonly artists: Map<string, CatalogArtist>;
  readonly albums: Map<string, CatalogAlbum>;
  readonly tracks: Map<string, { track: CatalogTrack; album: CatalogAlbum }>;
  readonly playlists: Map<string, CatalogPlaylist>;
  readonly users: Map<string, CatalogUser>;
  readonly shows: Map<string, CatalogShow>;
  readonly episodes: Map<string, { episode: CatalogEpisode; show: CatalogShow }>;
  readonly audiobooks: Map<string, CatalogAudiobook>;
  readonly chapters: Map<string, { chapter: CatalogChapter; audiobook: CatalogAudiobook }>;
  /** Where the sample listener stopped in episodes and chapters. */
  readonly resumePoints: Map<string, { resume_position_ms: number; fully_played: boolean }>;
  /** Album ids per artist id, with the artist's relation to each (`album_group`). */
  readonly artistAlbums: Map<string, { album: CatalogAlbum; group: string }[]>;

  /** @param catalog The parsed `catalog.json`. */
  constructor(catalog: Catalog) {
    this.catalog = catalog;
    this.artists = new Map(catalog.artists.map((a) => [a.id, a]));
    this.albums = new Map(catalog.albums.map((a) => [a.id, a]));
    this.tracks = new Map(
      catalog.albums.flatMap((album) => album.tracks.map((track) => [track.id, { track, album }])),
    );
    this.playlists = new Map(catalog.playlists.map((p) => [p.id, p]));
    this.users = new Map(catalog.users.map((u) => [u.id, u]));
    this.shows = new Map(catalog.shows.map((s) => [s.id, s]));
    this.episodes = new Map(
      catalog.shows.flatMap((show) =>
        show.episodes.map((episode) => [episode.id, { episode, show }])
      ),
    );
    this.audiobooks = new Map(catalog.audiobooks.map((b) => [b.id, b]));
    this.resumePoints = new Map(
      catalog.library.resume_points.map(({ id, ...point }) => [id, point]),
    );
    this.chapters = new Map(
      catalog.audiobooks.flatMap((audiobook) =>
        audiobook.chapters.map((chapter) => [chapter.id, { chapter, audiobook }])
      ),
    );
    this.artistAlbums = new Map(catalog.artists.map((a) => [a.id, []]));
    for (const album of catalog.albums) {
      const featured = new Set(album.tracks.flatMap((t) => t.artist_ids));
      for (const artistId of featured) {
        const group = album.artist_ids.includes(artistId) ? album.album_type : "appears_on";
        this.artistAlbums.get(artistId)?.push({ album, group });
      }
    }
  }

  /** Simplified artist. */
  artistSimple(artist: CatalogArtist, ctx: DrawContext): Json {
    return { ...links("artist", artist.id, ctx), name: artist.name };
  }

  /** Full artist; Development Mode lacks `followers`, `popularity`, `genres`. */
  artistFull(artist: CatalogArtist, ctx: DrawContext): Json {
    const full: Json = {
      ...this.artistSimple(artist, ctx),
      images: artist.images,
    };
    if (ctx.mode === "extended") {
      full.followers = { href: null, total: artist.followers };
      full.genres = artist.genres;
      full.popularity = artist.popularity;
    }
    return full;
  }

  /** Simplified album; `group` adds `album_group` (artist albums, Extended only). */
  albumSimple(album: CatalogAlbum, ctx: DrawContext, group?: string): Json {
    const out: Json = {
      album_type: album.album_type,
      total_tracks: album.tracks.length,
      ...markets(album.available_markets, ctx),
      ...links("album", album.id, ctx),
      images: album.images,
      name: album.name,
      release_date: album.release_date,
      release_date_precision: album.release_date_precision,
      artists: album.artist_ids.map((id) => this.artistSimple(this.artists.get(id)!, ctx)),
    };
    if (group !== undefined && ctx.mode === "extended") out.album_group = group;
    return out;
  }

  /** Full album with the first page of its tracks. */
  albumFull(album: CatalogAlbum, ctx: DrawContext, tracksPage: Json): Json {
    const out: Json = {
      ...this.albumSimple(album, ctx),
      tracks: tracksPage,
      copyrights: album.copyrights,
      external_ids: { upc: album.upc },
      genres: [],
    };
    if (ctx.mode === "extended") {
      out.label = album.label;
      out.popularity = album.popularity;
    }
    return out;
  }

  /** Simplified track (album tracks). */
  trackSimple(track: CatalogTrack, album: CatalogAlbum, ctx: DrawContext): Json {
    return {
      artists: track.artist_ids.map((id) => this.artistSimple(this.artists.get(id)!, ctx)),
      ...markets(album.available_markets, ctx),
      disc_number: track.disc_number,
      duration_ms: track.duration_ms,
      explicit: track.explicit,
      ...links("track", track.id, ctx),
      is_local: false,
      name: track.name,
      preview_url: ctx.mode === "extended"
        ? `https://p.scdn.co/mp3-preview/${track.id.toLowerCase()}`
        : null,
      track_number: track.track_number,
    };
  }

  /** Full track; Development Mode lacks `popularity` (and `available_markets`). */
  trackFull(track: CatalogTrack, album: CatalogAlbum, ctx: DrawContext): Json {
    const out: Json = {
      ...this.trackSimple(track, album, ctx),
      album: this.albumSimple(album, ctx),
      external_ids: { isrc: track.isrc },
    };
    if (ctx.mode === "extended") out.popularity = track.popularity;
    return out;
  }

  /** A playlist owner or `added_by` user. */
  userPublic(id: string, ctx: DrawContext, withName = true): Json {
    const out: Json = { ...links("user", id, ctx) };
    if (withName) out.display_name = this.users.get(id)?.display_name ?? null;
    return out;
  }

  /**
   * One playlist entry; Development Mode renames `track` to `item`. `primary_color`,
   * `video_thumbnail` and the track's `episode`/`track` booleans are in real answers, not in the
   * OpenAPI file (`spotify-web-api.md` §4, *undoc*).
   */
  playlistEntry(entry: CatalogPlaylist["items"][number], ctx: DrawContext): Json {
    const found = this.tracks.get(entry.track_id)!;
    const track = { ...this.trackFull(found.track, found.album, ctx), episode: false, track: true };
    return {
      added_at: entry.added_at,
      added_by: this.userPublic(entry.added_by, ctx, false),
      is_local: false,
      primary_color: null,
      [ctx.mode === "extended" ? "track" : "item"]: track,
      video_thumbnail: { url: null },
    };
  }

  /**
   * A playlist. `entries` is the first page of entries for a full playlist, `{href,total}` for a
   * simplified one, or `undefined` when the mode hides them (Development Mode, not the owner).
   */
  playlist(playlist: CatalogPlaylist, ctx: DrawContext, entries: Json | undefined): Json {
    const out: Json = {
      collaborative: playlist.collaborative,
      description: playlist.description,
      ...links("playlist", playlist.id, ctx),
      images: playlist.images,
      name: playlist.name,
      owner: this.userPublic(playlist.owner_id, ctx),
      primary_color: null,
      public: playlist.public,
      snapshot_id: playlist.snapshot_id,
    };
    if (entries !== undefined) out[ctx.mode === "extended" ? "tracks" : "items"] = entries;
    return out;
  }

  /** A simplified playlist (search, `/me/playlists`): entries as `{href, total}`. */
  playlistSimple(playlist: CatalogPlaylist, ctx: DrawContext): Json {
    const key = ctx.mode === "extended" ? "tracks" : "items";
    return this.playlist(playlist, ctx, {
      href: `${ctx.base}/playlists/${playlist.id}/${key}`,
      total: playlist.items.length,
    });
  }

  /** The private profile of a user (`GET /me`). */
  userPrivate(user: CatalogUser, ctx: DrawContext): Json {
    const out: Json = {
      account_id: `acc-${user.id}`,
      display_name: user.display_name,
      ...links("user", user.id, ctx),
      images: user.images,
    };
    if (ctx.mode === "extended") {
      Object.assign(out, {
        country: user.country,
        email: user.email,
        explicit_content: { filter_enabled: false, filter_locked: false },
        followers: { href: null, total: user.followers },
        product: user.product,
      });
    }
    return out;
  }
}

/** `external_urls`, `href`, `id`, `type`, `uri` of a catalog object. */
export function links(type: string, id: string, ctx: DrawContext): Json {
  return {
    external_urls: { spotify: `https://open.spotify.com/${type}/${id}` },
    href: `${ctx.base}/${type === "user" ? "users" : `${type}s`}/${id}`,
    id,
    type,
    uri: `spotify:${type}:${id}`,
  };
}

/**
 * `is_playable` for a market asked for, else `available_markets` in Extended mode. As
 * `spotify-web-api.md` §4 records and unlike the OpenAPI file (which requires `available_markets`
 * and has no album `is_playable`): with a market, tracks and albums say whether they play there.
 */
export function markets(available: string[], ctx: DrawContext): Json {
  if (ctx.market !== undefined) return { is_playable: available.includes(ctx.market) };
  return ctx.mode === "extended" ? { available_markets: available } : {};
}
