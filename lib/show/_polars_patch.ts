/**
 * The mechanics of notebook mode (`notebook_mode.ts`): what it changes in nodejs-polars, and only
 * where stock polars cannot do the job itself.
 *
 * - Struct values read back: `toRecords()`, `rows()`, `row(i)`, `getColumn(c).toArray()` and
 *   `getIndex(i)` (and iterating a series) go through {@linkcode seriesValues} for a frame or
 *   series that nodejs-polars cannot convert ("StructOwned is not supported", thrown for a List of
 *   Structs) and for a Struct series' `toArray()` (polars gives an object of nulls for a null row).
 *   Every other call is polars' own: each patched method calls the stock one first and only looks
 *   further when it throws that error, so a frame stock polars reads gives stock values at stock
 *   cost. `toRecords()` of a flat frame of 512 rows or more builds its rows column by column
 *   (polars' own `toArray` of each), which gives the same values about twice as fast.
 * - `writeCSV()` writes List and Struct values as their JSON text (polars refuses them).
 * - A frame made after notebook mode is on shows, as a cell's last expression, the same table as
 *   `table(df)`. Frames made before keep polars' own display.
 *
 * The read-back patches methods of the native classes (`JsDataFrame`, `JsSeries`, found from a
 * frame's `_df` and a series' `_s`); the display wraps the internal `_DataFrame` factory of
 * `nodejs-polars/bin/dataframe.js`, which every nodejs-polars function reads at call time. Both are
 * nodejs-polars 0.25.2's internals (pinned in deno.json); {@linkcode polarsInternals} checks each
 * one before anything is changed, and `_polars_patch_test.ts` fails when they change.
 *
 * @module
 */
import { createRequire } from "node:module";
import pl from "nodejs-polars";
import { JUPYTER_DISPLAY } from "./display.ts";
import { hasStruct, isNested, jsonTexts, seriesValues } from "./_nested.ts";
import { frameBundle } from "./table.ts";

// deno-lint-ignore no-explicit-any
type Native = any;
// deno-lint-ignore no-explicit-any
type Method = (this: Native, ...args: any[]) => any;

/** The nodejs-polars version whose internals the patch was written against. */
export const PINNED_POLARS = "0.25.2";
/** Marks nodejs-polars' dataframe module once notebook mode is on; holds the stock methods. */
const STOCK = Symbol.for("spotify-notebooks.stock-polars");

const FRAME_METHODS = ["toObjects", "toRows", "toRow", "writeCsv"] as const;
const SERIES_METHODS = ["toArray", "getIdx"] as const;

/** What the patch needs from nodejs-polars' internals. */
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

/** polars' own methods, as they were before notebook mode (for the patch, tests and benchmarks). */
export interface StockMethods {
  /** `JsDataFrame.prototype`'s `toObjects`, `toRows`, `toRow`, `writeCsv`. */
  frame: Record<(typeof FRAME_METHODS)[number], Method>;
  /** `JsSeries.prototype`'s `toArray`, `getIdx`. */
  series: Record<(typeof SERIES_METHODS)[number], Method>;
  /** The unwrapped `_DataFrame` factory. */
  wrapFrame: (native: Native) => pl.DataFrame;
}

/** The native series inside a nodejs-polars series (public at run time, untyped). */
function nativeOf(series: pl.Series): Native {
  return (series as unknown as { _s: Native })._s;
}

/** A method or export that can be replaced: a function on a writable property. */
function replaceable(owner: unknown, name: string): boolean {
  if (owner === null || typeof owner !== "object") return false;
  const own = Object.getOwnPropertyDescriptor(owner, name);
  return typeof own?.value === "function" && own.writable === true;
}

/**
 * Finds the internals the patch relies on, and says which ones are missing or changed.
 *
 * @returns The internals.
 * @throws {Error} When nodejs-polars no longer has one of them.
 */
