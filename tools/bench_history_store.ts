/**
 * The history store benchmark (`deno task bench history`), one table:
 *
 * - importing the 400,000-play benchmark export (25 extended files, `bench_history.ts`) into a new
 *   store, against `readStreamingHistory` of the same files (target: at most twice its time);
 * - 1,000,000 stored plays into one frame with `historyFrame` (target: at most 1.5 s), against
 *   the plain way, SQLite row objects (`prepare().all()` of the same 28 columns from a flat table)
 *   into `pl.DataFrame` (target: at least twice as fast), measured in the same run.
 *
 * Each case prints its first call (the process's first, which pays for fresh memory: about 4 ms a
 * MB here) and the best of `RUNS`. Data goes to a temporary folder, removed at the end.
 *
 * @module
 */
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import pl from "nodejs-polars";
import { historyFrame, importHistory, openHistory, readStreamingHistory } from "../lib/mod.ts";
import { settle } from "./_settle.ts";
import { FILES, PLAYS_PER_FILE, writeHistory } from "./bench_history.ts";

const RUNS = 5;
const STORED = 1_000_000;

/** First and best of `n` runs of `fn`, in ms (`fn` may prepare untimed work and return a timer). */
async function firstAndBest(n: number, fn: () => Promise<number> | number) {
  let first = 0;
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    await settle();
    const ms = await fn();
    if (i === 0) first = ms;
    best = Math.min(best, ms);
  }
  return { first, best };
}

async function timed(fn: () => unknown): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** The store of the 400k export grown to {@linkcode STORED} plays: its rows again, later. */
function grow(path: string): void {
  const db = new DatabaseSync(path);
  const span = Number(
    db.prepare("SELECT max(played_at) - min(played_at) + 86400000 AS s FROM plays").get()!.s,
  );
  const cols = "account, item, facet, ms_played, basic_at, api_at";
  for (let k = 1, have = count(db); have < STORED; k++, have = count(db)) {
    db.exec(`INSERT INTO plays (played_at, extended_at, ${cols})
      SELECT played_at + ${k * span}, extended_at + ${k * span}, ${cols} FROM plays
      WHERE id <= ${Math.min(STORED - have, 400_000)} ORDER BY id`);
  }
  db.close();
}

const count = (db: DatabaseSync) => Number(db.prepare("SELECT count(*) AS n FROM plays").get()!.n);

/** The same plays as one flat table (text inline), for the plain way. */
function flatCopy(from: string, to: string): void {
  const db = new DatabaseSync(to);
  db.exec(`ATTACH '${from}' AS store; CREATE TABLE flat AS SELECT * FROM store.listening;`);
  db.close();
}

/** Run the benchmark; returns whether every target was met. */
export async function benchHistoryStore(): Promise<boolean> {
  const exportDir = await writeHistory();
  const dir = await Deno.makeTempDir({ prefix: "bench-store-" });
  try {
    const plays = FILES * PLAYS_PER_FILE;
    const read = await firstAndBest(RUNS, () => timed(() => readStreamingHistory(exportDir.dir)));
    let run = 0;
    const imported = await firstAndBest(RUNS, async () => {
      using store = await openHistory("bench", { path: join(dir, `import-${run++}.sqlite`) });
      return await timed(() => importHistory(store, exportDir.dir));
    });
    const path = join(dir, "import-0.sqlite");
    grow(path);
    flatCopy(path, join(dir, "flat.sqlite"));
    using store = await openHistory("bench", { path });
    let height = 0;
    const frame = await firstAndBest(RUNS, () =>
      timed(() => {
        height = historyFrame(store, { timeZone: "UTC" }).height;
      }));
    const flat = new DatabaseSync(join(dir, "flat.sqlite"), { readOnly: true });
    const rows = await firstAndBest(2, () =>
      timed(() => {
        const objects = flat.prepare("SELECT * FROM flat").all().map((r) => ({ ...r }));
        pl.DataFrame(objects);
      }));
    flat.close();
    return report({ plays, height, read, imported, frame, rows });
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(exportDir.dir, { recursive: true });
  }
}

interface Times {
  first: number;
  best: number;
}

function report(r: {
  plays: number;
  height: number;
  read: Times;
  imported: Times;
  frame: Times;
  rows: Times;
}): boolean {
  const ms = (n: number) => `${Math.round(n).toLocaleString("en-US")} ms`.padStart(10);
  const x = (n: number) => `${n.toFixed(2)}×`;
  const importRatio = r.imported.best / r.read.best;
  const speedup = r.rows.best / r.frame.best;
  const checks: [string, boolean][] = [
    [`import ≤ 2× readStreamingHistory: ${x(importRatio)}`, importRatio <= 2],
    [`1M plays into a frame ≤ 1,500 ms: ${Math.round(r.frame.best)} ms`, r.frame.best <= 1500],
    [`≥ 2× faster than row objects: ${x(speedup)}`, speedup >= 2],
  ];
  console.log(
    `\nhistory store: import ${r.plays.toLocaleString("en-US")} plays, read ${
      r.height.toLocaleString("en-US")
    } (first call / best of ${RUNS})`,
  );
  console.log(`  readStreamingHistory (400k)        ${ms(r.read.first)} / ${ms(r.read.best)}`);
  console.log(
    `  importHistory (400k, new store)    ${ms(r.imported.first)} / ${ms(r.imported.best)}`,
  );
  console.log(`  historyFrame (1M)                  ${ms(r.frame.first)} / ${ms(r.frame.best)}`);
  console.log(`  row objects → pl.DataFrame (1M)    ${ms(r.rows.first)} / ${ms(r.rows.best)}`);
  for (const [what, ok] of checks) console.log(`  ${ok ? "ok  " : "MISS"} ${what}`);
  return checks.every(([, ok]) => ok);
}
