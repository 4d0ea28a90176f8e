/**
 * The stored plays as one polars DataFrame, fast: one scan of the account's plays in time order
 * hands over three numbers a play (when it ended; its length and sources; its item and facet), each
 * column as one JSON array; the items and facets are read once each, into small frames (Arrow IPC,
 * as `readStreamingHistory` does), and polars builds every text column by gathering their rows.
 * Nothing crosses into polars one value at a time.
 *
 * @module
 */
import pl from "nodejs-polars";
import { arrowFrame, leafColumn, plain } from "../frames/arrow.ts";
import { utcOffsets } from "../frames/streaming_history.ts";
import type { SQLOutputValue } from "node:sqlite";
import { asArrays, FACET_FIELDS, ITEM_FIELDS, SOURCES } from "./_rows.ts";
import { type HistoryStore, storeError } from "./store.ts";

/** A kind of play. */
export type PlayKind = "track" | "episode" | "audiobook";

const KINDS: readonly string[] = ["track", "episode", "audiobook"] satisfies PlayKind[];

/** Options of {@linkcode historyFrame}. */
export interface HistoryFrameOptions {
  /** Plays that ended at or after this instant. */
  from?: Date | string | number;
  /** Plays that ended before this instant. */
  to?: Date | string | number;
  /** Only plays of this kind (or these kinds). */
  kind?: PlayKind | readonly PlayKind[];
  /**
   * The IANA time zone of `hour` and `weekday`, such as `"Europe/Stockholm"`.
   * @default {this machine's time zone}
   */
  timeZone?: string;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The values of `source`, by the bits of the sources that saw a play. */
const SOURCE_NAMES = Array.from(
  { length: 8 },
  (_, bits) => SOURCES.filter((_, i) => bits & (1 << i)).join("+") || null,
);
const FLAGS = ["shuffle", "skipped", "offline", "incognito"] as const;

/** The columns in order: `readStreamingHistory`'s, then `context_uri`. */
export const HISTORY_COLUMNS: readonly string[] = [
  "played_at",
  "hour",
  "weekday",
  "ms_played",
  "minutes",
  ...ITEM_FIELDS,
  "platform",
  "country",
  "reason_start",
  "reason_end",
  ...FLAGS,
  "source",
  "file",
  "context_uri",
];

/**
 * The account's stored plays as one frame, oldest first, with the columns of
 * `readStreamingHistory`: `played_at` (Datetime, UTC: when the play ended), `hour` and `weekday`
 * (in `timeZone`), `ms_played` and `minutes` (null for a play only the API saw: it does not say
 * how long), `kind`, `track`, `artist`, `album`, `track_uri`, `episode`, `show`, `episode_uri`,
 * `audiobook`, `audiobook_uri`, `chapter`, `chapter_uri`, `platform`, `country`, `reason_start`,
 * `reason_end`, `shuffle`, `skipped`, `offline`, `incognito`, `source` (the sources that saw the
 * play: `basic`, `extended`, `api`, joined by `+`, e.g. `extended+api`) and `file` (the export file
 * it came from); then `context_uri` (the playlist, album or artist the API says it was played
 * from).
 *
 * @param store The open store.
 * @param options A time range, kinds, the time zone of `hour` and `weekday`.
 * @returns The DataFrame.
 * @throws {RangeError} When `timeZone` is not a time zone.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PROJECT_ROOT } from "../core/config.ts";
 * import { importHistory } from "./import_export.ts";
 * import { historyFrame } from "./read.ts";
 * import { openHistory } from "./store.ts";
 * const dir = await Deno.makeTempDir();
 * using store = await openHistory("sample.listener", { path: `${dir}/h.sqlite` });
 * await importHistory(store, `${PROJECT_ROOT}data/sample/export`);
 * const may = historyFrame(store, { from: "2026-05-01", to: "2026-06-01", timeZone: "UTC" });
 * assert.ok(may.height > 100);
 * assert.deepEqual(may.getColumn("source").unique().sort().toArray(), ["basic", "extended"]);
 * store.close();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function historyFrame(store: HistoryStore, options: HistoryFrameOptions = {}): pl.DataFrame {
  const offsetAt = utcOffsets(options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const range = [instant(options.from, -8.64e15, "from"), instant(options.to, 8.64e15, "to")];
  checkKinds(options.kind);
  let texts: Texts;
  let scan: Scan;
  const db = store.db;
  try {
    // One snapshot: a play written meanwhile by another process cannot miss its item.
    db.exec("BEGIN");
    try {
      texts = readTexts(store);
      scan = scanPlays(store, { range, kind: options.kind, facets: texts.facetSpan });
    } finally {
      db.exec("COMMIT");
    }
  } catch (error) {
    throw storeError(store.path, error, "read");
  }
  const n = scan.played_at.length;
  const columns = decode(scan, texts, offsetAt);
  // A column with no value in the few rows is all null: made so, not gathered.
  const gathered = (frame: pl.DataFrame, rows: Int32Array) => {
    const index = pl.Series("i", rows);
    const full = frame.columns.filter((c) => frame.getColumn(c).nullCount() < frame.height);
    const base = full.length > 0
      ? frame.select(...full.map((c) => pl.col(c).gather(index)))
      : pl.DataFrame([index]);
    const empty = frame.columns.filter((c) => !full.includes(c))
      .map((c) => pl.lit(null).cast(frame.getColumn(c).dtype).alias(c));
    return (empty.length > 0 ? base.withColumns(...empty) : base).select(...frame.columns);
  };
  const frame = pl.concat([
    arrowFrame([
      leafColumn(
        "played_at",
        { id: "timestamp", unit: "ms", timeZone: "UTC" },
        plain(scan.played_at),
        n,
      ),
      leafColumn("hour", { id: "int64" }, plain(columns.hour), n),
      leafColumn("ms_played", { id: "int64" }, plain(columns.msPlayed), n),
      leafColumn("minutes", { id: "float64" }, plain(columns.minutes), n),
    ], n),
    gathered(texts.items, columns.item),
    gathered(texts.facets, columns.facet),
    gathered(pl.DataFrame({ weekday: WEEKDAYS }), columns.weekday),
    gathered(pl.DataFrame([pl.Series("source", SOURCE_NAMES, pl.Utf8)]), columns.source),
  ], { how: "horizontal" })
    .select(...HISTORY_COLUMNS);
  return inOrder(scan.played_at) ? frame : frame.sort({ by: "played_at", maintainOrder: true });
}

/** Refuse a kind that is not one (`"video"` would give an empty frame without a word). */
function checkKinds(kind: HistoryFrameOptions["kind"]): void {
  if (kind === undefined) return;
  const kinds: unknown[] = typeof kind === "string" ? [kind] : Array.isArray(kind) ? kind : [kind];
  const wrong = kinds.find((k) => typeof k !== "string" || !KINDS.includes(k));
  if (kinds.length === 0 || wrong !== undefined) {
    throw new RangeError(
      `Invalid kind ${
        kinds.length === 0 ? "[]" : JSON.stringify(wrong)?.slice(0, 40) ?? String(wrong)
      }: use "track", "episode" or "audiobook", or a list of them`,
    );
  }
}

function instant(
  value: Date | string | number | undefined,
  otherwise: number,
  name: string,
): number {
  if (value === undefined) return otherwise;
  const ms = value instanceof Date
    ? value.getTime()
    : typeof value === "number"
    ? value
    : Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new RangeError(
      `Invalid ${name} "${String(value).slice(0, 40)}": use a Date or an ISO date`,
    );
  }
  return ms;
}

