/**
 * `table`: a DataFrame as a readable HTML table that shows the same in JupyterLab, VS Code and the
 * rendered page: numbers right-aligned and formatted, dates as dates, lists joined, long tables cut
 * in the middle, and the row and column count under it.
 *
 * @module
 */
import type pl from "nodejs-polars";
import { escapeHtml, JUPYTER_DISPLAY } from "./display.ts";

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
}

/** A DataFrame ready to display. */
export class Table {
  readonly #df: pl.DataFrame;
  readonly #options: TableOptions;
  /**
   * @param df The frame.
   * @param options Cut, columns, caption.
   */
  constructor(df: pl.DataFrame, options: TableOptions = {}) {
    this.#df = options.columns ? df.select(...options.columns) : df;
    this.#options = options;
  }

  #rows(): { head: unknown[][]; tail: unknown[][]; hidden: number } {
    const df = this.#df;
    const max = this.#options.maxRows ?? 20;
    const values = (frame: pl.DataFrame) =>
      frame.columns.map((name) => cells(frame.getColumn(name)));
    const rowsOf = (columns: unknown[][], n: number) =>
      Array.from({ length: n }, (_, r) => columns.map((c) => c[r]));
    if (df.height <= max) return { head: rowsOf(values(df), df.height), tail: [], hidden: 0 };
    const tailCount = Math.min(5, Math.floor(max / 4));
    const headCount = max - tailCount;
    return {
      head: rowsOf(values(df.head(headCount)), headCount),
      tail: rowsOf(values(df.tail(tailCount)), tailCount),
      hidden: df.height - headCount - tailCount,
    };
  }

  /** @returns The table as HTML. */
  toHTML(): string {
    const df = this.#df;
    const { head, tail, hidden } = this.#rows();
    const numeric = df.dtypes.map((t) => /Int|Float|UInt/.test(String(t)));
    const th = df.columns.map((name, i) =>
      `<th style="text-align:${
        numeric[i] ? "right" : "left"
      };padding:4px 8px;border-bottom:2px solid #d0d7de">${escapeHtml(name)}</th>`
    ).join("");
    const tr = (row: unknown[]) =>
      `<tr>${
        row.map((v, i) =>
          `<td style="text-align:${
            numeric[i] ? "right" : "left"
          };padding:3px 8px;border-bottom:1px solid #eaeef2;white-space:nowrap;max-width:28em;overflow:hidden;text-overflow:ellipsis">${
            v === null || v === undefined
              ? '<span style="color:#8c959f">null</span>'
              : escapeHtml(format(v))
          }</td>`
        ).join("")
      }</tr>`;
    const gap = hidden > 0
      ? `<tr><td colspan="${df.width}" style="text-align:center;color:#57606a;padding:3px 8px">… ${
        hidden.toLocaleString("en")
      } more rows …</td></tr>`
      : "";
    const caption = this.#options.caption
      ? `<caption style="caption-side:top;text-align:left;font-weight:600;padding:4px 0">${
        escapeHtml(this.#options.caption)
      }</caption>`
      : "";
    return `<div class="spotify-table" style="overflow-x:auto;font-family:system-ui,sans-serif;font-size:12px">` +
      `<table style="border-collapse:collapse">${caption}<thead><tr>${th}</tr></thead><tbody>` +
      head.map(tr).join("") + gap + tail.map(tr).join("") +
      `</tbody></table><div style="color:#57606a;padding:4px 0">${
        df.height.toLocaleString("en")
      } rows × ${df.width} columns</div></div>`;
  }

  /** @returns The table as aligned text. */
  toString(): string {
    const { head, tail, hidden } = this.#rows();
    const rows = [
      this.#df.columns,
      ...head.map((r) => r.map(plain)),
      ...(hidden > 0 ? [[`… ${hidden} more rows`]] : []),
      ...tail.map((r) => r.map(plain)),
    ];
    const widths = this.#df.columns.map((_, i) =>
      Math.min(30, Math.max(...rows.map((r) => (r[i] ?? "").length)))
    );
    const line = (r: string[]) => r.map((v, i) => v.slice(0, 30).padEnd(widths[i] ?? 0)).join("  ");
    return [...rows.map(line), `${this.#df.height} rows × ${this.#df.width} columns`].join("\n");
  }

  /** @returns The MIME bundle Jupyter shows. */
  [JUPYTER_DISPLAY](): Record<string, string> {
    return { "text/html": this.toHTML(), "text/plain": this.toString() };
  }
}

/** A column's values; nested values nodejs-polars cannot hand over come as their JSON. */
function cells(series: pl.Series): unknown[] {
  try {
    return series.toArray();
  } catch {
    return series.cast("Utf8" as never).toArray();
  }
}

function plain(value: unknown): string {
  return value === null || value === undefined ? "null" : format(value);
}

function format(value: unknown): string {
  if (typeof value === "number") {
    if (Number.isInteger(value)) return value.toLocaleString("en");
    return value.toLocaleString("en", { maximumFractionDigits: Math.abs(value) < 1 ? 3 : 2 });
  }
  if (typeof value === "bigint") return value.toLocaleString("en");
  if (value instanceof Date) {
    // Dates as dates; instants to the second, in UTC (the frames keep UTC).
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z")
      ? iso.slice(0, 10)
      : `${iso.slice(0, 19).replace("T", " ")} UTC`;
  }
  if (Array.isArray(value)) {
    return value.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ");
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
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
 * import pl from "nodejs-polars";
 * import { table } from "./table.ts";
 * const html = table(pl.DataFrame({ n: [1234567, 2] })).toHTML();
 * console.assert(html.includes("1,234,567") && html.includes("2 rows × 1 columns"));
 * ```
 */
export function table(df: pl.DataFrame, options: TableOptions = {}): Table {
  return new Table(df, options);
}
