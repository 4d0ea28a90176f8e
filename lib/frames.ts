/**
 * Frame builders: one call from API objects to the table an analyst wants, with the same columns
 * whatever the app's mode (fields the mode lacks become null columns).
 *
 * @module
 */
import pl from "nodejs-polars";
import type { Artist } from "./types.ts";
import { typedSeries } from "./_series.ts";

/**
 * One row per artist: `id`, `name`, `popularity`, `followers`, `genres`, `image_url` (the widest
 * image), `uri`. In Development Mode `popularity`, `followers` and `genres` are null.
 *
 * @param artists Artists, simplified or full.
 * @returns The DataFrame.
 *
 * @example
 * ```ts
 * import { artistsFrame } from "./frames.ts";
 * const df = artistsFrame([{ id: "a", name: "A" }]);
 * console.assert(df.getColumn("popularity").nullCount() === 1);
 * ```
 */
export function artistsFrame(artists: readonly Artist[]): pl.DataFrame {
  return pl.DataFrame([
    typedSeries("id", artists.map((a) => a.id), pl.Utf8),
    typedSeries("name", artists.map((a) => a.name), pl.Utf8),
    typedSeries("popularity", artists.map((a) => a.popularity), pl.Int64),
    typedSeries("followers", artists.map((a) => a.followers?.total), pl.Int64),
    typedSeries("genres", artists.map((a) => a.genres), pl.List(pl.Utf8)),
    typedSeries("image_url", artists.map((a) => a.images?.[0]?.url), pl.Utf8),
    typedSeries("uri", artists.map((a) => a.uri), pl.Utf8),
  ]);
}