/** The account's items and facets, each once (row 0 is null), and where each id's row is. */
interface Texts {
  items: pl.DataFrame;
  itemAt: Int32Array;
  facets: pl.DataFrame;
  facetAt: Int32Array;
  /** Facet ids are below this. */
  facetSpan: number;
}

function readTexts(store: HistoryStore): Texts {
  const facetFields = FACET_FIELDS.map((f) => f === "context" ? "context_uri" : f);
  const items = readTable(store, "items", ITEM_FIELDS, ITEM_FIELDS);
  const facets = readTable(store, "facets", FACET_FIELDS, facetFields);
  return {
    items: items.frame,
    itemAt: items.at,
    facets: facets.frame,
    facetAt: facets.at,
    facetSpan: facets.at.length,
  };
}

/** An account's rows of a table as a frame (row 0 null), and the row of each id. */
function readTable(
  store: HistoryStore,
  table: string,
  fields: readonly string[],
  names: readonly string[],
): { frame: pl.DataFrame; at: Int32Array } {
  const max = Number(store.db.prepare(`SELECT max(id) AS m FROM ${table}`).get()?.m ?? 0);
  const rows = asArrays(
    store.db.prepare(`SELECT id, ${fields.join(", ")} FROM ${table} WHERE account = ?`),
  ).all(store.account) as unknown as SQLOutputValue[][];
  const at = new Int32Array(max + 1);
  const columns = fields.map(() => new Array<SQLOutputValue>(rows.length + 1).fill(null));
  rows.forEach((row, i) => {
    at[row[0] as number] = i + 1;
    for (let f = 0; f < fields.length; f++) columns[f]![i + 1] = row[f + 1]!;
  });
  const n = rows.length + 1;
  const frame = arrowFrame(
    fields.map((field, f) =>
      FLAGS.includes(field as typeof FLAGS[number])
        ? leafColumn(
          names[f]!,
          { id: "bool" },
          plain(columns[f]!.map((v) => v === null ? null : v === 1)),
          n,
        )
        : leafColumn(names[f]!, { id: "utf8" }, plain(columns[f]!), n)
    ),
    n,
  );
  return { frame, at };
}