export function polarsInternals(): PolarsInternals {
  const require = createRequire(import.meta.url);
  const load = (path: string) => {
    try {
      return require(path) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };
  const dataframeModule = load("nodejs-polars/bin/dataframe.js");
  const seriesModule = load("nodejs-polars/bin/series/index.js");
  const frameProto = Object.getPrototypeOf(pl.DataFrame({ a: [1] })._df);
  const seriesProto = Object.getPrototypeOf(nativeOf(pl.Series("a", [1])));
  const needs: [string, boolean][] = [
    ["bin/dataframe.js _DataFrame", replaceable(dataframeModule, "_DataFrame")],
    ["bin/series/index.js _Series", typeof seriesModule?._Series === "function"],
    ...FRAME_METHODS.map((m): [string, boolean] => [
      `JsDataFrame.${m}`,
      replaceable(frameProto, m),
    ]),
    ...SERIES_METHODS.map((m): [string, boolean] => [`JsSeries.${m}`, replaceable(seriesProto, m)]),
  ];
  const missing = needs.filter(([, ok]) => !ok).map(([name]) => name);
  if (missing.length > 0) {
    throw new Error(
      `nodejs-polars no longer has ${
        missing.join(", ")
      } (the library expects nodejs-polars ${PINNED_POLARS})`,
    );
  }
  return {
    dataframeModule: dataframeModule as unknown as PolarsInternals["dataframeModule"],
    wrapSeries: seriesModule!._Series as PolarsInternals["wrapSeries"],
    frameProto,
    seriesProto,
  };
}

/** Generated row builders by column names (a notebook meets few shapes; kept small anyway). */
const rowBuilders = new Map<string, RowBuilder>();

type RowBuilder = (v: readonly unknown[][], r: number) => Record<string, unknown>;

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
  const key = JSON.stringify(names);
  let row = rowBuilders.get(key);
  if (row === undefined) {
    const body = names.map((name, c) => `${JSON.stringify(name)}: v[${c}][r]`).join(", ");
    const made = new Function("v", "r", `return { ${body} };`) as RowBuilder;
    if (rowBuilders.size >= 64) rowBuilders.clear();
    rowBuilders.set(key, made);
    row = made;
  }
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

/**
 * polars' own methods: the ones notebook mode replaced, or the current ones when it is off.
 *
 * @param internals What {@linkcode polarsInternals} found.
 * @returns The stock methods.
 */
export function stockMethods(internals: PolarsInternals = polarsInternals()): StockMethods {
  const saved = (internals.dataframeModule as unknown as Record<symbol, StockMethods>)[STOCK];
  if (saved !== undefined) return saved;
  const pick = <K extends string>(proto: Record<string, Method>, names: readonly K[]) =>
    Object.fromEntries(names.map((m) => [m, proto[m]!])) as Record<K, Method>;
  return {
    frame: pick(internals.frameProto, FRAME_METHODS),
    series: pick(internals.seriesProto, SERIES_METHODS),
    wrapFrame: internals.dataframeModule._DataFrame,
  };
}

/** Native dtypes (as `JsDataFrame.dtypes()` gives them) that a CSV cannot hold. */
function nestedNative(dtype: unknown): boolean {
  const variant = typeof dtype === "string" ? dtype : (dtype as { variant?: string }).variant;
  return variant === "List" || variant === "FixedSizeList" || variant === "Struct" ||
    variant === "Array";
}

const PLAIN = new Set([
  "String",
  "Bool",
  "Int8",
  "Int16",
  "Int32",
  "Int64",
  "UInt8",
  "UInt16",
  "UInt32",
  "UInt64",
  "Float32",
  "Float64",
  "Date",
  "Datetime",
  "Duration",
  "Time",
  "Categorical",
]);

/**
 * Whether a native dtype converts column by column exactly as polars converts it row by row (the
 * differential test covers each): plain values, and lists of them.
 */
function plainNative(dtype: unknown): boolean {
  if (typeof dtype === "string") return PLAIN.has(dtype);
  const { variant, inner } = dtype as { variant?: string; inner?: unknown[] };
  if (variant === "Datetime" || variant === "Duration") return true;
  if (variant === "List" || variant === "FixedSizeList") return plainNative(inner?.[0]);
  return false;
}

/** Rows from this many up are built column by column (below, polars' own way is as fast). */
const COLUMNWISE_ROWS = 512;

/** Reading values back the library's way, with polars' own conversion for plain columns. */
function readers(stock: StockMethods, wrapSeries: PolarsInternals["wrapSeries"]) {
  const flat = (series: pl.Series) => stock.series.toArray.call(nativeOf(series)) as unknown[];
  const values = (series: pl.Series) =>
    hasStruct(series.dtype) ? seriesValues(series, flat) : flat(series);
  return {
    /** A native series' values, nested ones included. */
    series: (native: Native) => seriesValues(wrapSeries(native), flat),
    /** A native frame's column names and values, nested ones included. */
    frame: (native: Native) => {
      const columns = stock.wrapFrame(native).getColumns();
      return { names: columns.map((c) => c.name), values: columns.map(values) };
    },
    /** A native frame's columns as polars converts them, or `undefined` unless all are plain. */
    plain: (native: Native) => {
      if (!(native.dtypes() as unknown[]).every(plainNative)) return undefined;
      return (native.getColumns() as Native[]).map((s) =>
        stock.series.toArray.call(s) as unknown[]
      );
    },
  };
}

type Readers = ReturnType<typeof readers>;

/** Rethrows anything but polars' refusal to hand a Struct over. */
function unlessRefused(error: unknown): void {
  if (!(error instanceof Error && error.message.startsWith("StructOwned is not supported"))) {
    throw error;
  }
}

/** The methods notebook mode puts on the native frame class: polars' own first. */
function frameMethods(stock: StockMethods, read: Readers): Record<string, Method> {
  const own = stock.frame;
  return {
    toObjects(this: Native) {
      if (this.height >= COLUMNWISE_ROWS) {
        const plain = read.plain(this);
        if (plain !== undefined) return records(this.columns, plain);
      }
      try {
        return own.toObjects.call(this);
      } catch (error) {
        unlessRefused(error);
      }
      const { names, values } = read.frame(this);
      return records(names, values);
    },
    toRows(this: Native) {
      try {
        return own.toRows.call(this);
      } catch (error) {
        unlessRefused(error);
      }
      const { values } = read.frame(this);
      return Array.from({ length: this.height }, (_, r) => values.map((v) => v[r]));
    },
    toRow(this: Native, index: number) {
      try {
        return own.toRow.call(this, index);
      } catch (error) {
        unlessRefused(error);
      }
      const at = index < 0 ? this.height + index : index;
      return read.frame(this.slice(at, 1)).values.map((v) => v[0]);
    },
    writeCsv(this: Native, ...args: unknown[]) {
      if (!(this.dtypes() as unknown[]).some(nestedNative)) return own.writeCsv.apply(this, args);
      const frame = stock.wrapFrame(this);
      const texts = frame.withColumns(
        ...frame.getColumns().filter((c) => isNested(c.dtype))
          .map((c) => pl.Series(c.name, jsonTexts(c), pl.Utf8)),
      );
      return own.writeCsv.apply(texts._df, args);
    },
  };
}

/** The methods notebook mode puts on the native series class: polars' own first. */
function seriesMethods(stock: StockMethods, read: Readers, wrap: PolarsInternals["wrapSeries"]) {
  const own = stock.series;
  return {
    toArray(this: Native) {
      let values: unknown[];
      try {
        values = own.toArray.call(this);
      } catch (error) {
        unlessRefused(error);
        return read.series(this);
      }
      // polars converts a Struct series itself, but gives an object of nulls for a null row.
      const first = values[0];
      if (first === null || typeof first !== "object") return values;
      if (Object.getPrototypeOf(first) !== Object.prototype) return values;
      return hasStruct(wrap(this).dtype) ? read.series(this) : values;
    },
    getIdx(this: Native, index: number) {
      try {
        return own.getIdx.call(this, index);
      } catch (error) {
        unlessRefused(error);
      }
      const at = index < 0 ? this.len() + index : index;
      return read.series(this.slice(at, 1))[0];
    },
  } satisfies Record<string, Method>;
}

/** What every frame shows in notebook mode: `this` is the frame the kernel shows. */
function display(this: pl.DataFrame): Record<string, string> {
  return safeBundle(this);
}

/**
 * Switch notebook mode on with these internals; nothing happens when it is on already.
 *
 * @param internals What {@linkcode polarsInternals} found.
 */
function install(internals: PolarsInternals): void {
  const holder = internals.dataframeModule as unknown as Record<symbol, StockMethods>;
  if (holder[STOCK] !== undefined) return;
  const stock = stockMethods(internals);
  const read = readers(stock, internals.wrapSeries);
  Object.assign(internals.frameProto, frameMethods(stock, read));
  Object.assign(internals.seriesProto, seriesMethods(stock, read, internals.wrapSeries));
  internals.dataframeModule._DataFrame = (native: Native) => {
    const df = stock.wrapFrame(native);
    // The frame is a Proxy without a defineProperty trap: this defines on its target.
    Object.defineProperty(df, JUPYTER_DISPLAY, {
      value: display,
      configurable: true,
      writable: true,
    });
    return df;
  };
  holder[STOCK] = stock;
}

let warned = false;

/**
 * Switch notebook mode on, or, when nodejs-polars' internals changed, leave polars as it is and
 * say so once per process.
 *
 * @param find Where the internals come from.
 * @returns Whether notebook mode is on.
 */
export function enableNotebookMode(find: () => PolarsInternals = polarsInternals): boolean {
  let internals: PolarsInternals;
  try {
    internals = find();
  } catch (error) {
    if (!warned) {
      warned = true;
      console.warn(
        `Notebook mode stays off: ${
          error instanceof Error ? error.message : String(error)
        }, so frames keep polars' own display and read-back`,
      );
    }
    return false;
  }
  install(internals);
  return true;
}
