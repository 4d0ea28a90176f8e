/**
 * Notebook mode: what a notebook asks for in its first cell, as itables' `init_notebook_mode()`
 * does for pandas. `connect()` switches it on; a notebook that does not connect calls
 * {@linkcode notebookMode}. Importing the library changes nothing.
 *
 * @module
 */
import { enableNotebookMode } from "./_polars_patch.ts";

/**
 * Switch notebook mode on for this process (the kernel): every nodejs-polars DataFrame made from
 * now on shows as `table(df)` when it is a cell's last expression; Struct values, which
 * nodejs-polars cannot hand over, read back with `toRecords()`, `rows()`, `row(i)`,
 * `getColumn(c).toArray()` and `getIndex(i)`; and `writeCSV()` writes List and Struct values as
 * their JSON text. Frames polars reads itself keep polars' own values, at polars' own speed.
 * Frames made before keep polars' own display (`table(df)` shows any frame). Calling it again does
 * nothing. If the pinned nodejs-polars (0.25.2) were replaced by one whose internals differ, it
 * warns once and leaves polars as it is.
 *
 * @returns Whether notebook mode is on.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { notebookMode } from "./notebook_mode.ts";
 * assert.equal(notebookMode(), true);
 * const df = pl.DataFrame({ name: ["A", "B"], n: [1, 2] })
 *   .select(pl.concatList(pl.struct(pl.all())).alias("artists"));
 * assert.deepEqual(df.toRecords(), [
 *   { artists: [{ name: "A", n: 1 }] },
 *   { artists: [{ name: "B", n: 2 }] },
 * ]);
 * const bare = (df as unknown as Record<symbol, () => Record<string, string>>);
 * assert.match(bare[Symbol.for("Jupyter.display")]!()["text/plain"]!, /2 rows × 1 column/);
 * ```
 */
export function notebookMode(): boolean {
  return enableNotebookMode();
}
