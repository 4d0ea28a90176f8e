/**
 * The rows the store writes: a play as a source recorded it ({@linkcode PlayRecord}), the ids of
 * its item and facet ({@linkcode Ids}), and new plays inserted many rows a statement
 * ({@linkcode Rows}). Private to `lib/history/`.
 *
 * @module
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";

/** Where a play was seen: the basic export, the extended export, or the API's recently played. */
export type Source = "basic" | "extended" | "api";

/** The sources, in the order the `source` column names them. */
export const SOURCES: readonly Source[] = ["basic", "extended", "api"];

/** The column of `plays` holding the instant each source recorded. */
export const AT_COLUMN = { basic: "basic_at", extended: "extended_at", api: "api_at" } as const;

/** What was played: the columns of `items`. */
export const ITEM_FIELDS = [
  "kind",
  "track",
  "artist",
  "album",
  "track_uri",
  "episode",
  "show",
  "episode_uri",
  "audiobook",
  "audiobook_uri",
  "chapter",
  "chapter_uri",
] as const;
/** How a play was played: the columns of `facets` (flags stored as 0 or 1). */
export const FACET_FIELDS = [
  "platform",
  "country",
  "reason_start",
  "reason_end",
  "shuffle",
  "skipped",
  "offline",
  "incognito",
  "file",
  "context",
] as const;
/** The yes/no facts of a play. */
export const FLAG_FIELDS = ["shuffle", "skipped", "offline", "incognito"] as const;

type ItemField = typeof ITEM_FIELDS[number];
type FlagField = typeof FLAG_FIELDS[number];
type TextFacet = Exclude<typeof FACET_FIELDS[number], FlagField>;

/** A play as one source recorded it (`at`: when it ended, in ms, at that source's precision). */
export type PlayRecord =
  & { at: number; ms_played: number | null }
  & Record<ItemField | TextFacet, string | null>
  & Record<FlagField, boolean | null>;

/** A facet's values as stored (flags as 0 or 1). */
export type FacetValues = Record<typeof FACET_FIELDS[number], SQLInputValue>;

const N = "\u001e";
const yesNo = (v: SQLInputValue) => v === null ? "n" : String(v);

/** The text that identifies an item: every field (written out: this runs for every play). */
export function itemKey(r: Record<ItemField, SQLInputValue>): string {
  return `${r.kind ?? N}\u001f${r.track ?? N}\u001f${r.artist ?? N}\u001f${r.album ?? N}\u001f${
    r.track_uri ?? N
  }\u001f${r.episode ?? N}\u001f${r.show ?? N}\u001f${r.episode_uri ?? N}\u001f${
    r.audiobook ?? N
  }\u001f${r.audiobook_uri ?? N}\u001f${r.chapter ?? N}\u001f${r.chapter_uri ?? N}`;
}

/** The text that identifies a facet: every field. */
export function facetKey(f: FacetValues): string {
  return `${f.platform ?? N}\u001f${f.country ?? N}\u001f${f.reason_start ?? N}\u001f${
    f.reason_end ?? N
  }\u001f${yesNo(f.shuffle)}${yesNo(f.skipped)}${yesNo(f.offline)}${yesNo(f.incognito)}\u001f${
    f.file ?? N
  }\u001f${f.context ?? N}`;
}

/** A record's facet values. */
export function facetOf(r: PlayRecord): FacetValues {
  return {
    platform: r.platform,
    country: r.country,
    reason_start: r.reason_start,
    reason_end: r.reason_end,
    shuffle: flag(r.shuffle),
    skipped: flag(r.skipped),
    offline: flag(r.offline),
    incognito: flag(r.incognito),
    file: r.file,
    context: r.context,
  };
}

/**
 * Ids of an account's items and facets, added when new (within the caller's write transaction,
 * which holds the write lock: the ids are taken after the largest stored, and the new rows are
 * inserted many a statement by {@linkcode flush}). The ids known are kept in `known` between
 * transactions (the store clears it when a write is rolled back: ids it added are gone). Another
 * process may add the same values meanwhile: a repeated row is harmless, since plays are matched
 * and read by value.
 */
export class Ids {
  readonly #db: DatabaseSync;
  readonly #account: string;
  readonly #known: Map<string, Map<string, number>>;
  readonly #next = new Map<string, number>();
  readonly #rows = new Map<string, Rows>();

  constructor(db: DatabaseSync, account: string, known: Map<string, Map<string, number>>) {
    this.#db = db;
    this.#account = account;
    this.#known = known;
  }

