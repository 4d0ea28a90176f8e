/**
 * Spotify's "download your data" streaming history, read into one frame: the basic account-data
 * files (`StreamingHistory*.json`: `endTime`, `artistName`/`trackName` or
 * `podcastName`/`episodeName`, `msPlayed`) and the extended ones (`Streaming_History_Audio_*.json`:
 * `ts`, `ms_played`, track, album, artist, podcast episode and show, audiobook and chapter, URIs,
 * platform, country, start and end reasons, shuffle, skips, offline, incognito). IP addresses and
 * user agents are never read.
 *
 * The plays' fields go straight into columns, encoded into one Arrow IPC stream that polars reads
 * in one call (as `normalize` does); fields appearing only in later plays are kept. A file too
 * large for one JavaScript string is parsed in parts.
 *
 * @module
 */
import { basename, join } from "node:path";
import pl from "nodejs-polars";
import { arrowFrame, timings } from "./_arrow.ts";
import { type ArrowColumn, leafColumn, plain } from "./_arrow_columns.ts";
import { parseJsonBytes } from "./_json_array.ts";
import { SpotifyError } from "../core/errors.ts";

/** Options of {@linkcode readStreamingHistory}. */
export interface StreamingHistoryOptions {
  /**
   * The IANA time zone of `hour` and `weekday`, such as `"Europe/Stockholm"`.
   * @default {this machine's time zone}
   */
  timeZone?: string;
}

const FILE = /^(StreamingHistory.*|Streaming_History_Audio_.*)\.json$/;
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const DAY = 86_400_000;
const HOUR = 3_600_000;

