/**
 * The compact shape of `data/sample/catalog.json`. The emulator derives every API object from it.
 *
 * @module
 */

/** An image as the API lists it. */
export interface CatalogImage {
  /** Where the image is served. */
  url: string;
  /** Its height in pixels, when known. */
  height: number | null;
  /** Its width in pixels, when known. */
  width: number | null;
}

/** An artist with every Extended-mode fact. */
export interface CatalogArtist {
  /** The Spotify-like base62 id. */
  id: string;
  /** The name shown. */
  name: string;
  /** Genres (stripped for Development Mode apps). */
  genres: string[];
  /** 0–100 (stripped for Development Mode apps). */
  popularity: number;
  /** How many follow the artist (stripped for Development Mode apps). */
  followers: number;
  /** Cover or profile images, largest first. */
  images: CatalogImage[];
}

/** A track of an album. */
export interface CatalogTrack {
  /** The Spotify-like base62 id. */
  id: string;
  /** The name shown. */
  name: string;
  /** Ids of its artists, main artist first. */
  artist_ids: string[];
  /** Length in ms. */
  duration_ms: number;
  /** Whether it is marked explicit. */
  explicit: boolean;
  /** Disc number, from 1. */
  disc_number: number;
  /** Position on its disc, from 1. */
  track_number: number;
  /** 0–100 (stripped for Development Mode apps). */
  popularity: number;
  /** International Standard Recording Code. */
  isrc: string;
}

/** An album, single or compilation with its tracks. */
export interface CatalogAlbum {
  /** The Spotify-like base62 id. */
  id: string;
  /** The name shown. */
  name: string;
  /** What kind of release it is. */
  album_type: "album" | "single" | "compilation";
  /** Ids of its artists, main artist first. */
  artist_ids: string[];
  /** Release date, as precise as `release_date_precision`. */
  release_date: string;
  /** How precise `release_date` is. */
  release_date_precision: "year" | "month" | "day";
  /** Record label (stripped for Development Mode apps). */
  label: string;
  /** 0–100 (stripped for Development Mode apps). */
  popularity: number;
  /** Cover or profile images, largest first. */
  images: CatalogImage[];
  /** Universal Product Code. */
  upc: string;
  /** Copyright (`C`) and phonogram (`P`) lines. */
  copyrights: { text: string; type: "C" | "P" }[];
  /** ISO country codes where it can be played (stripped for Development Mode apps). */
  available_markets: string[];
  /** Its tracks, in order. */
  tracks: CatalogTrack[];
}

/** A playlist and its entries. */
export interface CatalogPlaylist {
  /** The Spotify-like base62 id. */
  id: string;
  /** The name shown. */
  name: string;
  /** Its description text. */
  description: string;
  /** Whether it is public. */
  public: boolean;
  /** Whether others may add to it. */
  collaborative: boolean;
  /** The user who owns it. */
  owner_id: string;
  /** Cover or profile images, largest first. */
  images: CatalogImage[];
  /** The version of the playlist. */
  snapshot_id: string;
  /** Its entries, in order: the track, when and by whom it was added. */
  items: { track_id: string; added_at: string; added_by: string }[];
}

/** A user profile. */
export interface CatalogUser {
  /** The Spotify-like base62 id. */
  id: string;
  /** The name shown for the user. */
  display_name: string;
  /** The account's country (ISO code). */
  country: string;
  /** The subscription, e.g. `premium`. */
  product: string;
  /** The account's e-mail address (fictional). */
  email: string;
  /** How many follow the user. */
  followers: number;
  /** Cover or profile images, largest first. */
  images: CatalogImage[];
}

/** The sample user's listening. */
export interface CatalogListening {
  /** The user's id. */
  id: string;
  /** Top artist and track ids per time range (`short_term`, `medium_term`, `long_term`). */
  top: {
    artists: Record<string, string[]>;
    tracks: Record<string, string[]>;
  };
  /** Recent plays, newest first, with the playlist played from. */
  recently_played: { track_id: string; played_at: string; context_playlist: string | null }[];
  /** Saved tracks, with when they were saved. */
  saved_tracks: { track_id: string; added_at: string }[];
  /** Saved albums, with when they were saved. */
  saved_albums: { album_id: string; added_at: string }[];
  /** Ids of the artists the user follows. */
  followed_artists: string[];
}

/** An episode of a show. */
export interface CatalogEpisode {
  /** The Spotify-like base62 id. */
  id: string;
  /** The name shown. */
  name: string;
  /** Its description text. */
  description: string;
  /** Length in ms. */
  duration_ms: number;
  /** Whether it is marked explicit. */
  explicit: boolean;
  /** Release date, as precise as `release_date_precision`. */
  release_date: string;
  /** How precise `release_date` is. */
  release_date_precision: "year" | "month" | "day";
}

