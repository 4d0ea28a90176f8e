/**
 * The one name the Deno Jupyter kernel looks up on a cell's value to show it richly: an object
 * with a method under this symbol returns its MIME bundle. Every layer may give its objects a
 * display (a secret shows as `[redacted]`), so the symbol lives at the bottom.
 *
 * @module
 */

/**
 * `Symbol.for("Jupyter.display")`: the kernel calls `value[JUPYTER_DISPLAY]()` for a MIME bundle.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { JUPYTER_DISPLAY } from "./jupyter.ts";
 * assert.equal(JUPYTER_DISPLAY, Symbol.for("Jupyter.display"));
 * ```
 */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;
