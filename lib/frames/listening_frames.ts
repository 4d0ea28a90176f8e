/**
 * Frame builders of your own listening: recent plays, saved tracks, top tracks and artists, with
 * the track's and artist's columns as the catalog's builders name and type them.
 *
 * @module
 */
import type pl from "nodejs-polars";
import type { Artist, PlayHistory, Ranked, Saved, Track } from "../api/types.ts";
import { clockIn } from "./_clock.ts";
import { frame, type Spec } from "./_frame_kit.ts";
import { instantMs } from "./_api_dates.ts";
import { artistSpecs, remembered, trackSpecs } from "./_specs.ts";

/**
 * One row per play: `played_at` (Datetime, UTC), `hour` and `weekday` in `timeZone`,
 * `context_type` (playlist, album, artist), then the track's columns as in `tracksFrame`.
 *
 * @param plays Plays, as `client.recentlyPlayed()` gives them.
 * @param options The time zone of `hour` and `weekday` (default: this machine's).
 * @returns The DataFrame.
 * @throws {TypeError} When a `played_at` is not a real time (`2026-0:-01T10:00:00Z`), naming it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { playsFrame } from "./listening_frames.ts";
 * const df = playsFrame([{ played_at: "2026-11-20T18:30:00.000Z", track: { id: "t" } }], { timeZone: "UTC" });
 * assert.equal(df.getColumn("hour").get(0), 18);
 * assert.equal(df.getColumn("weekday").get(0), "Fri");
 * assert.throws(() => playsFrame([{ played_at: "2026-0:-01T10:00:00Z" }]), {
 *   message: 'Cannot build playsFrame(): played_at of item 0 is "2026-0:-01T10:00:00Z", not a time such as 2026-11-20T18:30:00Z',
 * });
 * ```
 */
export function playsFrame(
  plays: readonly (PlayHistory | null)[],
  options: { timeZone?: string } = {},
): pl.DataFrame {
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const clock = clockIn(timeZone);
  const at = (p: PlayHistory) => instantMs(p.played_at, "played_at");
  const clockOf = remembered((p: PlayHistory) => clock(at(p) ?? NaN));
  return frame(plays, [
    ["played_at", at],
    ["hour", (p) => clockOf(p).hour],
    ["weekday", (p) => clockOf(p).weekday],
    ["context_type", (p) => p.context?.type],
    ...trackSpecs((p: PlayHistory) => p.track),
  ], { builder: "playsFrame" });
}

/**
 * One row per saved track: `added_at` (Datetime, UTC), then the track's columns.
 *
 * @param saved Saved tracks, as `client.savedTracks()` gives them.
 * @returns The DataFrame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { savedTracksFrame } from "./listening_frames.ts";
 * const df = savedTracksFrame([{ added_at: "2026-01-02T03:04:05Z", track: { id: "t", duration_ms: 60_000 } }]);
 * assert.equal(df.columns[0], "added_at");
 * assert.equal(df.getColumn("duration_min").get(0), 1);
 * ```
 */
export function savedTracksFrame(saved: readonly (Saved<"track"> | null)[]): pl.DataFrame {
  return frame(saved, [
    ["added_at", (s) => instantMs(s.added_at, "added_at")],
    ...trackSpecs((s: Saved<"track">) => s.track),
  ], { builder: "savedTracksFrame" });
}

/** `time_range` and `rank` of a ranked item. */
function rankSpecs<T extends Ranked<unknown>>(): Spec<T>[] {
  return [["time_range", (t) => t.time_range], ["rank", (t) => t.rank]];
}

/**
 * Top tracks as a frame: `time_range`, `rank`, then the track's columns.
 *
 * @param items Tracks, as `client.topTracks()` gives them.
 * @returns The DataFrame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { topTracksFrame } from "./listening_frames.ts";
 * const df = topTracksFrame([{ id: "t", time_range: "short_term", rank: 1 }]);
 * assert.deepEqual(df.columns.slice(0, 3), ["time_range", "rank", "id"]);
 * ```
 */
export function topTracksFrame(items: readonly Ranked<Track>[]): pl.DataFrame {
  return frame(items, [
    ...rankSpecs<Ranked<Track>>(),
    ...trackSpecs((t: Ranked<Track>) => t),
  ], { builder: "topTracksFrame" });
}

/**
 * Top artists as a frame: `time_range`, `rank`, then the columns of `artistsFrame`.
 *
 * @param items Artists, as `client.topArtists()` gives them.
 * @returns The DataFrame.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { topArtistsFrame } from "./listening_frames.ts";
 * const df = topArtistsFrame([{ id: "a", name: "A", time_range: "long_term", rank: 2 }]);
 * assert.equal(df.getColumn("rank").get(0), 2);
 * ```
 */
export function topArtistsFrame(items: readonly Ranked<Artist>[]): pl.DataFrame {
  return frame(items, [
    ...rankSpecs<Ranked<Artist>>(),
    ...artistSpecs<Ranked<Artist>>(),
  ], { builder: "topArtistsFrame" });
}