/** The scanned columns: each a JSON array of numbers, in time order. */
interface Scan {
  played_at: number[];
  /** `ms_played * 8 + sources` (`ms_played` -1 when unknown). */
  length: number[];
  /** `item * span + facet`, or the item alone when `facet` is apart. */
  ref: number[];
  facet: number[] | undefined;
  /** The facet span `ref` is packed with, or 0 when not packed. */
  span: number;
}

/** One scan of the account's plays (a snapshot), each column one JSON array. */
function scanPlays(
  store: HistoryStore,
  options: { range: number[]; kind: HistoryFrameOptions["kind"]; facets: number },
): Scan {
  const where = ["p.account = ?", "p.played_at >= ?", "p.played_at < ?"];
  const params: (string | number)[] = [store.account, ...options.range];
  if (options.kind !== undefined) {
    const kinds = typeof options.kind === "string" ? [options.kind] : [...options.kind];
    where.push(
      `p.item IN (SELECT id FROM items WHERE account = ? AND kind IN (${
        kinds.map(() => "?").join(", ")
      }))`,
    );
    params.push(store.account, ...kinds);
  }
  const maxItem = Number(store.db.prepare("SELECT max(id) AS m FROM items").get()?.m ?? 0);
  // Fewer columns, less time: the item and facet ids share one number when it stays exact.
  const span = (maxItem + 1) * options.facets < Number.MAX_SAFE_INTEGER ? options.facets : 0;
  const sources = SOURCES.map((s, i) => `((p.${s}_at IS NOT NULL) << ${i})`).join(" | ");
  const columns = [
    "p.played_at",
    `coalesce(p.ms_played, -1) * 8 + (${sources})`,
    span > 0 ? `p.item * ${span} + p.facet` : "p.item",
    ...(span > 0 ? [] : ["p.facet"]),
  ];
  // All of it: the table in storage order, one pass, sorted after if need be (plays are mostly
  // stored in time order); a time range: the (account, played_at) index, in time order.
  const whole = options.range[0] === -8.64e15 && options.range[1] === 8.64e15;
  const arrays = columns.map((c) => `json_group_array(${c})`).join(", ");
  const sql = whole
    ? `SELECT ${arrays} FROM plays p NOT INDEXED WHERE ${where.join(" AND ")}`
    : `SELECT ${arrays.replaceAll("p.", "")} FROM (SELECT * FROM plays p WHERE ${
      where.join(" AND ")
    } ORDER BY p.played_at, p.id)`;
  const [row] = asArrays(store.db.prepare(sql)).all(...params) as unknown as string[][];
  const [playedAt, length, ref, facet] = row!.map((text) => JSON.parse(text) as number[]);
  return { played_at: playedAt!, length: length!, ref: ref!, facet, span };
}

/** Whether the times are in order. */
function inOrder(times: number[]): boolean {
  for (let i = 1; i < times.length; i++) if (times[i]! < times[i - 1]!) return false;
  return true;
}

/** Rows of the items and facets, hour and weekday, `ms_played` and sources, from the scan. */
function decode(scan: Scan, texts: Texts, offsetAt: (ms: number) => number) {
  const n = scan.played_at.length;
  const hour = new Float64Array(n);
  const weekday = new Int32Array(n);
  const source = new Int32Array(n);
  const item = new Int32Array(n);
  const facet = new Int32Array(n);
  const msPlayed = new Array<number | null>(n);
  const minutes = new Array<number | null>(n);
  const { itemAt, facetAt } = texts;
  // The offset of a UTC day, asked once a day (a day with a clock change: once a play).
  let [lastDay, dayOffset, steady] = [NaN, 0, true];
  for (let i = 0; i < n; i++) {
    const ms = scan.played_at[i]!;
    const utcDay = Math.floor(ms / DAY);
    if (utcDay !== lastDay) {
      [lastDay, dayOffset] = [utcDay, offsetAt(utcDay * DAY)];
      steady = dayOffset === offsetAt(utcDay * DAY + DAY - 1);
    }
    const local = ms + (steady ? dayOffset : offsetAt(ms));
    const day = Math.floor(local / DAY);
    hour[i] = Math.floor(local / HOUR) - day * 24;
    weekday[i] = (((day + 4) % 7) + 7) % 7;
    const length = scan.length[i]!;
    const played = Math.floor(length / 8);
    msPlayed[i] = played < 0 ? null : played;
    minutes[i] = played < 0 ? null : played / 60_000;
    source[i] = length - played * 8;
    const ref = scan.ref[i]!;
    const id = scan.span > 0 ? Math.floor(ref / scan.span) : ref;
    item[i] = itemAt[id] ?? 0;
    facet[i] = facetAt[scan.span > 0 ? ref - id * scan.span : scan.facet![i]!] ?? 0;
  }
  return { hour, weekday, source, item, facet, msPlayed, minutes };
}
