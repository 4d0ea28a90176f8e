/**
 * Makes every nodejs-polars DataFrame behave in a notebook, whoever built it (`normalize`, a frame
 * builder, `pl.DataFrame`, `head`, `filter`, `lazy().collectSync()`, `concat`, `readParquet`, ...):
 *
 * - nested values read back: `toRecords()`, `rows()`, `row(i)`, `getColumn(c).toArray()` and
 *   `get(i)` go through {@linkcode seriesValues} when a column holds a Struct (nodejs-polars throws
 *   "StructOwned is not supported" there);
 * - `writeCSV()` writes List and Struct values as their JSON text (polars refuses them);
 * - a bare frame as a cell's last expression shows the same table as `table(df)`.
 *
 * The first two patch methods of the native classes (`JsDataFrame`, `JsSeries`, found from a
 * frame's `_df` and a series' `_s`). The display wraps the internal `_DataFrame` factory of
 * `nodejs-polars/bin/dataframe.js`, which every nodejs-polars function reads at call time, so that
 * each frame made after this module loads gets the Jupyter display symbol. Both rely on
 * nodejs-polars 0.25.2's internals (pinned in deno.json); `_polars_patch_test.ts` fails when they
 * change. Installed once, when `lib/mod.ts` is imported; frames made before keep polars' display.
 *
 * @module
 */
import pl from "nodejs-polars";
import dataframeModule from "nodejs-polars/bin/dataframe.js";
import seriesModule from "nodejs-polars/bin/series/index.js";
import { JUPYTER_DISPLAY } from "./display.ts";
import {
  exactInt64,
  hasStruct,
  hasUnsafeInt64,
  isNested,
  jsonTexts,
  seriesValues,
} from "./_nested.ts";
import { frameBundle } from "./table.ts";

// deno-lint-ignore no-explicit-any
type Native = any;
// deno-lint-ignore no-explicit-any
type Method = (this: Native, ...args: any[]) => any;

const INSTALLED = Symbol.for("spotify-notebooks.polars-patch");

/** The native series inside a nodejs-polars series (public at run time, untyped). */
function nativeOf(series: pl.Series): Native {
  return (series as unknown as { _s: Native })._s;
}

/** What the patch needs from nodejs-polars' internals; `undefined` entries mean they changed. */
export interface PolarsInternals {
  /** `nodejs-polars/bin/dataframe.js`'s module object, whose `_DataFrame` every factory reads. */
  dataframeModule: { _DataFrame: (native: Native) => pl.DataFrame };
  /** `nodejs-polars/bin/series/index.js`'s `_Series`: a native series wrapped. */
  wrapSeries: (native: Native) => pl.Series;
  /** The native frame class's prototype. */
  frameProto: Record<string, Method>;
  /** The native series class's prototype. */
  seriesProto: Record<string, Method>;
}

/**
 * Finds the internals the patch relies on, and says which one is missing.
 *
 * @returns The internals.
 * @throws {Error} When nodejs-polars no longer has one of them.
 */
export function polarsInternals(): PolarsInternals {
  const module = dataframeModule as unknown as PolarsInternals["dataframeModule"];
  const wrapSeries = (seriesModule as unknown as { _Series: PolarsInternals["wrapSeries"] })
    ._Series;
  const frameProto = Object.getPrototypeOf(pl.DataFrame({ a: [1] })._df);
  const seriesProto = Object.getPrototypeOf(nativeOf(pl.Series("a", [1])));
  const needs: [string, boolean][] = [
    ["bin/dataframe.js _DataFrame", typeof module?._DataFrame === "function"],
    ["bin/series/index.js _Series", typeof wrapSeries === "function"],
    ...["toObjects", "toRows", "toRow", "writeCsv"].map((m): [string, boolean] => [
      `JsDataFrame.${m}`,
      typeof frameProto?.[m] === "function",
    ]),
    ...["toArray", "getIdx"].map((m): [string, boolean] => [
      `JsSeries.${m}`,
      typeof seriesProto?.[m] === "function",
    ]),
  ];
  const missing = needs.filter(([, ok]) => !ok).map(([name]) => name);
  if (missing.length > 0) {
    throw new Error(
      `Cannot extend nodejs-polars: it no longer has ${
        missing.join(", ")
      } (the library expects nodejs-polars 0.25.2)`,
    );
  }
  return { dataframeModule: module, wrapSeries, frameProto, seriesProto };
}

/**
 * Rows as objects from column values: one generated object literal per row (a fixed shape, so
 * V8 builds each row in one step), or a loop for names an object literal would not keep.
 *
 * @param names Column names.
 * @param values Each column's values, all of the same length.
 * @returns One object per row.
 */
