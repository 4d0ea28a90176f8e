/**
 * Spotify's "download your data" streaming history, read into one frame: the basic account-data
 * files (`StreamingHistory*.json`: `endTime`, `artistName`, `trackName`, `msPlayed`) and the
 * extended ones (`Streaming_History_Audio_*.json`: `ts`, `ms_played`, track, album, artist, URI,
 * platform, skips). IP addresses and other fields not needed for listening analysis are left out.
 *
 * @module
 */
import { basename, join } from "node:path";
import pl from "nodejs-polars";
import { SpotifyError } from "./errors.ts";

/** Options of {@linkcode readStreamingHistory}. */
export interface StreamingHistoryOptions {
  /** The time zone of `hour` and `weekday` (default: this machine's). */
  timeZone?: string;
}

interface Row {
  played_at: number;
  ms_played: number;
  track: string | null;
  artist: string | null;
  album: string | null;
  track_uri: string | null;
  platform: string | null;
  skipped: boolean | null;
  shuffle: boolean | null;
  reason_end: string | null;
  source: "basic" | "extended";
  file: string;
}

const FILE = /^(StreamingHistory.*|Streaming_History_Audio_.*)\.json$/;

function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function bool(value: unknown): boolean | null {
  return typeof value === "boolean" ? value : null;
}

/** The plays of one file, or a sentence saying why it is not a streaming history file. */
function rowsOf(name: string, data: unknown): Row[] {
  const notHistory = new SpotifyError(
    `Cannot read "${name}": it is not a Spotify streaming history file (expected a list of plays with "endTime" and "msPlayed", or "ts" and "ms_played")`,
  );
  if (!Array.isArray(data)) throw notHistory;
  return data.map((entry: Record<string, unknown>, i) => {
    if (typeof entry !== "object" || entry === null) throw notHistory;
    if (typeof entry.endTime === "string" && typeof entry.msPlayed === "number") {
      const played = Date.parse(`${entry.endTime.replace(" ", "T")}Z`);
      if (Number.isNaN(played)) throw badTime(name, i, entry.endTime);
      return {
        played_at: played,
        ms_played: entry.msPlayed,
        track: text(entry.trackName),
        artist: text(entry.artistName),
        album: null,
        track_uri: null,
        platform: null,
        skipped: null,
        shuffle: null,
        reason_end: null,
        source: "basic",
        file: name,
      };
    }
    if (typeof entry.ts === "string" && typeof entry.ms_played === "number") {
      const played = Date.parse(entry.ts);
      if (Number.isNaN(played)) throw badTime(name, i, entry.ts);
      return {
        played_at: played,
        ms_played: entry.ms_played,
        track: text(entry.master_metadata_track_name) ?? text(entry.episode_name),
        artist: text(entry.master_metadata_album_artist_name) ?? text(entry.episode_show_name),
        album: text(entry.master_metadata_album_album_name),
        track_uri: text(entry.spotify_track_uri) ?? text(entry.spotify_episode_uri),
        platform: text(entry.platform),
        skipped: bool(entry.skipped),
        shuffle: bool(entry.shuffle),
        reason_end: text(entry.reason_end),
        source: "extended",
        file: name,
      };
    }
    throw notHistory;
  });
}

function badTime(name: string, index: number, value: string): SpotifyError {
  return new SpotifyError(
    `Cannot read "${name}": play ${index} has the unreadable time "${value}"`,
  );
}

/**
 * Read every streaming history file of an export folder into one frame, oldest play first:
 * `played_at` (Datetime, UTC: when the play ended), `hour`, `weekday`, `ms_played`, `minutes`,
 * `track`, `artist`, `album`, `track_uri`, `platform`, `skipped`, `shuffle`, `reason_end`
 * (null where the basic files lack them), `source` (`basic` or `extended`) and `file`.
 *
 * @param folder The unzipped export folder (files are found in it and its sub-folders).
 * @param options The time zone of `hour` and `weekday`.
 * @returns The DataFrame.
 * @throws {SpotifyError} When the folder has no history file, or a file has another shape.
 *
 * @example
 * ```ts
 * import { PROJECT_ROOT } from "./config.ts";
 * import { readStreamingHistory } from "./streaming_history.ts";
 * const df = await readStreamingHistory(`${PROJECT_ROOT}data/sample/export`, { timeZone: "UTC" });
 * console.assert(df.height > 1000 && df.columns.includes("minutes"));
 * ```
 */
export async function readStreamingHistory(
  folder: string,
  options: StreamingHistoryOptions = {},
): Promise<pl.DataFrame> {
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
      {
        cause,
      },
    );
  }
  if (files.length === 0) {
    throw new SpotifyError(
      `Cannot find a streaming history in "${folder}": expected StreamingHistory*.json or Streaming_History_Audio_*.json files from Spotify's "Download your data"`,
    );
  }
  const rows: Row[] = [];
  for (const path of files.sort()) {
    let data: unknown;
    try {
      data = JSON.parse(await Deno.readTextFile(path));
    } catch (cause) {
      throw new SpotifyError(`Cannot read "${basename(path)}": it is not valid JSON`, { cause });
    }
    rows.push(...rowsOf(basename(path), data));
  }
  rows.sort((x, y) => x.played_at - y.played_at);
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const format = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "numeric",
    hourCycle: "h23",
    weekday: "short",
  });
  const clocks = rows.map((r) => format.formatToParts(new Date(r.played_at)));
  const part = (i: number, type: string) => clocks[i]!.find((p) => p.type === type)?.value;
  const column = <K extends keyof Row>(key: K) => rows.map((r) => r[key]);
  return pl.DataFrame([
    pl.Series("played_at", column("played_at"), pl.Int64).cast(pl.Datetime("ms", "UTC")),
    pl.Series("hour", rows.map((_, i) => Number(part(i, "hour"))), pl.Int64),
    pl.Series("weekday", rows.map((_, i) => part(i, "weekday") ?? null), pl.Utf8),
    pl.Series("ms_played", column("ms_played"), pl.Int64),
    pl.Series("minutes", rows.map((r) => r.ms_played / 60_000), pl.Float64),
    pl.Series("track", column("track"), pl.Utf8),
    pl.Series("artist", column("artist"), pl.Utf8),
    pl.Series("album", column("album"), pl.Utf8),
    pl.Series("track_uri", column("track_uri"), pl.Utf8),
    pl.Series("platform", column("platform"), pl.Utf8),
    pl.Series("skipped", column("skipped"), pl.Bool),
    pl.Series("shuffle", column("shuffle"), pl.Bool),
    pl.Series("reason_end", column("reason_end"), pl.Utf8),
    pl.Series("source", column("source"), pl.Utf8),
    pl.Series("file", column("file"), pl.Utf8),
  ]);
}
