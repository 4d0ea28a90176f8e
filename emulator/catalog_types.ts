/**
 * The compact shape of `data/sample/catalog.json`. The emulator derives every API object from it.
 *
 * @module
 */

/** An image as the API lists it. */
export interface CatalogImage {
  url: string;
  height: number | null;
  width: number | null;
}

/** An artist with every Extended-mode fact. */
export interface CatalogArtist {
  id: string;
  name: string;
  genres: string[];
  popularity: number;
  followers: number;
  images: CatalogImage[];
}

/** A track of an album. */
export interface CatalogTrack {
  id: string;
  name: string;
  artist_ids: string[];
  duration_ms: number;
  explicit: boolean;
  disc_number: number;
  track_number: number;
  popularity: number;
  isrc: string;
}

/** An album, single or compilation with its tracks. */
export interface CatalogAlbum {
  id: string;
  name: string;
  album_type: "album" | "single" | "compilation";
  artist_ids: string[];
  release_date: string;
  release_date_precision: "year" | "month" | "day";
  label: string;
  popularity: number;
  images: CatalogImage[];
  upc: string;
  copyrights: { text: string; type: "C" | "P" }[];
  available_markets: string[];
  tracks: CatalogTrack[];
}

/** A playlist and its entries. */
export interface CatalogPlaylist {
  id: string;
  name: string;
  description: string;
  public: boolean;
  collaborative: boolean;
  owner_id: string;
  images: CatalogImage[];
  snapshot_id: string;
  items: { track_id: string; added_at: string; added_by: string }[];
}

/** A user profile. */
export interface CatalogUser {
  id: string;
  display_name: string;
  country: string;
  product: string;
  email: string;
  followers: number;
  images: CatalogImage[];
}

/** The sample user's listening. */
export interface CatalogListening {
  id: string;
  top: {
    artists: Record<string, string[]>;
    tracks: Record<string, string[]>;
  };
  recently_played: { track_id: string; played_at: string; context_playlist: string | null }[];
  saved_tracks: { track_id: string; added_at: string }[];
  saved_albums: { album_id: string; added_at: string }[];
  followed_artists: string[];
}

/** The whole catalog file. */
export interface Catalog {
  about: string;
  seed: number;
  now: string;
  markets: string[];
  artists: CatalogArtist[];
  albums: CatalogAlbum[];
  playlists: CatalogPlaylist[];
  users: CatalogUser[];
  user: CatalogListening;
}
