/**
 * Types of the Web API's spoken-word objects: shows, episodes, audiobooks, chapters, where a
 * listener stopped. Re-exported by `types.ts`.
 *
 * @module
 */
import type { Image, ObjectBase, Paging, ReleaseDatePrecision } from "./_types_music.ts";

/** Where a listener stopped in an episode or a chapter (scope `user-read-playback-position`). */
export interface ResumePoint {
  /** Whether it was played to the end. */
  fully_played?: boolean;
  /** Where playback stopped, in milliseconds. */
  resume_position_ms?: number;
}

/** A podcast, simplified or full. Development Mode strips `available_markets` and `publisher`. */
export interface Show extends ObjectBase {
  /** ISO 3166-1 alpha-2 country codes where it can be played (Extended only). */
  available_markets?: string[];
  /** Copyright statements. */
  copyrights?: { text?: string; type?: string }[];
  /** The description (plain text). */
  description?: string;
  /** The description with HTML tags. */
  html_description?: string;
  /** Whether it has explicit content (`false` when unknown). */
  explicit?: boolean;
  /** Cover art in several sizes, widest first. */
  images?: Image[];
  /** Whether the audio is hosted outside Spotify. */
  is_externally_hosted?: boolean | null;
  /** Languages, as ISO 639 codes. */
  languages?: string[];
  /** The media type, e.g. `audio`. */
  media_type?: string;
  /** Extended only. */
  publisher?: string;
  /** How many episodes the show has. */
  total_episodes?: number;
  /** Full shows only: the first page of episodes. */
  episodes?: Paging<Episode>;
}

/** An episode of a show, simplified (no `show`) or full. */
export interface Episode extends ObjectBase {
  /** A 30-second preview, or `null` when there is none (deprecated). */
  audio_preview_url?: string | null;
  /** The description (plain text). */
  description?: string;
  /** The description with HTML tags. */
  html_description?: string;
  /** Length in milliseconds. */
  duration_ms?: number;
  /** Whether it has explicit content (`false` when unknown). */
  explicit?: boolean;
  /** Cover art in several sizes, widest first. */
  images?: Image[];
  /** Whether the audio is hosted outside Spotify. */
  is_externally_hosted?: boolean;
  /** Whether it can be played in the given market (only when a market applies). */
  is_playable?: boolean;
  /** The language, as an ISO 639-1 code (deprecated: see `languages`). */
  language?: string;
  /** Languages, as ISO 639 codes. */
  languages?: string[];
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as `release_date_precision` says. */
  release_date?: string;
  /** How precise `release_date` is. */
  release_date_precision?: ReleaseDatePrecision;
  /** Where the user stopped (scope `user-read-playback-position`). */
  resume_point?: ResumePoint;
  /** Present when a restriction applies; `reason` is `market`, `product` or `explicit`. */
  restrictions?: { reason?: string };
  /** Full episodes only. */
  show?: Show;
}

/** An author or a narrator of an audiobook. */
export interface Person {
  /** The person's name. */
  name?: string;
}

/** An audiobook, simplified or full. Development Mode strips `available_markets` and `publisher`. */
export interface Audiobook extends ObjectBase {
  /** The authors. */
  authors?: Person[];
  /** The narrators. */
  narrators?: Person[];
  /** ISO 3166-1 alpha-2 country codes where it can be played (Extended only). */
  available_markets?: string[];
  /** Copyright statements. */
  copyrights?: { text?: string; type?: string }[];
  /** The description (plain text). */
  description?: string;
  /** The description with HTML tags. */
  html_description?: string;
  /** The edition, e.g. `Unabridged`. */
  edition?: string;
  /** Whether it has explicit content (`false` when unknown). */
  explicit?: boolean;
  /** Cover art in several sizes, widest first. */
  images?: Image[];
  /** Languages, as ISO 639 codes. */
  languages?: string[];
  /** The media type, e.g. `audio`. */
  media_type?: string;
  /** Extended only. */
  publisher?: string;
  /** How many chapters the audiobook has. */
  total_chapters?: number;
  /** Full audiobooks only: the first page of chapters. */
  chapters?: Paging<Chapter>;
}

/** A chapter of an audiobook, simplified (no `audiobook`) or full. */
export interface Chapter extends ObjectBase {
  /** A 30-second preview, or `null` when there is none (deprecated). */
  audio_preview_url?: string | null;
  /** ISO 3166-1 alpha-2 country codes where it can be played. */
  available_markets?: string[];
  /** The chapter's number in the audiobook. */
  chapter_number?: number;
  /** The description (plain text). */
  description?: string;
  /** The description with HTML tags. */
  html_description?: string;
  /** Length in milliseconds. */
  duration_ms?: number;
  /** Whether it has explicit content (`false` when unknown). */
  explicit?: boolean;
  /** Cover art in several sizes, widest first. */
  images?: Image[];
  /** Whether it can be played in the given market (only when a market applies). */
  is_playable?: boolean;
  /** Languages, as ISO 639 codes. */
  languages?: string[];
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as `release_date_precision` says. */
  release_date?: string;
  /** How precise `release_date` is. */
  release_date_precision?: ReleaseDatePrecision;
  /** Where the user stopped (scope `user-read-playback-position`). */
  resume_point?: ResumePoint;
  /** Present when a restriction applies; `reason` is `market`, `product` or `explicit`. */
  restrictions?: { reason?: string };
  /** Full chapters only. */
  audiobook?: Audiobook;
}
