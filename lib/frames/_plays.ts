/**
 * The plays of `readStreamingHistory` (`streaming_history.ts`): {@linkcode Plays} holds them in
 * columns, one array each, and {@linkcode Plays.add} reads one export file's records into them,
 * checking each value as it goes. Times are parsed strictly (`_dates.ts`); `ms_played` must be a
 * whole number from 0 to 2^53 - 1; a field read as text or as a flag must be that or null. Anything else
 * is refused in one sentence naming the file, the play (its index in the file), the field and the
 * value: no play is guessed, dropped or turned into null.
 *
 * @module
 */
import { SpotifyError } from "../core/errors.ts";
import { timestampMs, timestampProblem } from "./_dates.ts";

/** The text columns, in frame order. */
export const TEXT = [
  "kind",
  "track",
  "artist",
  "album",
  "track_uri",
  "episode",
  "show",
  "episode_uri",
  "audiobook",
  "audiobook_uri",
  "chapter",
  "chapter_uri",
  "platform",
  "country",
  "reason_start",
  "reason_end",
] as const;
/** The true/false columns, in frame order. */
export const FLAGS = ["shuffle", "skipped", "offline", "incognito"] as const;
type TextField = typeof TEXT[number];
type FlagField = typeof FLAGS[number];

/** The export's fields read as text or as flags, for the sentence about a wrong one. */
const EXTENDED_TEXT = [
  "master_metadata_track_name",
  "master_metadata_album_artist_name",
  "master_metadata_album_album_name",
  "spotify_track_uri",
  "episode_name",
  "episode_show_name",
  "spotify_episode_uri",
  "audiobook_title",
  "audiobook_uri",
  "audiobook_chapter_title",
  "audiobook_chapter_uri",
  "platform",
  "conn_country",
  "reason_start",
  "reason_end",
];
const EXTENDED_FLAGS = ["shuffle", "skipped", "offline", "incognito_mode"];
const BASIC_TEXT = ["trackName", "artistName", "episodeName", "podcastName"];

/** How many values of the wrong type `text` and `flag` met since the last play was checked. */
let wrong = 0;
const text = (value: unknown): string | null => {
  if (typeof value === "string") return value;
  if (value !== null && value !== undefined) wrong++;
  return null;
};
const flag = (value: unknown): boolean | null => {
  if (typeof value === "boolean") return value;
  if (value !== null && value !== undefined) wrong++;
  return null;
};

type Entry = Record<string, unknown>;

/** The columns being filled, one array each. */
export class Plays {
  length = 0;
  sorted = true;
  readonly playedAt: Float64Array;
  readonly msPlayed: Float64Array;
  readonly text: Record<TextField, (string | null)[]>;
  readonly flags: Record<FlagField, (boolean | null)[]>;
  readonly source: string[];
  readonly file: string[];
  /** Room for `capacity` plays, allocated once. */
  constructor(capacity: number) {
    this.playedAt = new Float64Array(capacity);
    this.msPlayed = new Float64Array(capacity);
    const nulls = () => new Array(capacity).fill(null);
    this.text = Object.fromEntries(TEXT.map((k) => [k, nulls()])) as Plays["text"];
    this.flags = Object.fromEntries(FLAGS.map((k) => [k, nulls()])) as Plays["flags"];
    this.source = new Array(capacity);
    this.file = new Array(capacity);
  }

  /** The plays of several files as one (sorted when each is and they follow each other). */
  static join(parts: Plays[]): Plays {
    if (parts.length === 1) return parts[0]!;
    const total = parts.reduce((n, p) => n + p.length, 0);
    const numbers = (get: (p: Plays) => Float64Array) => {
      const out = new Float64Array(total);
      let at = 0;
      for (const part of parts) {
        out.set(get(part), at);
        at += part.length;
      }
      return out;
    };
    const join = <T>(get: (p: Plays) => T[]): T[] => {
      const [first, ...rest] = parts.map(get);
      return (first ?? []).concat(...rest);
    };
    let last = -Infinity;
    let sorted = true;
    for (const part of parts) {
      if (!part.sorted || (part.length > 0 && part.playedAt[0]! < last)) sorted = false;
      if (part.length > 0) last = part.playedAt[part.length - 1]!;
    }
    return Object.assign(new Plays(0), {
      length: total,
      sorted,
      playedAt: numbers((p) => p.playedAt),
      msPlayed: numbers((p) => p.msPlayed),
      text: Object.fromEntries(TEXT.map((k) => [k, join((p) => p.text[k])])),
      flags: Object.fromEntries(FLAGS.map((k) => [k, join((p) => p.flags[k])])),
      source: join((p) => p.source),
      file: join((p) => p.file),
    });
  }

  /** Add the plays of file `name`, or throw a sentence naming the play that is not one. */
  add(name: string, data: unknown[]): void {
    let last = this.length > 0 ? this.playedAt[this.length - 1]! : -Infinity;
    wrong = 0;
    for (let i = 0; i < data.length; i++) {
      const entry = data[i] as Entry;
      if (typeof entry !== "object" || entry === null) throw notPlay(name, i, entry);
      const j = this.length;
      let played: number;
      let ms: unknown;
      if (typeof entry.ts === "string" && typeof entry.ms_played === "number") {
        played = timestampMs(entry.ts);
        ms = entry.ms_played;
        this.#extended(j, entry);
      } else if (typeof entry.endTime === "string" && typeof entry.msPlayed === "number") {
        played = timestampMs(entry.endTime);
        ms = entry.msPlayed;
        this.#basic(j, entry);
      } else throw notPlay(name, i, entry);
      if (played !== played || wrong !== 0 || !Number.isSafeInteger(ms) || (ms as number) < 0) {
        throw badPlay(name, i, entry);
      }
      if (played < last) this.sorted = false;
      last = played;
      this.playedAt[j] = played;
      this.msPlayed[j] = ms as number;
      this.file[j] = name;
      this.length++;
    }
  }

