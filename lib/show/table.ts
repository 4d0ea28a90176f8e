/**
 * `table`: a DataFrame as a readable HTML table that shows the same in JupyterLab, VS Code and the
 * rendered page: numbers right-aligned and formatted (identifiers and calendar numbers such as
 * years without thousands separators), dates as ISO text, nested values compact, long tables cut
 * in the middle, and the row and column count under it. In notebook mode (`notebook_mode.ts`) every
 * bare frame in the kernel shows this same table.
 *
 * @module
 */
import type pl from "nodejs-polars";
import { escapeHtml, JUPYTER_DISPLAY } from "./display.ts";
import { seriesValues } from "./_nested.ts";
import { TABLE_SCRIPT } from "./_page_script.ts";

/** Options of {@linkcode table}. */
export interface TableOptions {
  /**
   * Rows shown before the table is cut (the first rows and the last few).
   * @default {20}
   */
  maxRows?: number;
  /** Only these columns, in this order. */
  columns?: readonly string[];
  /** A line above the table. */
  caption?: string;
  /**
   * Rows a cut table carries for the page's "show all" button, sorting and filtering (where scripts
   * run); past it the page says it works on the first ones. `0`: the static rows only.
   * @default {500}
   */
  showAll?: number;
}

/** Rows a cut table carries for the page by default (see {@linkcode TableOptions.showAll}). */
const SHOW_ALL_ROWS = 500;

/** Characters a cell shows in HTML before it is cut with "…". */
const HTML_CELL = 80;
/** Characters a cell shows in text before it is cut with "…". */
const TEXT_CELL = 30;
/** Characters of a text table's line before further columns are left out. */
const TEXT_WIDTH = 160;

function moreRows(hidden: number): string {
  return `… ${hidden.toLocaleString("en")} more ${hidden === 1 ? "row" : "rows"} …`;
}

/** How a column's values are written. */
type Kind = "number" | "plain-number" | "date" | "datetime" | "other";

const CALENDAR_OR_ID =
  /(^|[^a-z])(ids?|years?|decade|number|no|num|position|pos|rank|ranking|index|idx|disc|hour|day|month|week|weekday|quarter|key|isrc|upc|ean)$/;

/**
 * Whether a column holds identifiers or calendar numbers (years, decades, track and disc numbers,
 * positions, ranks, ids), which are written without thousands separators.
 *
 * @param name A column name, e.g. `release_year` or `album.total_tracks`.
 * @returns `true` for names such as `year`, `release_year`, `decade`, `track_number`, `rank`, `id`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isPlainNumberColumn } from "./table.ts";
 * assert.equal(isPlainNumberColumn("album.release_year"), true);
 * assert.equal(isPlainNumberColumn("duration_ms"), false);
 * ```
 */
export function isPlainNumberColumn(name: string): boolean {
  return CALENDAR_OR_ID.test(name.toLowerCase());
}

function kindOf(name: string, dtype: pl.DataType): Kind {
  const variant = (dtype as unknown as { variant: string }).variant;
  if (/^(U?Int\d+|Float\d+|Decimal)$/.test(variant)) {
    return isPlainNumberColumn(name) ? "plain-number" : "number";
  }
  if (variant === "Date") return "date";
  if (variant === "Datetime") return "datetime";
  return "other";
}

/**
 * A DataFrame ready to display: what {@linkcode table} returns. As a cell's last expression it
 * shows as an HTML table in Jupyter; `toString()` gives the same table as aligned text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { Table } from "./table.ts";
 * const shown = new Table(pl.DataFrame({ year: [1999, 2004] }), { caption: "Years" });
 * assert.match(shown.toString(), /^Years\nyear\n1999\n2004\n2 rows × 1 column$/);
 * ```
 */
export class Table {
  readonly #df: pl.DataFrame;
  readonly #options: TableOptions;
  /**
   * Prepare a frame for display; the cells are formatted when the table is shown.
   *
   * @param df The frame.
   * @param options Cut, columns, caption.
   */
  constructor(df: pl.DataFrame, options: TableOptions = {}) {
    this.#df = options.columns ? df.select(...options.columns) : df;
    this.#options = options;
  }

  /** The shown rows as text cells (null for a null value), and how many rows are hidden. */
  #rows(): { head: (string | null)[][]; tail: (string | null)[][]; hidden: number } {
    const df = this.#df;
    const max = Math.max(1, this.#options.maxRows ?? 20);
    const rowsOf = (frame: pl.DataFrame) => this.#format(frame);
    if (df.height <= max) return { head: rowsOf(df), tail: [], hidden: 0 };
    const tailCount = Math.min(5, Math.floor(max / 4));
    const headCount = max - tailCount;
    return {
      head: rowsOf(df.head(headCount)),
      tail: tailCount > 0 ? rowsOf(df.tail(tailCount)) : [],
      hidden: df.height - headCount - tailCount,
    };
  }

