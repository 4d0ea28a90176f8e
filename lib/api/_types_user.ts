/**
 * Types of what the Web API says about the signed-in user: profile, devices and playback, the
 * library, plays and top items; browse categories. Re-exported by `types.ts`.
 *
 * @module
 */
import type { Album, Image, Track } from "./_types_music.ts";
import type { Audiobook, Episode, Show } from "./_types_spoken.ts";

/** A browse category (Extended Quota Mode only). */
export interface Category {
  /** The category's ID. */
  id?: string;
  /** The category's name. */
  name?: string;
  /** The Web API address of the category. */
  href?: string;
  /** The category's icons. */
  icons?: Image[];
}

/** A device the user can play on. */
export interface Device {
  /** The device ID, or `null`. */
  id?: string | null;
  /** Whether this is the device currently playing. */
  is_active?: boolean;
  /** Whether the device is in a private session. */
  is_private_session?: boolean;
  /** Whether the Web API may not control this device. */
  is_restricted?: boolean;
  /** The device's name. */
  name?: string;
  /** The kind of device, e.g. `Computer` or `Smartphone`. */
  type?: string;
  /** Volume from 0 to 100, or `null`. */
  volume_percent?: number | null;
  /** Whether the Web API can set the volume. */
  supports_volume?: boolean;
}

/** What is playing (`GET /me/player/currently-playing`): a track or an episode. */
export interface CurrentlyPlaying {
  /** What is playing from (album, artist, playlist, show), or `null`. */
  context?: { type?: string; uri?: string; href?: string } | null;
  /** When the playback state last changed (or was fetched), in Unix milliseconds. */
  timestamp?: number;
  /** How far into the item playback is, in milliseconds, or `null`. */
  progress_ms?: number | null;
  /** Whether something is playing. */
  is_playing?: boolean;
  /** `null` when the item's type was not asked for (the client asks for tracks and episodes). */
  item?: Track | Episode | null;
  /** What kind of item is playing. */
  currently_playing_type?: "track" | "episode" | "ad" | "unknown" | string;
}

/** The playback state (`GET /me/player`): what is playing, on which device, how. */
export interface PlaybackState extends CurrentlyPlaying {
  /** The device playing. */
  device?: Device;
  /** Repeat mode: `off`, `track` or `context`. */
  repeat_state?: "off" | "track" | "context" | string;
  /** Whether shuffle is on. */
  shuffle_state?: boolean;
}

/** The user's queue: what is playing and what comes next. */
export interface Queue {
  /** What is playing, or `null`. */
  currently_playing?: Track | Episode | null;
  /** What plays next, in order. */
  queue?: (Track | Episode)[];
}

/** The kinds of things a user saves to the library. */
export type SavedType = "track" | "album" | "show" | "episode" | "audiobook";

/** How far back `top` items look: about 4 weeks, 6 months, or a year. */
export type TimeRange = "short_term" | "medium_term" | "long_term";

/** Every time range, shortest first. */
export const TIME_RANGES: readonly TimeRange[] = ["short_term", "medium_term", "long_term"];

/** The private profile of the signed-in user (`GET /me`). */
export interface UserProfile {
  /** The user's Spotify user ID. */
  id?: string;
  /** A stable pseudonymous ID of the account (use it rather than `id` for linking). */
  account_id?: string;
  /** The name shown on the profile, or `null`. */
  display_name?: string | null;
  /** The user's country, ISO 3166-1 alpha-2 (Extended only). */
  country?: string;
  /** Subscription level: `premium`, `free` or `open` (Extended only). */
  product?: string;
  /** Profile images. */
  images?: { url?: string }[];
  /** The user's Spotify URI. */
  uri?: string;
}

/** A play (`GET /me/player/recently-played`). */
export interface PlayHistory {
  /** The track played. */
  track?: Track;
  /** When the play happened (ISO 8601 UTC, with milliseconds). */
  played_at?: string;
  /** What it was played from (album, artist, playlist, show), or `null`. */
  context?: { type?: string; uri?: string } | null;
}

/** A saved track, album, show, episode or audiobook with when it was saved. */
export interface Saved<K extends SavedType> {
  /** When it was saved (ISO 8601 UTC). */
  added_at?: string;
  /** The saved track (for `Saved<"track">`). */
  track?: K extends "track" ? Track : never;
  /** The saved album (for `Saved<"album">`). */
  album?: K extends "album" ? Album : never;
  /** The saved show (for `Saved<"show">`). */
  show?: K extends "show" ? Show : never;
  /** The saved episode (for `Saved<"episode">`). */
  episode?: K extends "episode" ? Episode : never;
  /** The saved audiobook (for `Saved<"audiobook">`). */
  audiobook?: K extends "audiobook" ? Audiobook : never;
}

/** A top item with its time range and rank (1 = most listened). */
export type Ranked<T> = T & { time_range: TimeRange; rank: number };
