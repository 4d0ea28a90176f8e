/**
 * Frame builders of the spoken word: shows and their episodes, audiobooks and their chapters,
 * with lengths, release dates at their precision and where you stopped, named and typed as the
 * music's builders name and type them. A null item is a row of nulls.
 *
 * @module
 */
import type pl from "nodejs-polars";
import { frame, pluck } from "./_frame_kit.ts";
import { durationSpecs, releaseSpecs, resumeSpecs } from "./_specs.ts";
import type { Audiobook, Chapter, Episode, Show } from "../api/types.ts";

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
export function showsFrame(shows: readonly (Show | null)[]): pl.DataFrame {
  return frame(shows, [
    ["id", (s) => s.id],
    ["name", (s) => s.name],
    ["publisher", (s) => s.publisher],
    ["total_episodes", (s) => s.total_episodes],
    ["media_type", (s) => s.media_type],
    ["explicit", (s) => s.explicit],
    ["languages", (s) => s.languages],
    ["description", (s) => s.description],
    ["image_url", (s) => s.images?.[0]?.url],
    ["uri", (s) => s.uri],
  ], { builder: "showsFrame" });
}

/** Options of {@linkcode episodesFrame}. */
export interface EpisodesFrameOptions {
  /** The show of episodes that do not carry theirs (a show's episode listing). */
  show?: Show | undefined;
}

/**
 * One row per episode: `id`, `name`, `show_id`, `show_name`, `duration_ms`, `duration_min`,
 * `release_date` (a Date at its precision), `release_date_precision`, `release_year`,
 * `release_decade`, `explicit`, `languages`, `resume_position_ms`, `resume_position_min` and
 * `fully_played` (with scope `user-read-playback-position`; null without), `uri`.
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
 * assert.equal(df.getColumn("release_year").get(0), 2025);
 * assert.equal(df.getColumn("resume_position_min").get(0), null);
 * ```
 */
export function episodesFrame(
  episodes: readonly (Episode | null)[],
  options: EpisodesFrameOptions = {},
): pl.DataFrame {
  const show = (e: Episode) => e.show ?? options.show;
  return frame(episodes, [
    ["id", (e) => e.id],
    ["name", (e) => e.name],
    ["show_id", (e) => show(e)?.id],
    ["show_name", (e) => show(e)?.name],
    ...durationSpecs((e: Episode) => e),
    ...releaseSpecs((e: Episode) => e),
    ["explicit", (e) => e.explicit],
    ["languages", (e) => e.languages ?? (e.language == null ? undefined : [e.language])],
    ...resumeSpecs((e: Episode) => e.resume_point),
    ["uri", (e) => e.uri],
  ], { builder: "episodesFrame" });
}

/**
 * One row per audiobook: `id`, `name`, `authors`, `narrators`, `publisher` (null in Development
 * Mode), `total_chapters`, `edition`, `media_type`, `explicit`, `languages`, `description`,
 * `image_url`, `uri`.
 *
 * @param books Audiobooks (for saved ones: `saved.map((s) => s.audiobook!)`).
 * @returns The DataFrame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { audiobooksFrame } from "./spoken_frames.ts";
 * const df = audiobooksFrame([{ id: "b", name: "B", authors: [{ name: "Ann" }] }]);
 * assert.deepEqual(df.getColumn("authors").toArray(), [["Ann"]]);
 * assert.equal(df.getColumn("total_chapters").get(0), null);
 * ```
 */
export function audiobooksFrame(books: readonly (Audiobook | null)[]): pl.DataFrame {
  return frame(books, [
    ["id", (b) => b.id],
    ["name", (b) => b.name],
    ["authors", (b) => pluck(b.authors, "authors", "name")],
    ["narrators", (b) => pluck(b.narrators, "narrators", "name")],
    ["publisher", (b) => b.publisher],
    ["total_chapters", (b) => b.total_chapters],
    ["edition", (b) => b.edition],
    ["media_type", (b) => b.media_type],
    ["explicit", (b) => b.explicit],
    ["languages", (b) => b.languages],
    ["description", (b) => b.description],
    ["image_url", (b) => b.images?.[0]?.url],
    ["uri", (b) => b.uri],
  ], { builder: "audiobooksFrame" });
}

/** Options of {@linkcode chaptersFrame}. */
export interface ChaptersFrameOptions {
  /** The book of chapters that do not carry theirs (a book's chapter listing). */
  audiobook?: Audiobook | undefined;
}

/**
 * One row per chapter: `id`, `name`, `audiobook_id`, `audiobook_name`, `chapter_number`,
 * `duration_ms`, `duration_min`, `release_date`, `release_date_precision`, `release_year`,
 * `release_decade`, `explicit`, `languages`, `resume_position_ms`, `resume_position_min`,
 * `fully_played`, `uri`.
 *
 * @param chapters Chapters, as `client.audiobookChapters(id)` or `client.chapters(ids)` give them.
 * @param options The book, for chapters that do not carry theirs.
 * @returns The DataFrame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { chaptersFrame } from "./spoken_frames.ts";
 * const df = chaptersFrame([{ id: "c", chapter_number: 0, duration_ms: 600_000 }], {
 *   audiobook: { id: "b", name: "B" },
 * });
 * assert.equal(df.getColumn("audiobook_name").get(0), "B");
 * assert.equal(df.getColumn("duration_min").get(0), 10);
 * ```
 */
export function chaptersFrame(
  chapters: readonly (Chapter | null)[],
  options: ChaptersFrameOptions = {},
): pl.DataFrame {
  const book = (c: Chapter) => c.audiobook ?? options.audiobook;
  return frame(chapters, [
    ["id", (c) => c.id],
    ["name", (c) => c.name],
    ["audiobook_id", (c) => book(c)?.id],
    ["audiobook_name", (c) => book(c)?.name],
    ["chapter_number", (c) => c.chapter_number],
    ...durationSpecs((c: Chapter) => c),
    ...releaseSpecs((c: Chapter) => c),
    ["explicit", (c) => c.explicit],
    ["languages", (c) => c.languages],
    ...resumeSpecs((c: Chapter) => c.resume_point),
    ["uri", (c) => c.uri],
  ], { builder: "chaptersFrame" });
}
