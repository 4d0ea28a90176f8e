/**
 * The Arrow IPC path into polars, for the layers above `frames`: columns encoded from JavaScript
 * values into one buffer that polars reads in one call, as `normalize` and `readStreamingHistory`
 * do (never one napi call per value).
 *
 * ```ts
 * import assert from "node:assert/strict";
 * import { arrowFrame, leafColumn, plain } from "./arrow.ts";
 * const df = arrowFrame([leafColumn("n", { id: "int64" }, plain([1, null, 3]), 3)], 3);
 * assert.deepEqual(df.getColumn("n").toArray(), [1, null, 3]);
 * ```
 *
 * @module
 */
export { arrowFrame } from "./_arrow.ts";
export {
  type ArrowColumn,
  type ArrowType,
  leafColumn,
  plain,
  type Values,
} from "./_arrow_columns.ts";