const TEXT = [
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
const FLAGS = ["shuffle", "skipped", "offline", "incognito"] as const;
type TextField = typeof TEXT[number];
type FlagField = typeof FLAGS[number];

/** The columns being filled, one array each. */
class Plays {
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
    this.text = Object.fromEntries(TEXT.map((k) => [k, new Array(capacity).fill(null)])) as Record<
      TextField,
      (string | null)[]
    >;
    this.flags = Object.fromEntries(
      FLAGS.map((k) => [k, new Array(capacity).fill(null)]),
    ) as Record<
      FlagField,
      (boolean | null)[]
    >;
    this.source = new Array(capacity);
    this.file = new Array(capacity);
  }

  /** The plays of several files as one (sorted when each is and they follow each other). */
  static join(parts: Plays[]): Plays {
    if (parts.length === 1) return parts[0]!;
    const total = parts.reduce((n, p) => n + p.length, 0);
    const all = new Plays(0);
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
    return Object.assign(all, {
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
}

const text = (value: unknown) => typeof value === "string" ? value : null;
const flag = (value: unknown) => typeof value === "boolean" ? value : null;

/**
 * Milliseconds since the epoch of an export's time: `YYYY-MM-DDTHH:MM:SSZ` (`ts`) or
 * `YYYY-MM-DD HH:MM` (`endTime`, UTC).
 *
 * @param value The time as the export writes it.
 * @returns The instant, or NaN when it is not a time.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { utcMs } from "./streaming_history.ts";
 * assert.equal(utcMs("2026-03-29 00:59"), Date.UTC(2026, 2, 29, 0, 59));
 * assert.ok(Number.isNaN(utcMs("yesterday")));
 * ```
 */
export function utcMs(value: string): number {
  const n = value.length;
  const fast = (n === 20 && value[10] === "T" && value[19] === "Z") ||
    (n === 16 && value[10] === " ");
  if (!fast) return Date.parse(value);
  const d = (i: number) => value.charCodeAt(i) - 48;
  const year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
  const month = d(5) * 10 + d(6);
  const day = d(8) * 10 + d(9);
  const hour = d(11) * 10 + d(12);
  const minute = d(14) * 10 + d(15);
  const second = n === 20 ? d(17) * 10 + d(18) : 0;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Anything odd (letters, month 13) takes the careful way.
  const valid = year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 31 &&
    hour < 24 && minute < 60 && second < 60 && value[4] === "-" && value[7] === "-";
  return valid ? ms : Date.parse(n === 16 ? `${value.replace(" ", "T")}Z` : value);
}

/** Add the plays of one file, or throw a sentence saying why it is not a streaming history file. */
function addPlays(plays: Plays, name: string, data: unknown[]): void {
  const t = plays.text;
  const f = plays.flags;
  let last = plays.length > 0 ? plays.playedAt[plays.length - 1]! : -Infinity;
  for (let i = 0; i < data.length; i++) {
    const entry = data[i] as Record<string, unknown>;
    if (typeof entry !== "object" || entry === null) throw notHistory(name);
    const j = plays.length;
    let played: number;
    if (typeof entry.ts === "string" && typeof entry.ms_played === "number") {
      played = utcMs(entry.ts);
      if (Number.isNaN(played)) throw badTime(name, i, entry.ts);
      plays.msPlayed[j] = entry.ms_played;
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
      plays.source[j] = "extended";
    } else if (typeof entry.endTime === "string" && typeof entry.msPlayed === "number") {
      played = utcMs(entry.endTime);
      if (Number.isNaN(played)) throw badTime(name, i, entry.endTime);
      plays.msPlayed[j] = entry.msPlayed;
      const episode = text(entry.episodeName);
      const show = text(entry.podcastName);
      const track = text(entry.trackName);
      t.kind[j] = track !== null ? "track" : episode !== null || show !== null ? "episode" : null;
      t.track[j] = track;
      t.artist[j] = text(entry.artistName);
      t.episode[j] = episode;
      t.show[j] = show;
      plays.source[j] = "basic";
    } else {
      throw notHistory(name);
    }
    if (played < last) plays.sorted = false;
    last = played;
    plays.playedAt[j] = played;
    plays.file[j] = name;
    plays.length++;
  }
}

function notHistory(name: string): SpotifyError {
  return new SpotifyError(
    `Cannot read "${name}": it is not a Spotify streaming history file (expected a list of plays with "endTime" and "msPlayed", or "ts" and "ms_played")`,
  );
}

function badTime(name: string, index: number, value: string): SpotifyError {
  return new SpotifyError(
    `Cannot read "${name}": play ${index} has the unreadable time "${value.slice(0, 40)}"`,
  );
}

/**
 * The UTC offset (ms) of `timeZone` at each instant, computed once a day: a day whose offset is
 * the same at its start and its end has it throughout; a day with a change is computed per play.
 *
 * @param timeZone An IANA time zone.
 * @returns The offset at an instant.
 * @throws {RangeError} When `timeZone` is not a time zone.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { utcOffsets } from "./streaming_history.ts";
 * const offsetAt = utcOffsets("Europe/Stockholm");
 * assert.equal(offsetAt(Date.UTC(2026, 2, 29, 0, 59)), 3_600_000); // before the clocks go forward
 * assert.equal(offsetAt(Date.UTC(2026, 2, 29, 1, 0)), 7_200_000);
 * ```
 */
export function utcOffsets(timeZone: string): (ms: number) => number {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    throw new RangeError(
      `Invalid timeZone "${
        String(timeZone).slice(0, 60)
      }": use an IANA time zone name such as "Europe/Stockholm" or "UTC"`,
    );
  }
  const at = (ms: number) => {
    const p: Record<string, number> = {};
    for (const part of format.formatToParts(ms)) p[part.type] = Number(part.value);
    const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
    return local - (ms - (((ms % 1000) + 1000) % 1000));
  };
  const byDay = new Map<number, number>();
  return (ms) => {
    const day = Math.floor(ms / DAY);
    let offset = byDay.get(day);
    if (offset === undefined) {
      const start = at(day * DAY);
      offset = start === at(day * DAY + DAY - 1) ? start : NaN;
      byDay.set(day, offset);
    }
    return Number.isNaN(offset) ? at(ms) : offset;
  };
}

/**
 * Read every streaming history file of an export folder into one frame, oldest play first:
 * `played_at` (Datetime, UTC: when the play ended), `hour` and `weekday` (in `timeZone`),
 * `ms_played`, `minutes`, `kind` (`track`, `episode` or `audiobook`), `track`, `artist`, `album`,
 * `track_uri`, `episode`, `show`, `episode_uri`, `audiobook`, `audiobook_uri`, `chapter`,
 * `chapter_uri`, `platform`, `country`, `reason_start`, `reason_end`, `shuffle`, `skipped`,
 * `offline`, `incognito` (null where the basic files lack them), `source` (`basic` or `extended`)
 * and `file`.
 *
 * @param folder The unzipped export folder (files are found in it and its sub-folders).
 * @param options The time zone of `hour` and `weekday`.
 * @returns The DataFrame.
 * @throws {RangeError} When `timeZone` is not a time zone.
 * @throws {SpotifyError} When the folder has no history file, or a file has another shape.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PROJECT_ROOT } from "../core/config.ts";
 * import { readStreamingHistory } from "./streaming_history.ts";
 * const df = await readStreamingHistory(`${PROJECT_ROOT}data/sample/export`, { timeZone: "UTC" });
 * assert.ok(df.height > 1000);
 * assert.ok(df.columns.includes("minutes") && !df.columns.includes("ip_addr"));
 * ```
 */
export async function readStreamingHistory(
  folder: string,
  options: StreamingHistoryOptions = {},
): Promise<pl.DataFrame> {
  const offsetAt = utcOffsets(options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const files: string[] = [];
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) await walk(path);
      else if (FILE.test(entry.name)) files.push(path);
    }
  };
  try {
    await walk(folder);
  } catch (cause) {
    throw new SpotifyError(
      `Cannot read the export folder "${folder}": it does not exist or is not readable`,
      { cause },
    );
  }
  if (files.length === 0) {
    throw new SpotifyError(
      `Cannot find a streaming history in "${folder}": expected StreamingHistory*.json or Streaming_History_Audio_*.json files from Spotify's "Download your data"`,
    );
  }
  // File by file: each one's plays go into columns of its size, and its parsed JSON is let go.
  const parts: Plays[] = [];
  let walkMs = 0;
  for (const path of files.sort()) {
    const name = basename(path);
    let data: unknown;
    try {
      data = parseJsonBytes(await Deno.readFile(path));
    } catch (cause) {
      throw new SpotifyError(`Cannot read "${name}": it is not valid JSON`, { cause });
    }
    if (!Array.isArray(data)) throw notHistory(name);
    const started = performance.now();
    const part = new Plays(data.length);
    addPlays(part, name, data);
    parts.push(part);
    walkMs += performance.now() - started;
  }
  const started = performance.now();
  const plays = Plays.join(parts);
  parts.length = 0;
  const columns = columnsOf(plays, offsetAt);
  timings.walk = walkMs + performance.now() - started;
  const df = arrowFrame(columns, plays.length);
  return plays.sorted ? df : df.sort({ by: "played_at", maintainOrder: true });
}

