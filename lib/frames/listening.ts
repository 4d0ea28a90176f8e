/**
 * Listening sessions: plays closer together than a gap belong to one session.
 *
 * @module
 */
import pl from "nodejs-polars";

/** Options of {@linkcode sessionsFrame}. */
export interface SessionsOptions {
  /** The column of play times. @default {"played_at"} */
  time?: string;
  /** The column of minutes listened per play. @default {"duration_min"} */
  minutes?: string;
  /** A pause longer than this, in minutes, starts a new session. @default {30} */
  gapMinutes?: number;
}

/**
 * One row per listening session, oldest first: `session` (1, 2, …), `start`, `end` (Datetime, UTC),
 * `plays`, `minutes`. A session is a run of plays with no pause longer than `gapMinutes` between
 * the end of one and the start of the next (an end is a play's time; its start, the end less its
 * minutes).
 *
 * @param data Plays: a frame or records with a time and a minutes column.
 * @param options Column names and the gap.
 * @returns The DataFrame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sessionsFrame } from "./listening.ts";
 * const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 8, m));
 * const df = sessionsFrame([
 *   { played_at: at(0), duration_min: 3 }, { played_at: at(4), duration_min: 3 },
 *   { played_at: at(59), duration_min: 3 },
 * ]);
 * assert.deepEqual(df.getColumn("plays").toArray(), [2, 1]); // a 52-minute pause splits them
 * assert.deepEqual(df.getColumn("minutes").toArray(), [6, 3]);
 * ```
 */
export function sessionsFrame(
  data: pl.DataFrame | readonly Record<string, unknown>[],
  options: SessionsOptions = {},
): pl.DataFrame {
  const { time = "played_at", minutes = "duration_min", gapMinutes = 30 } = options;
  const rows = (Array.isArray(data) ? data : (data as pl.DataFrame).toRecords()) as Record<
    string,
    unknown
  >[];
  const plays = rows
    .map((row) => ({
      end: new Date(row[time] as string | Date).getTime(),
      minutes: Number(row[minutes] ?? 0),
    }))
    .filter((p) => !Number.isNaN(p.end))
    .sort((a, b) => a.end - b.end);
  const sessions: { start: number; end: number; plays: number; minutes: number }[] = [];
  for (const play of plays) {
    const start = play.end - play.minutes * 60_000;
    const last = sessions.at(-1);
    if (last && start - last.end <= gapMinutes * 60_000) {
      last.end = play.end;
      last.plays++;
      last.minutes += play.minutes;
    } else {
      sessions.push({ start, end: play.end, plays: 1, minutes: play.minutes });
    }
  }
  const instant = (name: string, values: number[]) =>
    pl.Series(name, values, pl.Int64).cast(pl.Datetime("ms", "UTC"));
  return pl.DataFrame([
    pl.Series("session", sessions.map((_, i) => i + 1), pl.Int64),
    instant("start", sessions.map((s) => Math.round(s.start))),
    instant("end", sessions.map((s) => s.end)),
    pl.Series("plays", sessions.map((s) => s.plays), pl.Int64),
    pl.Series("minutes", sessions.map((s) => s.minutes), pl.Float64),
  ]);
}
