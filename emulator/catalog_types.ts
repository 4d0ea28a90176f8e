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

/** An episode of a show. */
export interface CatalogEpisode {
  id: string;
  name: string;
  description: string;
  duration_ms: number;
  explicit: boolean;
  release_date: string;
  release_date_precision: "year" | "month" | "day";
}

/** A podcast show with its episodes, newest first. */
export interface CatalogShow {
  id: string;
  name: string;
  publisher: string;
  description: string;
  languages: string[];
  media_type: "audio" | "mixed";
  explicit: boolean;
  images: CatalogImage[];
  copyrights: { text: string; type: "C" | "P" }[];
  available_markets: string[];
  episodes: CatalogEpisode[];
}

/** A chapter of an audiobook. */
export interface CatalogChapter {
  id: string;
  name: string;
  description: string;
  chapter_number: number;
  duration_ms: number;
}

/** An audiobook with its chapters, in order. */
export interface CatalogAudiobook {
  id: string;
  name: string;
  authors: string[];
  narrators: string[];
  publisher: string;
  description: string;
  edition: string;
  languages: string[];
  explicit: boolean;
  release_date: string;
  images: CatalogImage[];
  copyrights: { text: string; type: "C" | "P" }[];
  available_markets: string[];
  chapters: CatalogChapter[];
}

/** Where the listener stopped in an episode or a chapter (`resume_point`). */
export interface CatalogResumePoint {
  id: string;
  resume_position_ms: number;
  fully_played: boolean;
}

/** The sample user's library of spoken word, and whom they follow besides artists. */
export interface CatalogLibrary {
  saved_shows: { show_id: string; added_at: string }[];
  saved_episodes: { episode_id: string; added_at: string }[];
  saved_audiobooks: { audiobook_id: string; added_at: string }[];
  resume_points: CatalogResumePoint[];
  followed_users: string[];
}

/** A device the listener can play on. */
export interface CatalogDevice {
  id: string;
  name: string;
  type: string;
  is_active: boolean;
  is_private_session: boolean;
  is_restricted: boolean;
  volume_percent: number | null;
  supports_volume: boolean;
}

/** Something playing or queued. */
export interface CatalogPlayable {
  type: "track" | "episode";
  id: string;
}

/** The listener's player at the catalog's `now`. */
export interface CatalogPlayer {
  devices: CatalogDevice[];
  is_playing: boolean;
  progress_ms: number;
  shuffle_state: boolean;
  repeat_state: "off" | "track" | "context";
  /** The playlist playing from, if any. */
  context_playlist: string | null;
  item: CatalogPlayable;
  queue: CatalogPlayable[];
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
  shows: CatalogShow[];
  audiobooks: CatalogAudiobook[];
  library: CatalogLibrary;
  player: CatalogPlayer;
}