export function records(
  names: readonly string[],
  values: readonly unknown[][],
): Record<string, unknown>[] {
  const height = values[0]?.length ?? 0;
  const rows = new Array<Record<string, unknown>>(height);
  if (names.includes("__proto__") || new Set(names).size !== names.length) {
    for (let r = 0; r < height; r++) {
      const row: Record<string, unknown> = {};
      for (let c = 0; c < names.length; c++) row[names[c]!] = values[c]![r];
      rows[r] = row;
    }
    return rows;
  }
  const body = names.map((name, c) => `${JSON.stringify(name)}: v[${c}][r]`).join(", ");
  const row = new Function("v", "r", `return { ${body} };`) as (
    v: readonly unknown[][],
    r: number,
  ) => Record<string, unknown>;
  for (let r = 0; r < height; r++) rows[r] = row(values, r);
  return rows;
}

/**
 * The MIME bundle a bare frame shows: `table(df)`'s, or a one-line summary if that fails.
 *
 * @param df Any frame.
 * @returns `text/html` and `text/plain`, never throwing.
 */
export function safeBundle(df: pl.DataFrame): Record<string, string> {
  try {
    return frameBundle(df);
  } catch (error) {
    let shape = "a DataFrame";
    try {
      shape = `DataFrame: ${df.height} rows × ${df.width} columns (${df.columns.join(", ")})`;
    } catch {
      // Keep the generic words.
    }
    return {
      "text/plain": `${shape}; it could not be shown as a table: ${
        error instanceof Error ? error.message : String(error)
      }`,
    };
  }
}

function install(): void {
  const internals = polarsInternals();
  const { frameProto, seriesProto, wrapSeries } = internals;
  const wrapFrame = internals.dataframeModule._DataFrame;
  const original = {
    toObjects: frameProto.toObjects!,
    toRows: frameProto.toRows!,
    toRow: frameProto.toRow!,
    writeCsv: frameProto.writeCsv!,
    toArray: seriesProto.toArray!,
    getIdx: seriesProto.getIdx!,
  };
  const flat = (series: pl.Series) =>
    exactInt64(series, original.toArray.call(nativeOf(series)) as unknown[]);
  /** The columns' values, or `undefined` when nodejs-polars converts them exactly itself. */
  const columnsOf = (native: Native): { names: string[]; values: unknown[][] } | undefined => {
    const columns = wrapFrame(native).getColumns();
    if (!columns.some((c) => hasStruct(c.dtype) || hasUnsafeInt64(c))) return undefined;
    return { names: columns.map((c) => c.name), values: columns.map((c) => seriesValues(c, flat)) };
  };

  // Column by column, then one object literal per row: exact for nested and Int64 values, and
  // faster than nodejs-polars' own row-by-row conversion even for flat frames.
  frameProto.toObjects = function (this: Native) {
    const columns = wrapFrame(this).getColumns();
    return records(columns.map((c) => c.name), columns.map((c) => seriesValues(c, flat)));
  };
  frameProto.toRows = function (this: Native) {
    const columns = columnsOf(this);
    if (columns === undefined) return original.toRows.call(this);
    const height = columns.values[0]?.length ?? 0;
    return Array.from({ length: height }, (_, r) => columns.values.map((v) => v[r]));
  };
  frameProto.toRow = function (this: Native, index: number) {
    const frame = wrapFrame(this);
    const columns = frame.getColumns();
    if (!columns.some((c) => hasStruct(c.dtype) || hasUnsafeInt64(c))) {
      return original.toRow.call(this, index);
    }
    const at = index < 0 ? frame.height + index : index;
    return columns.map((c) => seriesValues(c.slice(at, 1), flat)[0]);
  };
  frameProto.writeCsv = function (this: Native, ...args: unknown[]) {
    const frame = wrapFrame(this);
    const nested = frame.getColumns().filter((c) => isNested(c.dtype));
    if (nested.length === 0) return original.writeCsv.apply(this, args);
    const texts = frame.withColumns(
      ...nested.map((c) => pl.Series(c.name, jsonTexts(c), pl.Utf8)),
    );
    return original.writeCsv.apply(texts._df, args);
  };
  seriesProto.toArray = function (this: Native) {
    const series = wrapSeries(this);
    return seriesValues(series, flat);
  };
  seriesProto.getIdx = function (this: Native, index: number) {
    const series = wrapSeries(this);
    const int64 = (series.dtype as unknown as { variant: string }).variant === "Int64";
    if (!int64 && !hasStruct(series.dtype)) return original.getIdx.call(this, index);
    const at = index < 0 ? series.length + index : index;
    return seriesValues(series.slice(at, 1), flat)[0];
  };

  internals.dataframeModule._DataFrame = (native: Native) => {
    const df = wrapFrame(native);
    // The frame is a Proxy without a defineProperty trap: this defines on its target.
    Object.defineProperty(df, JUPYTER_DISPLAY, {
      value: () => safeBundle(df),
      configurable: true,
      writable: true,
    });
    return df;
  };
}

const holder = dataframeModule as unknown as Record<symbol, boolean>;
if (!holder[INSTALLED]) {
  holder[INSTALLED] = true;
  try {
    install();
  } catch (error) {
    // The notebooks still run; only nested read-back and the display are nodejs-polars' own.
    console.warn(error instanceof Error ? error.message : String(error));
  }
}