  #extended(j: number, entry: Entry): void {
    const t = this.text;
    const f = this.flags;
    const trackUri = text(entry.spotify_track_uri);
    const episodeUri = text(entry.spotify_episode_uri);
    const audiobookUri = text(entry.audiobook_uri);
    const chapterUri = text(entry.audiobook_chapter_uri);
    t.kind[j] = trackUri !== null
      ? "track"
      : episodeUri !== null
      ? "episode"
      : audiobookUri !== null || chapterUri !== null
      ? "audiobook"
      : null;
    t.track[j] = text(entry.master_metadata_track_name);
    t.artist[j] = text(entry.master_metadata_album_artist_name);
    t.album[j] = text(entry.master_metadata_album_album_name);
    t.track_uri[j] = trackUri;
    t.episode[j] = text(entry.episode_name);
    t.show[j] = text(entry.episode_show_name);
    t.episode_uri[j] = episodeUri;
    t.audiobook[j] = text(entry.audiobook_title);
    t.audiobook_uri[j] = audiobookUri;
    t.chapter[j] = text(entry.audiobook_chapter_title);
    t.chapter_uri[j] = chapterUri;
    t.platform[j] = text(entry.platform);
    t.country[j] = text(entry.conn_country);
    t.reason_start[j] = text(entry.reason_start);
    t.reason_end[j] = text(entry.reason_end);
    f.shuffle[j] = flag(entry.shuffle);
    f.skipped[j] = flag(entry.skipped);
    f.offline[j] = flag(entry.offline);
    f.incognito[j] = flag(entry.incognito_mode);
    this.source[j] = "extended";
  }

  #basic(j: number, entry: Entry): void {
    const t = this.text;
    const episode = text(entry.episodeName);
    const show = text(entry.podcastName);
    const track = text(entry.trackName);
    t.kind[j] = track !== null ? "track" : episode !== null || show !== null ? "episode" : null;
    t.track[j] = track;
    t.artist[j] = text(entry.artistName);
    t.episode[j] = episode;
    t.show[j] = show;
    this.source[j] = "basic";
  }
}

/** A value for a sentence: JSON, cut at 60 characters, and what kind of value it is. */
function shown(value: unknown): string {
  const kind = Array.isArray(value)
    ? "a list"
    : value === null
    ? "null"
    : typeof value === "object"
    ? "an object"
    : typeof value === "string"
    ? "text"
    : `a ${typeof value}`;
  let json: string;
  try {
    json = JSON.stringify(value) ?? String(value);
  } catch {
    json = String(value);
  }
  return `${json.length > 60 ? `${json.slice(0, 57)}...` : json} (${kind})`;
}

/** The sentence for an item that is not a play of either kind of export. */
function notPlay(name: string, index: number, entry: unknown): SpotifyError {
  const extended = typeof entry === "object" && entry !== null &&
    (Object.hasOwn(entry, "ts") || Object.hasOwn(entry, "ms_played"));
  const basic = typeof entry === "object" && entry !== null &&
    (Object.hasOwn(entry, "endTime") || Object.hasOwn(entry, "msPlayed"));
  if (!extended && !basic) {
    return new SpotifyError(
      `Cannot read "${name}": ${
        index === 0 ? "it is not a Spotify streaming history file" : `item ${index} is not a play`
      } (expected a list of plays with "endTime" and "msPlayed", or "ts" and "ms_played")`,
    );
  }
  const [time, ms] = extended ? ["ts", "ms_played"] : ["endTime", "msPlayed"];
  const record = entry as Entry;
  if (!Object.hasOwn(record, time)) return fieldError(name, index, `has no "${time}"`);
  if (typeof record[time] !== "string") {
    return fieldError(name, index, `has ${time} ${shown(record[time])} where a time belongs`);
  }
  if (!Object.hasOwn(record, ms)) return fieldError(name, index, `has no "${ms}"`);
  return fieldError(
    name,
    index,
    `has ${ms} ${shown(record[ms])} where a whole number of milliseconds belongs`,
  );
}

/** The sentence for a play of the right shape with a wrong value: its time, length or a field. */
function badPlay(name: string, index: number, entry: Entry): SpotifyError {
  const extended = typeof entry.ts === "string" && typeof entry.ms_played === "number";
  const time = extended ? "ts" : "endTime";
  const value = entry[time] as string;
  const problem = timestampProblem(value);
  if (problem !== undefined) {
    return fieldError(name, index, `has ${time} ${JSON.stringify(value)}, not a time (${problem})`);
  }
  const msField = extended ? "ms_played" : "msPlayed";
  const ms = entry[msField] as number;
  if (!Number.isSafeInteger(ms) || ms < 0) {
    return fieldError(
      name,
      index,
      `has ${msField} ${ms}, not a whole number of milliseconds from 0 to 2^53 - 1 (${Number.MAX_SAFE_INTEGER})`,
    );
  }
  const texts = extended ? EXTENDED_TEXT : BASIC_TEXT;
  const field = texts.find((k) => entry[k] != null && typeof entry[k] !== "string") ??
    EXTENDED_FLAGS.find((k) => entry[k] != null && typeof entry[k] !== "boolean")!;
  const belongs = texts.includes(field) ? "text or null" : "true, false or null";
  return fieldError(name, index, `has ${field} ${shown(entry[field])} where ${belongs} belongs`);
}

function fieldError(name: string, index: number, what: string): SpotifyError {
  return new SpotifyError(`Cannot read "${name}": play ${index} ${what}`);
}
