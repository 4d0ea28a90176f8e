/**
 * Frame builders of podcasts: shows, and episodes with their length, release date at its precision
 * and show.
 *
 * @module
 */
import pl from "nodejs-polars";
import { asDate, frame } from "./_frame_kit.ts";
import { releaseDay, releaseYear } from "./frames.ts";
import type { Episode, Show } from "../api/types.ts";

/**
 * One row per show: `id`, `name`, `publisher` (null in Development Mode), `total_episodes`,
 * `media_type`, `explicit`, `languages`, `description`, `image_url`, `uri`.
 *
 * @param shows Shows, simplified or full (for saved shows: `saved.map((s) => s.show!)`).
 * @returns The DataFrame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { showsFrame } from "./spoken_frames.ts";
 * const df = showsFrame([{ id: "s", name: "S", total_episodes: 12 }]);
 * assert.equal(df.getColumn("total_episodes").get(0), 12);
 * assert.equal(df.getColumn("publisher").nullCount(), 1);
 * ```
 */
export function showsFrame(shows: readonly Show[]): pl.DataFrame {
  return frame(shows, [
    ["id", pl.Utf8, (s) => s.id],
    ["name", pl.Utf8, (s) => s.name],
    ["publisher", pl.Utf8, (s) => s.publisher],
    ["total_episodes", pl.Int64, (s) => s.total_episodes],
    ["media_type", pl.Utf8, (s) => s.media_type],
    ["explicit", pl.Bool, (s) => s.explicit],
    ["languages", pl.List(pl.Utf8), (s) => s.languages],
    ["description", pl.Utf8, (s) => s.description],
    ["image_url", pl.Utf8, (s) => s.images?.[0]?.url],
    ["uri", pl.Utf8, (s) => s.uri],
  ]);
}

/** Options of {@linkcode episodesFrame}. */
export interface EpisodesFrameOptions {
  /** The show of episodes that do not carry theirs (a show's episode listing). */
  show?: Show | undefined;
}

/**
 * One row per episode: `id`, `name`, `show_id`, `show_name`, `duration_min`, `release_date` (a Date
 * honouring `release_date_precision`), `release_date_precision`, `year`, `explicit`, `language`,
 * `resume_position_min` and `fully_played` (with scope `user-read-playback-position`), `uri`.
 *
 * @param episodes Episodes, full or simplified (for saved episodes: `saved.map((s) => s.episode!)`).
 * @param options The show, for simplified episodes.
 * @returns The DataFrame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { episodesFrame } from "./spoken_frames.ts";
 * const df = episodesFrame(
 *   [{ id: "e", duration_ms: 1_800_000, release_date: "2025-03", release_date_precision: "month" }],
 *   { show: { id: "s", name: "S" } },
 * );
 * assert.equal(df.getColumn("duration_min").get(0), 30);
 * assert.equal(df.getColumn("show_name").get(0), "S");
 * assert.equal(df.getColumn("year").get(0), 2025);
 * ```
 */
export function episodesFrame(
  episodes: readonly Episode[],
  options: EpisodesFrameOptions = {},
): pl.DataFrame {
  const show = (e: Episode) => e.show ?? options.show;
  const df = frame(episodes, [
    ["id", pl.Utf8, (e) => e.id],
    ["name", pl.Utf8, (e) => e.name],
    ["show_id", pl.Utf8, (e) => show(e)?.id],
    ["show_name", pl.Utf8, (e) => show(e)?.name],
    [
      "duration_min",
      pl.Float64,
      (e) => e.duration_ms === undefined ? undefined : e.duration_ms / 60_000,
    ],
    ["release_date", pl.Utf8, (e) => releaseDay(e)],
    ["release_date_precision", pl.Utf8, (e) => e.release_date_precision],
    ["year", pl.Int64, (e) => releaseYear(e)],
    ["explicit", pl.Bool, (e) => e.explicit],
    ["language", pl.Utf8, (e) => e.language ?? e.languages?.[0]],
    [
      "resume_position_min",
      pl.Float64,
      (e) => {
        const ms = e.resume_point?.resume_position_ms;
        return ms === undefined ? undefined : ms / 60_000;
      },
    ],
    ["fully_played", pl.Bool, (e) => e.resume_point?.fully_played],
    ["uri", pl.Utf8, (e) => e.uri],
  ]);
  return asDate(df, "release_date");
}