/** A podcast show with its episodes, newest first. */
export interface CatalogShow {
  /** The Spotify-like base62 id. */
  id: string;
  /** The name shown. */
  name: string;
  /** Who publishes it. */
  publisher: string;
  /** Its description text. */
  description: string;
  /** Languages (ISO codes). */
  languages: string[];
  /** Whether it is audio only or mixed media. */
  media_type: "audio" | "mixed";
  /** Whether it is marked explicit. */
  explicit: boolean;
  /** Cover or profile images, largest first. */
  images: CatalogImage[];
  /** Copyright (`C`) and phonogram (`P`) lines. */
  copyrights: { text: string; type: "C" | "P" }[];
  /** ISO country codes where it can be played (stripped for Development Mode apps). */
  available_markets: string[];
  /** Its episodes, newest first. */
  episodes: CatalogEpisode[];
}

/** A chapter of an audiobook. */
export interface CatalogChapter {
  /** The Spotify-like base62 id. */
  id: string;
  /** The name shown. */
  name: string;
  /** Its description text. */
  description: string;
  /** Position in the audiobook, from 0. */
  chapter_number: number;
  /** Length in ms. */
  duration_ms: number;
}

/** An audiobook with its chapters, in order. */
export interface CatalogAudiobook {
  /** The Spotify-like base62 id. */
  id: string;
  /** The name shown. */
  name: string;
  /** Authors' names. */
  authors: string[];
  /** Narrators' names. */
  narrators: string[];
  /** Who publishes it. */
  publisher: string;
  /** Its description text. */
  description: string;
  /** The edition, e.g. `Unabridged`. */
  edition: string;
  /** Languages (ISO codes). */
  languages: string[];
  /** Whether it is marked explicit. */
  explicit: boolean;
  /** Release date, as precise as `release_date_precision`. */
  release_date: string;
  /** Cover or profile images, largest first. */
  images: CatalogImage[];
  /** Copyright (`C`) and phonogram (`P`) lines. */
  copyrights: { text: string; type: "C" | "P" }[];
  /** ISO country codes where it can be played (stripped for Development Mode apps). */
  available_markets: string[];
  /** Its chapters, in order. */
  chapters: CatalogChapter[];
}

/** Where the listener stopped in an episode or a chapter (`resume_point`). */
export interface CatalogResumePoint {
  /** The episode or chapter. */
  id: string;
  /** Where listening stopped, in ms. */
  resume_position_ms: number;
  /** Whether it was played to the end. */
  fully_played: boolean;
}

/** The sample user's library of spoken word, and whom they follow besides artists. */
export interface CatalogLibrary {
  /** Saved shows, with when they were saved. */
  saved_shows: { show_id: string; added_at: string }[];
  /** Saved episodes, with when they were saved. */
  saved_episodes: { episode_id: string; added_at: string }[];
  /** Saved audiobooks, with when they were saved. */
  saved_audiobooks: { audiobook_id: string; added_at: string }[];
  /** Where the listener stopped in episodes and chapters. */
  resume_points: CatalogResumePoint[];
  /** Ids of the users the listener follows. */
  followed_users: string[];
}

/** A device the listener can play on. */
export interface CatalogDevice {
  /** The Spotify-like base62 id. */
  id: string;
  /** The device's name. */
  name: string;
  /** What kind of device it is, e.g. `Smartphone`. */
  type: string;
  /** Whether it is the device playing now. */
  is_active: boolean;
  /** Whether it is in a private session. */
  is_private_session: boolean;
  /** Whether the Web API may not control it. */
  is_restricted: boolean;
  /** Its volume, when it reports one. */
  volume_percent: number | null;
  /** Whether its volume can be set. */
  supports_volume: boolean;
}

/** Something playing or queued. */
export interface CatalogPlayable {
  /** A track or an episode. */
  type: "track" | "episode";
  /** Its id. */
  id: string;
}

/** The listener's player at the catalog's `now`. */
export interface CatalogPlayer {
  /** The listener's devices. */
  devices: CatalogDevice[];
  /** Whether something plays now. */
  is_playing: boolean;
  /** How far into the item, in ms. */
  progress_ms: number;
  /** Whether shuffle is on. */
  shuffle_state: boolean;
  /** The repeat mode. */
  repeat_state: "off" | "track" | "context";
  /** The playlist playing from, if any. */
  context_playlist: string | null;
  /** What plays now. */
  item: CatalogPlayable;
  /** What plays next, in order. */
  queue: CatalogPlayable[];
}

/** The whole catalog file. */
export interface Catalog {
  /** Where the catalog comes from (every name is invented). */
  about: string;
  /** The seed it was generated from. */
  seed: number;
  /** The moment the catalog describes (ISO time): recent plays and the player are relative to it. */
  now: string;
  /** The markets the catalog knows. */
  markets: string[];
  /** Every artist. */
  artists: CatalogArtist[];
  /** Every album, with its tracks. */
  albums: CatalogAlbum[];
  /** Every playlist. */
  playlists: CatalogPlaylist[];
  /** Every user profile. */
  users: CatalogUser[];
  /** The sample listener's listening. */
  user: CatalogListening;
  /** Every podcast show, with its episodes. */
  shows: CatalogShow[];
  /** Every audiobook, with its chapters. */
  audiobooks: CatalogAudiobook[];
  /** The sample listener's spoken-word library. */
  library: CatalogLibrary;
  /** The sample listener's player. */
  player: CatalogPlayer;
}
