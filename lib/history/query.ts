/**
 * SQL of your own on the store, read-only, as a frame. The `listening` view has one flat row per
 * play (the frame's columns, `played_at` as ISO text and `played_at_ms`); `snapshots`, `imports`
 * and `syncs` are tables. `:account` stands for the store's account.
 *
 * @module
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import type pl from "nodejs-polars";
import { SpotifyError } from "../core/errors.ts";
import { type ArrowColumn, arrowFrame, leafColumn, plain } from "../frames/arrow.ts";
import { asArrays } from "./_rows.ts";
import { type HistoryStore, storeError } from "./store.ts";

/**
 * Run a query on a read-only connection to the store's file (SQLite refuses any write) and give its
 * rows as a frame: whole numbers as Int64, other numbers as Float64, text as strings.
 *
 * @param store The open store (its file, and `:account`).
 * @param sql One SQL statement.
 * @param params Values for `?` placeholders (`:account` is bound by name).
 * @returns The DataFrame.
 * @throws {SpotifyError} When SQLite refuses the query, or it writes or is more than one statement,
 * in one sentence.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PROJECT_ROOT } from "../core/config.ts";
 * import { importHistory } from "./import_export.ts";
 * import { queryHistory } from "./query.ts";
 * import { openHistory } from "./store.ts";
 * const dir = await Deno.makeTempDir();
 * using store = await openHistory("sample.listener", { path: `${dir}/h.sqlite` });
 * await importHistory(store, `${PROJECT_ROOT}data/sample/export`);
 * const top = queryHistory(store, `SELECT artist, count(*) AS plays FROM listening
 *   WHERE account = :account GROUP BY artist ORDER BY plays DESC LIMIT 3`);
 * assert.deepEqual(top.columns, ["artist", "plays"]);
 * assert.equal(top.height, 3);
 * store.close();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function queryHistory(
  store: HistoryStore,
  sql: string,
  params: readonly SQLInputValue[] = [],
): pl.DataFrame {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(store.path, { readOnly: true, timeout: store.busyTimeoutMs });
  } catch (error) {
    throw storeError(store.path, error, "read");
  }
  try {
    const statement = prepareOne(db, sql);
    const names = statement.columns().map((c) => c.name);
    const rows = (sql.includes(":account")
      ? asArrays(statement).all({ account: store.account }, ...params)
      : asArrays(statement).all(...params)) as unknown as unknown[][];
    return arrowFrame(
      names.map((name, i) =>
        column(name, rows.map((r) => r[i]))
      ),
      rows.length,
    );
  } catch (error) {
    const said = error instanceof Error ? error.message.split("\n")[0]!.slice(0, 160) : "";
    if (/readonly|read-only/.test(said) || (/database is locked/.test(said) && SETS.test(sql))) {
      throw new SpotifyError(
        `Cannot run the query: queryHistory only reads (SQLite said "${said}")`,
      );
    }
    throw error instanceof SpotifyError ? error : new SpotifyError(
      `Cannot run the query on the history store: SQLite said "${said}"`,
      { cause: error },
    );
  } finally {
    db.close();
  }
}

/** A `PRAGMA name = value` (or `name(value)` of a setting): a write, that SQLite calls a lock. */
const SETS = /^\s*PRAGMA\s+[\w.]+\s*=/i;

/** What may follow the one statement: spaces, semicolons, comments. */
const NOTHING = /\s+|;|--[^\n]*(\n|$)|\/\*[\s\S]*?(\*\/|$)/g;

/** Prepare `sql`, refusing a second statement after the first (SQLite would skip it silently). */
function prepareOne(db: DatabaseSync, sql: string): StatementSync {
  const statement = db.prepare(sql);
  const rest = sql.slice(statement.sourceSQL.length);
  if (rest.replace(NOTHING, "") !== "") {
    const next = rest.replace(new RegExp(`^(${NOTHING.source})*`), "");
    throw new SpotifyError(
      `Cannot run the query: give queryHistory one SQL statement, not several (found "${
        next.trim().slice(0, 40)
      }" after the first)`,
    );
  }
  return statement;
}

/** A column of the type its values have. */
function column(name: string, values: unknown[]): ArrowColumn {
  const kinds = new Set(values.filter((v) => v !== null).map((v) => typeof v));
  if (kinds.size === 1 && kinds.has("number")) {
    const whole = values.every((v) => v === null || Number.isSafeInteger(v));
    return leafColumn(name, { id: whole ? "int64" : "float64" }, plain(values), values.length);
  }
  const text = values.map((v) => v === null ? null : String(v));
  return leafColumn(name, { id: "utf8" }, plain(text), values.length);
}
