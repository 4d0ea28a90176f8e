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
 * Every value is checked as it is read (`frames/_plays.ts`): times character by character
 * (`YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DD HH:MM`, real months and days), `ms_played` a whole number
 * from 0 to below 2^53, text fields text or null, flags true, false or null. A value that is not is refused
 * in one sentence naming the file, the play and the value; nothing is guessed or dropped.
 *
 * @module
 */
import { basename, join } from "node:path";
import pl from "nodejs-polars";
import { arrowFrame, timings } from "./_arrow.ts";
import { type ArrowColumn, leafColumn, plain } from "./_arrow_columns.ts";
import { parseJsonBytes } from "./_json_array.ts";
import { SpotifyError } from "../core/errors.ts";
import { FLAGS, Plays, TEXT } from "./_plays.ts";

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

function notHistory(name: string): SpotifyError {
  return new SpotifyError(
    `Cannot read "${name}": it is not a Spotify streaming history file (expected a list of plays with "endTime" and "msPlayed", or "ts" and "ms_played")`,
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
 * @throws {SpotifyError} When the folder has no history file, a file has another shape, or a play
 * has a value of the wrong kind: a time that is not a real one (`2026-0:-01T10:00:00Z`), an
 * `ms_played` that is not a whole number from 0 to below 2^53 (-5 is refused), text or a flag of another type.
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
    const data = parsedFile(basename(path), await Deno.readFile(path));
    const started = performance.now();
    parts.push(playsOf(basename(path), data));
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

/** A file's JSON list, or a sentence saying it is not a streaming history file. */
function parsedFile(name: string, bytes: Uint8Array): unknown[] {
  let data: unknown;
  try {
    data = parseJsonBytes(bytes);
  } catch (cause) {
    throw new SpotifyError(`Cannot read "${name}": it is not valid JSON`, { cause });
  }
  if (!Array.isArray(data)) throw notHistory(name);
  return data;
}

function playsOf(name: string, data: unknown[]): Plays {
  const plays = new Plays(data.length);
  plays.add(name, data);
  return plays;
}

/** One export file's plays in columns (`played_at` in `playedAt`, and so on). */
export type ExportFilePlays = Pick<
  Plays,
  "length" | "playedAt" | "msPlayed" | "text" | "flags" | "source" | "file"
>;

/**
 * One export file's plays, read and checked as {@linkcode readStreamingHistory} reads them, in
 * columns: for the history store's import, which keeps the same rules and sentences.
 *
 * @param name The file's name (for the sentences).
 * @param bytes Its content.
 * @returns Its plays, in columns.
 * @throws {SpotifyError} When it is not a streaming history file, or a play has a wrong value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readExportFile } from "./streaming_history.ts";
 * const bytes = new TextEncoder().encode('[{"endTime":"2026-01-02 10:00","artistName":"A","trackName":"T","msPlayed":1000}]');
 * const plays = readExportFile("StreamingHistory_music_0.json", bytes);
 * assert.deepEqual([plays.length, plays.source[0], plays.text.track[0]], [1, "basic", "T"]);
 * ```
 */
export function readExportFile(name: string, bytes: Uint8Array): ExportFilePlays {
  return playsOf(name, parsedFile(name, bytes));
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