function columnsOf(plays: Plays, offsetAt: (ms: number) => number): ArrowColumn[] {
  const n = plays.length;
  const hour = new Float64Array(n);
  const weekday = new Array<string>(n);
  const minutes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ms = plays.playedAt[i]!;
    const local = ms + offsetAt(ms);
    hour[i] = Math.floor(local / HOUR) - Math.floor(local / DAY) * 24;
    weekday[i] = WEEKDAYS[(((Math.floor(local / DAY) + 4) % 7) + 7) % 7]!;
    minutes[i] = plays.msPlayed[i]! / 60_000;
  }
  const utf8 = { id: "utf8" } as const;
  return [
    leafColumn(
      "played_at",
      { id: "timestamp", unit: "ms", timeZone: "UTC" },
      plain(plays.playedAt),
      n,
    ),
    leafColumn("hour", { id: "int64" }, plain(hour), n),
    leafColumn("weekday", utf8, plain(weekday), n, 3 * n),
    leafColumn("ms_played", { id: "int64" }, plain(plays.msPlayed), n),
    leafColumn("minutes", { id: "float64" }, plain(minutes), n),
    ...TEXT.map((key) => leafColumn(key, utf8, plain(plays.text[key]), n)),
    ...FLAGS.map((key) => leafColumn(key, { id: "bool" }, plain(plays.flags[key]), n)),
    leafColumn("source", utf8, plain(plays.source), n, 8 * n),
    leafColumn("file", utf8, plain(plays.file), n),
  ];
}