  /** The id of a play's item. */
  item(record: Record<ItemField, SQLInputValue>): number {
    const known = this.#table("items", ITEM_FIELDS, itemKey);
    const key = itemKey(record);
    return known.get(key) ?? this.#add("items", ITEM_FIELDS, known, key, record);
  }

  /** The id of a play's facet. */
  facet(values: FacetValues): number {
    const known = this.#table("facets", FACET_FIELDS, facetKey);
    const key = facetKey(values);
    return known.get(key) ?? this.#add("facets", FACET_FIELDS, known, key, values);
  }

  /** Insert the rows added; call before the transaction ends. */
  flush(): void {
    for (const rows of this.#rows.values()) rows.flush();
  }

  /** The account's rows of a table by key, read once. */
  #table<T>(
    table: string,
    fields: readonly string[],
    keyOf: (row: T) => string,
  ): Map<string, number> {
    let known = this.#known.get(table);
    if (known === undefined) {
      known = new Map();
      const sql = `SELECT id, ${fields.join(", ")} FROM ${table} WHERE account = ?`;
      for (const row of this.#db.prepare(sql).all(this.#account)) {
        known.set(keyOf(row as T), Number(row.id));
      }
      this.#known.set(table, known);
    }
    return known;
  }

  #add(
    table: string,
    fields: readonly string[],
    known: Map<string, number>,
    key: string,
    values: Record<string, SQLInputValue>,
  ): number {
    let next = this.#next.get(table);
    if (next === undefined) {
      const max = this.#db.prepare(`SELECT max(id) AS id FROM ${table}`).get()?.id;
      next = Number(max ?? 0) + 1;
    }
    this.#next.set(table, next + 1);
    let rows = this.#rows.get(table);
    if (rows === undefined) {
      this.#rows.set(table, rows = new Rows(this.#db, table, ["id", "account", ...fields]));
    }
    rows.add([next, this.#account, ...fields.map((f) => values[f]!)]);
    known.set(key, next);
    return next;
  }
}

/** The columns a new play is inserted with, in order. */
export const PLAY_COLUMNS = [
  "account",
  "played_at",
  "item",
  "facet",
  "ms_played",
  "basic_at",
  "extended_at",
  "api_at",
] as const;

/** Rows a statement. */
const BATCH = 64;

/** New rows of a table, inserted {@linkcode BATCH} a statement (fewer calls into SQLite). */
export class Rows {
  readonly #db: DatabaseSync;
  readonly #table: string;
  readonly #columns: readonly string[];
  readonly #fixed: [string, string][];
  #values: SQLInputValue[] = [];
  #batch: StatementSync | undefined;
  /** Rows added so far. */
  count = 0;

  /**
   * @param db The connection.
   * @param table The table.
   * @param columns The columns each row gives a value for.
   * @param fixed Text columns with the same value in every row: written into the statement, so
   * that fewer values are bound per row.
   */
  constructor(
    db: DatabaseSync,
    table: string,
    columns: readonly string[],
    fixed: Record<string, string> = {},
  ) {
    this.#db = db;
    this.#table = table;
    this.#columns = columns;
    this.#fixed = Object.entries(fixed);
  }

  /** Add one row, its values in the columns' order. */
  add(row: SQLInputValue[]): void {
    for (const value of row) this.#values.push(value);
    this.count++;
    if (this.#values.length === BATCH * this.#columns.length) {
      this.#batch ??= this.#statement(BATCH);
      this.#batch.run(...this.#values);
      this.#values = [];
    }
  }

  /** Insert what is left. */
  flush(): void {
    const rows = this.#values.length / this.#columns.length;
    if (rows > 0) this.#statement(rows).run(...this.#values);
    this.#values = [];
  }

  #statement(rows: number): StatementSync {
    const quoted = this.#fixed.map(([, value]) => `'${value.replaceAll("'", "''")}'`);
    const one = `(${[...quoted, ...this.#columns.map(() => "?")].join(", ")})`;
    const columns = [...this.#fixed.map(([name]) => name), ...this.#columns];
    return this.#db.prepare(
      `INSERT INTO ${this.#table} (${columns.join(", ")}) VALUES ${
        new Array(rows).fill(one).join(", ")
      }`,
    );
  }
}

/**
 * The statement, answering rows as arrays instead of objects (`setReturnArrays`, in Deno's
 * `node:sqlite` but not yet in its types).
 */
export function asArrays(statement: StatementSync): StatementSync {
  (statement as StatementSync & { setReturnArrays(on: boolean): void }).setReturnArrays(true);
  return statement;
}

/** A yes/no fact as SQLite stores it. */
export const flag = (value: boolean | null): number | null => value === null ? null : value ? 1 : 0;