  /** A part of the frame (same columns) as text cells, null for a null value. */
  #format(frame: pl.DataFrame): (string | null)[][] {
    const kinds = this.#df.columns.map((name, i) => kindOf(name, this.#df.dtypes[i]!));
    const columns = frame.getColumns().map((series, i) =>
      cells(series).map((v) => v === null || v === undefined ? null : format(v, kinds[i]!))
    );
    return Array.from({ length: frame.height }, (_, r) => columns.map((c) => c[r] ?? null));
  }

  #numeric(): boolean[] {
    return this.#df.columns.map((name, i) => kindOf(name, this.#df.dtypes[i]!).endsWith("number"));
  }

  #shape(): string {
    const { height, width } = this.#df;
    return `${height.toLocaleString("en")} ${height === 1 ? "row" : "rows"} × ${width} ${
      width === 1 ? "column" : "columns"
    }`;
  }

  /**
   * The table as one HTML fragment, with inline styles (no stylesheet needed). It reads the same
   * without scripts; where they run, the page script (see {@linkcode Table}'s display) sorts it by
   * a header, filters it and shows all its rows, from the rows a cut table carries as JSON.
   *
   * @returns A `<div>` holding the caption, the `<table>`, the carried rows and the shape line.
   */
  toHTML(): string {
    const df = this.#df;
    const { head, tail, hidden } = this.#rows();
    const numeric = this.#numeric();
    const align = (i: number) => `text-align:${numeric[i] ? "right" : "left"}`;
    const th = df.columns.map((name, i) =>
      `<th scope="col"${numeric[i] ? ' data-type="number"' : ""} style="${
        align(i)
      };padding:4px 8px;border-bottom:2px solid #d0d7de;white-space:nowrap">${
        escapeHtml(name)
      }</th>`
    ).join("");
    const td = (v: string | null, i: number) =>
      `<td style="${
        align(i)
      };padding:3px 8px;border-bottom:1px solid #eaeef2;white-space:nowrap;max-width:28em;overflow:hidden;text-overflow:ellipsis">${
        v === null ? '<span style="color:#8c959f">null</span>' : escapeHtml(cut(v, HTML_CELL))
      }</td>`;
    const tr = (row: (string | null)[]) => `<tr>${row.map(td).join("")}</tr>`;
    const gap = hidden > 0
      ? `<tr><td colspan="${df.width}" style="text-align:center;color:#57606a;padding:3px 8px">${
        moreRows(hidden)
      }</td></tr>`
      : "";
    const caption = this.#options.caption
      ? `<caption style="caption-side:top;text-align:left;font-weight:600;padding:4px 0">${
        escapeHtml(this.#options.caption)
      }</caption>`
      : "";
    const max = Math.max(1, this.#options.maxRows ?? 20);
    return `<div class="spotify-table" data-rows="${df.height}" data-max-rows="${max}" ` +
      `style="overflow-x:auto;font-family:system-ui,sans-serif;font-size:12px">` +
      `<table style="border-collapse:collapse">${caption}<thead><tr>${th}</tr></thead><tbody>` +
      head.map(tr).join("") + gap + tail.map(tr).join("") + `</tbody></table>` +
      (hidden > 0 ? this.#carried() : "") +
      `<div style="color:#57606a;padding:4px 0">${this.#shape()}</div></div>`;
  }

  /** The rows a cut table carries for the page (up to `showAll`), as JSON in an inert script. */
  #carried(): string {
    const cap = Math.max(0, this.#options.showAll ?? SHOW_ALL_ROWS);
    if (cap === 0) return "";
    const rows = this.#format(this.#df.head(cap)).map((row) =>
      row.map((v) => v === null ? null : cut(v, HTML_CELL))
    );
    // "<" escaped: the JSON cannot end its script element.
    const json = JSON.stringify(rows).replace(/</g, "\\u003c");
    return `<script type="application/json" class="spotify-table-data">${json}</script>`;
  }

  /**
   * The table as aligned text, for consoles and `text/plain` outputs.
   *
   * @returns The leading columns that fit in about 160 characters, then "…" for the others (the
   * HTML form has them all), and the shape line.
   */
  toString(): string {
    const { head, tail, hidden } = this.#rows();
    const numeric = this.#numeric();
    const text = (row: (string | null)[]) => row.map((v) => cut(v ?? "null", TEXT_CELL));
    const body = [...head.map(text), ...tail.map(text)];
    const header = this.#df.columns.map((name) => cut(name, TEXT_CELL));
    const widths = header.map((name, i) =>
      Math.max(name.length, ...body.map((r) => r[i]?.length ?? 0))
    );
    let shown = 0;
    for (let used = 0; shown < widths.length; shown++) {
      used += widths[shown]! + 2;
      if (used > TEXT_WIDTH && shown > 0) break;
    }
    const more = shown < widths.length ? "  …" : "";
    const line = (r: string[]) =>
      r.slice(0, shown).map((v, i) => numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))
        .join("  ").trimEnd() + more;
    const lines = [line(header), ...head.map(text).map(line)];
    if (hidden > 0) lines.push(moreRows(hidden));
    lines.push(...tail.map(text).map(line), this.#shape());
    if (this.#options.caption) lines.unshift(this.#options.caption);
    return lines.join("\n");
  }

  /**
   * What the Deno kernel shows for the table.
   *
   * @returns The MIME bundle Jupyter shows: `text/html` (the table and the page script that makes
   * it sortable and filterable) and `text/plain`.
   */
  [JUPYTER_DISPLAY](): Record<string, string> {
    return { "text/html": this.toHTML() + TABLE_SCRIPT, "text/plain": this.toString() };
  }
}

/** A column's values, nested ones included; as text if even that fails. */
function cells(series: pl.Series): unknown[] {
  try {
    return seriesValues(series);
  } catch {
    return series.cast("Utf8" as never).toArray();
  }
}

function cut(text: string, max: number): string {
  const oneLine = text.replace(/\s*\n\s*/g, " ");
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/**
 * One value as table text: numbers rounded with separators (none for identifiers and calendar
 * numbers), dates and instants as ISO text in UTC, lists of plain values joined with ", ", other
 * nested values in a compact `{name: A, …}` form.
 */
function format(value: unknown, kind: Kind): string {
  if (typeof value === "number" || typeof value === "bigint") return formatNumber(value, kind);
  if (value instanceof Date) return formatDate(value, kind);
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== "object")) {
    return value.length === 0 ? "[]" : value.map((v) => scalar(v)).join(", ");
  }
  if (typeof value === "object" && value !== null) return compact(value, HTML_CELL);
  return String(value);
}

