/**
 * The notebook-mode benchmark: each read-back call nodejs-polars already answers, timed in CPU
 * time on stock polars and in notebook mode (`notebookMode()`), in one process, interleaved: the
 * methods notebook mode replaces are swapped back and forth, so both sides meet the same machine
 * (it is shared, and its speed varies from minute to minute). Each round times both sides in turn
 * (the order alternating); the table prints each side's best round and the median of the rounds'
 * notebook ÷ stock (target: no slower, within the noise of a tie). Calls that stock polars
 * refuses are timed in notebook mode alone.
 *
 * @module
 */
import process from "node:process";
import pl from "nodejs-polars";
import dataframeModule from "nodejs-polars/bin/dataframe.js";
import { notebookMode } from "../lib/mod.ts";

/** Rounds of each side, interleaved; the best counts. */
const ROUNDS = 11;
/** A ratio up to this passes: the machine is shared, and a tie measures up to ~5% either way. */
const TOLERANCE = 1.1;

/** A case: what it measures, and the call; `calls` calls are timed together. */
interface Case {
  name: string;
  run: () => unknown;
  calls: number;
  /** Stock polars refuses this call (timed in notebook mode only). */
  refused?: boolean;
}

function cases(): Case[] {
  const height = 100_000;
  const range = (n: number, f: (i: number) => unknown) => Array.from({ length: n }, (_, i) => f(i));
  const text = pl.Series("name", range(height, (i) => `Track name ${i}`), pl.Utf8);
  const ids = pl.Series("id", range(height, (i) => i * 7), pl.Int64);
  const flat = pl.DataFrame([
    text,
    ids,
    pl.Series("plays", range(height, (i) => i % 1000), pl.Int32),
    pl.Series("share", range(height, (i) => i / height), pl.Float64),
    pl.Series("explicit", range(height, (i) => i % 3 === 0), pl.Bool),
    pl.Series("added_at", range(height, (i) => new Date(1.7e12 + i * 6e4)), pl.Datetime("ms")),
    pl.Series("tags", range(height, (i) => [`t${i % 5}`]), pl.List(pl.Utf8)),
  ]);
  const million = pl.DataFrame([pl.Series("id", range(1_000_000, (i) => i), pl.Int64)])
    .withColumns(pl.col("id").cast(pl.Utf8).alias("name"), pl.col("id").alias("plays"));
  const artist = pl.struct([pl.element().alias("id"), pl.struct([pl.element().alias("url")])]);
  const nested = flat.head(20_000).select(
    pl.col("name"),
    // One artist a row, with a struct inside: stock polars refuses to hand it over.
    pl.col("name").str.split(",").lst.eval(artist).alias("artists"),
  );
  return [
    { name: "toArray, 100k text", run: () => text.toArray(), calls: 1 },
    { name: "toArray, 100k Int64", run: () => ids.toArray(), calls: 1 },
    { name: "toRecords, 100k rows × 7", run: () => flat.toRecords(), calls: 1 },
    { name: "toRecords, 20 rows × 7", run: () => flat.head(20).toRecords(), calls: 1_000 },
    { name: "rows(), 100k rows × 7", run: () => flat.rows(), calls: 1 },
    { name: "row(i), 1M rows × 3", run: () => million.row(500_000), calls: 50_000 },
    { name: "getIndex(i), 100k text", run: () => text.getIndex(50_000), calls: 200_000 },
    { name: "writeCSV(), 100k rows × 6", run: () => flat.drop("tags").writeCSV(), calls: 1 },
    { name: "head(10): a new frame", run: () => flat.head(10), calls: 5_000 },
    { name: "toRecords, 20k nested", run: () => nested.toRecords(), calls: 1, refused: true },
    { name: "row(i), 20k nested", run: () => nested.row(10_000), calls: 50, refused: true },
  ];
}

// deno-lint-ignore no-explicit-any
type Methods = Record<string, any>;

/** What notebook mode replaces: the native classes' prototypes and the frame factory's module. */
function owners(): Methods[] {
  const frame = pl.DataFrame({ a: [1] }) as unknown as { _df: object };
  const series = pl.Series("a", [1]) as unknown as { _s: object };
  return [
    Object.getPrototypeOf(frame._df),
    Object.getPrototypeOf(series._s),
    dataframeModule as unknown as Methods,
  ];
}

/** The functions each owner has now (its methods, not its accessors). */
function methodsOf(all: Methods[]): Methods[] {
  return all.map((owner) =>
    Object.fromEntries(
      Object.entries(Object.getOwnPropertyDescriptors(owner))
        .filter(([, d]) => typeof d.value === "function" && d.writable)
        .map(([k, d]) => [k, d.value]),
    )
  );
}

/**
 * Per-call CPU ms of one batch of `calls` calls: this process's CPU time, not the clock's, since on
 * this shared machine the clock also counts the time other processes hold the CPU.
 */
function time({ run, calls }: Case): number {
  (globalThis as { gc?: () => void }).gc?.();
  const started = process.cpuUsage();
  for (let c = 0; c < calls; c++) run();
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1000 / calls;
}

/** Per-call ms of one case on each side, round by round (`null`: that side throws). */
interface Timings {
  stock: number[] | null;
  notebook: number[] | null;
}

/** Times each case on both sides in turn, round after round, the order alternating. */
function measure(): Timings[] {
  const all = owners();
  const stock = methodsOf(all);
  notebookMode();
  const patched = methodsOf(all);
  const use = (side: Methods[]) => side.forEach((methods, i) => Object.assign(all[i]!, methods));
  const sides = [["stock", stock], ["notebook", patched]] as const;
  return cases().map((c) => {
    const timings: Timings = { stock: [], notebook: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [side, methods] of round % 2 === 0 ? sides : [...sides].reverse()) {
        if (timings[side] === null) continue;
        use(methods);
        try {
          if (round === 0) c.run(); // warm up, and find out whether polars answers at all
          timings[side]!.push(time(c));
        } catch {
          timings[side] = null;
        }
      }
    }
    use(patched);
    return timings;
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

const ms = (n: number) => (n >= 1 ? `${n.toFixed(1)} ms` : `${(n * 1000).toFixed(1)} µs`);

/**
 * Run the notebook-mode benchmark and print its table.
 *
 * @returns Whether no call polars answers itself is slower in notebook mode.
 */
export function benchNotebookMode(): Promise<boolean> {
  const timings = measure();
  console.log(
    `\nnotebook mode against stock nodejs-polars: CPU time per call, best of ${ROUNDS} rounds a side; ` +
      `ratio: the median of the rounds' notebook ÷ stock (each round times both, in turn)`,
  );
  console.log(`  call                          stock      notebook   ratio    target   met`);
  let met = true;
  cases().forEach(({ name, refused }, i) => {
    const { stock, notebook } = timings[i]!;
    const ratio = stock && notebook ? median(notebook.map((n, r) => n / stock[r]!)) : undefined;
    const ok = refused ? notebook !== null : ratio !== undefined && ratio <= TOLERANCE;
    met &&= ok;
    const best = (side: number[] | null, none: string) => side ? ms(Math.min(...side)) : none;
    console.log(
      `  ${name.padEnd(28)}${best(stock, "refuses").padStart(9)}${
        best(notebook, "fails").padStart(12)
      }${(ratio ? `${ratio.toFixed(2)}x` : "-").padStart(8)}   ${
        (refused ? "reads" : `≤ ${TOLERANCE.toFixed(2)}x`).padEnd(8)
      } ${ok ? "yes" : "NO"}`,
    );
  });
  return Promise.resolve(met);
}
