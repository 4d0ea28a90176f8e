/**
 * Listening sessions: plays closer together than a gap belong to one session.
 *
 * @module
 */
import pl from "nodejs-polars";
import { frame } from "./_frame_kit.ts";

/** Options of {@linkcode sessionsFrame}. */
export interface SessionsOptions {
  /** The column of play times. @default {"played_at"} */
  time?: string;
  /** The column of minutes listened per play. @default {"duration_min"} */
  minutes?: string;
  /** A pause longer than this, in minutes, starts a new session. @default {30} */
  gapMinutes?: number;
}

/** One play: when it ended (ms) and how long it lasted (minutes; null when unknown). */
interface Play {
  end: number;
  minutes: number | null;
}

/** One session being built. */
interface Session {
  start: number;
  end: number;
  plays: number;
  minutes: number | null;
}

/** The values of a column of a frame or of records, or a one-sentence TypeError. */
function column(data: pl.DataFrame | readonly Record<string, unknown>[], name: string): unknown[] {
  if (Array.isArray(data)) return data.map((row: Record<string, unknown>) => row[name]);
  const df = data as pl.DataFrame;
  if (!df.columns.includes(name)) {
    throw new TypeError(
      `Cannot build sessionsFrame(): "${name}" is not a column of the plays; pass its name as the time or minutes option`,
    );
  }
  return df.getColumn(name).toArray();
}

/** The plays with a time, oldest first; a wrong value is a TypeError naming its column and row. */
function playsOf(
  data: pl.DataFrame | readonly Record<string, unknown>[],
  time: string,
  mins: string,
) {
  const times = column(data, time);
  const lengths = column(data, mins);
  const refuse = (name: string, row: number, value: unknown, what: string) => {
    throw new TypeError(
      `Cannot build sessionsFrame(): ${name} of row ${row} is ${
        JSON.stringify(value)
      }, not ${what}`,
    );
  };
  const plays: Play[] = [];
  times.forEach((at, row) => {
    if (at == null) return;
    const end = at instanceof Date ? at.getTime() : typeof at === "string" ? Date.parse(at) : at;
    if (typeof end !== "number" || !Number.isFinite(end)) refuse(time, row, at, "a time");
    const length = lengths[row] ?? null;
    if (length !== null && (typeof length !== "number" || !(length >= 0))) {
      refuse(mins, row, length, "a number of minutes");
    }
    plays.push({ end: end as number, minutes: length as number | null });
  });
  // Plays ending at the same moment: the shorter first, so any order of rows gives the same sessions.
  return plays.sort((a, b) => a.end - b.end || (a.minutes ?? 0) - (b.minutes ?? 0));
}

/**
 * One row per listening session, oldest first: `session` (1, 2, …), `started_at`, `ended_at`
 * (Datetime, UTC), `plays`, `minutes`. A session is a run of plays with no pause longer than
 * `gapMinutes` between the end of one and the start of the next (an end is a play's time; its
 * start, the end less its minutes). A play of unknown length (null minutes) counts as a moment,
 * and adds nothing to `minutes`, which is null when no play of the session has a length. Plays
 * without a time are left out.
 *
 * @param data Plays: a frame or records with a time and a minutes column.
 * @param options Column names and the gap.
 * @returns The DataFrame.
 * @throws {TypeError} When a column is missing or holds a value of the wrong type.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sessionsFrame } from "./listening.ts";
 * const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 8, m));
 * const df = sessionsFrame([
 *   { played_at: at(0), duration_min: 3 }, { played_at: at(4), duration_min: 3 },
 *   { played_at: at(59), duration_min: null },
 * ]);
 * assert.deepEqual(df.getColumn("plays").toArray(), [2, 1]); // a 55-minute pause splits them
 * assert.deepEqual(df.getColumn("minutes").toArray(), [6, null]);
 * ```
 */
export function sessionsFrame(
  data: pl.DataFrame | readonly Record<string, unknown>[],
  options: SessionsOptions = {},
): pl.DataFrame {
  const { time = "played_at", minutes = "duration_min", gapMinutes = 30 } = options;
  const sessions: Session[] = [];
  for (const play of playsOf(data, time, minutes)) {
    const start = play.end - (play.minutes ?? 0) * 60_000;
    const last = sessions.at(-1);
    if (last && start - last.end <= gapMinutes * 60_000) {
      last.end = Math.max(last.end, play.end);
      last.plays++;
      if (play.minutes !== null) last.minutes = (last.minutes ?? 0) + play.minutes;
    } else {
      sessions.push({ start, end: play.end, plays: 1, minutes: play.minutes });
    }
  }
  return frame(sessions, [
    ["session", (_s, i) => i + 1],
    ["started_at", (s) => Math.round(s.start)],
    ["ended_at", (s) => Math.round(s.end)],
    ["plays", (s) => s.plays],
    ["minutes", (s) => s.minutes],
  ], { builder: "sessionsFrame" });
}