function formatNumber(value: number | bigint, kind: Kind): string {
  if (kind === "plain-number") return String(value);
  if (typeof value === "bigint" || Number.isInteger(value)) return value.toLocaleString("en");
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString("en", { maximumFractionDigits: Math.abs(value) < 1 ? 3 : 2 });
}

function formatDate(value: Date, kind: Kind): string {
  if (Number.isNaN(value.getTime())) return "Invalid Date";
  const iso = value.toISOString();
  if (kind === "date" || (kind !== "datetime" && iso.endsWith("T00:00:00.000Z"))) {
    return iso.slice(0, 10);
  }
  const seconds = iso.endsWith(".000Z") ? iso.slice(11, 19) : iso.slice(11, 23);
  return `${iso.slice(0, 10)} ${seconds} UTC`;
}

/** A plain value inside a nested one: numbers without separators, dates as ISO text. */
function scalar(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return formatDate(value, "other");
  return String(value);
}

const STOP = Symbol("stop");

/** An object's fields as a reader wants them: `name` first, then plain values, then nested ones. */
function readableOrder(entries: [string, unknown][]): [string, unknown][] {
  const rank = ([key, value]: [string, unknown]) =>
    key === "name"
      ? 0
      : value !== null && typeof value === "object" && !(value instanceof Date)
      ? 2
      : 1;
  return entries.map((entry, i) => ({ entry, i, r: rank(entry) }))
    .sort((a, b) => a.r - b.r || a.i - b.i).map(({ entry }) => entry);
}

/** `[{name: A, id: x, external_urls: {spotify: u}}]`, cut with "…" after `budget` characters. */
function compact(value: unknown, budget: number): string {
  const parts: string[] = [];
  let length = 0;
  const push = (text: string) => {
    parts.push(text);
    length += text.length;
    if (length > budget) throw STOP;
  };
  const write = (v: unknown): void => {
    if (Array.isArray(v)) {
      push("[");
      v.forEach((item, i) => {
        if (i > 0) push(", ");
        write(item);
      });
      push("]");
    } else if (v !== null && typeof v === "object" && !(v instanceof Date)) {
      push("{");
      readableOrder(Object.entries(v)).forEach(([key, item], i) => {
        push(`${i > 0 ? ", " : ""}${key}: `);
        write(item);
      });
      push("}");
    } else {
      push(scalar(v));
    }
  };
  try {
    write(value);
  } catch (error) {
    if (error !== STOP) throw error;
    return `${parts.join("").slice(0, budget - 1)}…`;
  }
  return parts.join("");
}

/**
 * The MIME bundle of a frame shown with the default options, as every bare frame in the kernel is.
 *
 * @param df The frame.
 * @returns `text/html` and `text/plain`.
 */
export function frameBundle(df: pl.DataFrame): Record<string, string> {
  return new Table(df)[JUPYTER_DISPLAY]();
}

/**
 * Show a DataFrame as a readable table (works in JupyterLab, VS Code and rendered HTML alike).
 *
 * @param df The frame.
 * @param options How many rows, which columns, a caption.
 * @returns A {@linkcode Table} that displays inline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { table } from "./table.ts";
 * const html = table(pl.DataFrame({ n: [1234567, 2], release_year: [2012, 1999] })).toHTML();
 * assert.match(html, />1,234,567</);
 * assert.match(html, />2012</);
 * assert.match(html, /2 rows × 2 columns/);
 * ```
 */
export function table(df: pl.DataFrame, options: TableOptions = {}): Table {
  return new Table(df, options);
}
