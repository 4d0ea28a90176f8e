/**
 * The normalize benchmark, one run, one table, against pandas 1.5 (`/usr/bin/python3`) on the same
 * files:
 *
 * - 100,000 full track objects shaped like `GET /tracks/{id}` in Extended mode (album with images
 *   and artists, several artists, markets, external ids): whole-record `normalize` against
 *   `pandas.json_normalize` (target: 2.3 times faster) and against `JSON.parse` of the same text
 *   (target: at most 1.3 times its time); `recordPath: "artists"` with `meta` (target: 5 times
 *   pandas). JSON parsing is excluded from both flatteners' timings. Peak memory growth of one
 *   `normalize`, measured in a process of its own (`_bench_memory.ts`: kernel peak RSS), at most
 *   twice the JSON text.
 * - `readStreamingHistory` of 400,000 extended plays in 25 files, files read included, against
 *   pandas `read_json` + `concat` (target: 2.2 times faster) and nodejs-polars' `readJSON` with
 *   full schema inference + `concat` (target: no slower).
 *
 * Data is generated into a temporary folder, removed at the end. Times are the best of `RUNS` (the
 * machine may be shared), each after the last run's garbage is collected (`settle`).
 *
 * @module
 */
import { normalize, type NormalizeOptions } from "../lib/mod.ts";
import { timings } from "../lib/frames/normalize.ts";
import { syntheticTracks } from "../emulator/testing.ts";
import { settle } from "./_settle.ts";
import {
  FILES,
  pandasHistoryMs,
  PLAYS_PER_FILE,
  timeHistory,
  writeHistory,
} from "./bench_history.ts";

const ROWS = 100_000;
/** Timed runs of each case, ours and pandas' alike: the best counts (this VM's speed varies). */
const RUNS = 7;
/** Best of `n` runs of `fn`, in ms, with the phases of `normalize` in that run, and the first run. */
async function best(
  n: number,
  fn: () => unknown,
): Promise<{ ms: number; walk: number; encode: number; read: number; first: number }> {
  let out = { ms: Infinity, walk: 0, encode: 0, read: 0 };
  let first = 0;
  for (let i = 0; i < n; i++) {
    await settle();
    const started = performance.now();
    fn();
    const ms = performance.now() - started;
    if (i === 0) first = ms;
    if (ms < out.ms) out = { ms, ...timings };
  }
  return { ...out, first };
}

async function pandasMs(file: string, cases: NormalizeOptions[]): Promise<number[] | undefined> {
  const script = `
import gc, json, sys, time
import pandas as pd
data = json.load(open(sys.argv[1]))
out = []
for kw in json.loads(sys.argv[2]):
    best = float("inf")
    for _ in range(int(sys.argv[3])):
        df = None
        gc.collect()
        t = time.perf_counter()
        df = pd.json_normalize(data, **kw)
        best = min(best, time.perf_counter() - t)
    out.append(best * 1000)
print(json.dumps(out))`;
  const kws = cases.map((o) =>
    o.recordPath === undefined
      ? {}
      : { record_path: o.recordPath, meta: o.meta, record_prefix: o.recordPrefix }
  );
  try {
    const { success, stdout } = await new Deno.Command("/usr/bin/python3", {
      args: ["-c", script, file, JSON.stringify(kws), String(RUNS)],
      stderr: "null",
    }).output();
    return success ? JSON.parse(new TextDecoder().decode(stdout)) : undefined;
  } catch {
    return undefined;
  }
}

/** Peak memory growth of one normalize, in bytes, from a process of its own. */
async function memoryGrowth(file: string, options: NormalizeOptions): Promise<number> {
  const { success, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--v8-flags=--expose-gc",
      new URL("./_bench_memory.ts", import.meta.url).pathname,
      file,
      JSON.stringify(options),
    ],
  }).output();
  if (!success) throw new Error(`The memory probe failed: ${new TextDecoder().decode(stderr)}`);
  return (JSON.parse(new TextDecoder().decode(stdout)) as { growth: number }).growth;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;
const x = (n: number) => `${n.toFixed(2)}x`;

/**
 * Run the normalize benchmark and print its table.
 *
 * @returns Whether every target was met.
 */
export async function benchNormalize(): Promise<boolean> {
  const dir = await Deno.makeTempDir({ prefix: "bench-normalize-" });
  const history = await writeHistory();
  try {
    const text = JSON.stringify(syntheticTracks(ROWS));
    const file = `${dir}/tracks.json`;
    await Deno.writeTextFile(file, text);
    const data = JSON.parse(text);
    const whole: NormalizeOptions = {};
    const artists: NormalizeOptions = {
      recordPath: "artists",
      meta: ["id", "name"],
      recordPrefix: "artist.",
    };
    normalize(data.slice(0, 1000)); // compile the walk before timing
    const parse = (await best(RUNS, () => JSON.parse(text))).ms;
    const wholeRun = await best(RUNS, () => normalize(data, whole));
    const artistsRun = await best(RUNS, () => normalize(data, artists));
    const shape = normalize(data, whole).shape;
    const artistRows = normalize(data, artists).height;
    const growth = await memoryGrowth(file, whole);
    const lib = await timeHistory(history.dir, RUNS);
    const pandas = await pandasMs(file, [whole, artists]);
    const pandasHistory = await pandasHistoryMs(history.dir, RUNS);

    const rows: [string, string, string, string, boolean][] = [];
    const check = (what: string, measured: string, ratio: string, target: string, met: boolean) =>
      rows.push([what, measured, ratio, target, met]);
    const missing = "no pandas in /usr/bin/python3";
    console.log(
      `\nnormalize: ${ROWS.toLocaleString("en")} full tracks, ${
        mb(text.length)
      } of JSON, ${shape.width} columns; best of ${RUNS}`,
    );
    console.log(`  JSON.parse of the text          ${ms(parse)}`);
    console.log(
      `  normalize, whole records        ${ms(wholeRun.ms)} = walk ${ms(wholeRun.walk)} + encode ${
        ms(wholeRun.encode)
      } + polars read ${ms(wholeRun.read)}; ${shape.height.toLocaleString("en")} rows`,
    );
    console.log(
      `  normalize, whole, first run     ${
        ms(wholeRun.first)
      } (into memory the process has not used before: page faults)`,
    );
    console.log(
      `  normalize, recordPath artists   ${ms(artistsRun.ms)} = walk ${
        ms(artistsRun.walk)
      } + encode ${ms(artistsRun.encode)} + polars read ${ms(artistsRun.read)}; ${
        artistRows.toLocaleString("en")
      } rows`,
    );
    if (pandas) {
      console.log(
        `  pandas.json_normalize           whole ${ms(pandas[0]!)}, recordPath artists ${
          ms(pandas[1]!)
        }`,
      );
    }
    console.log(
      `\nreadStreamingHistory: ${
        (FILES * PLAYS_PER_FILE).toLocaleString("en")
      } extended plays in ${FILES} files, ${
        mb(history.bytes)
      }; files read included; best of ${RUNS}`,
    );
    console.log(
      `  readStreamingHistory            ${ms(lib.lib)} = files read + JSON.parse ${
        ms(lib.phases.readParse)
      } + columns ${ms(lib.phases.columns)} + encode ${ms(lib.phases.encode)} + polars read ${
        ms(lib.phases.read)
      }; ${lib.rows.toLocaleString("en")} rows`,
    );
    console.log(
      `  polars readJSON(Buffer, {inferSchemaLength: null}) + concat  ${ms(lib.polars)}; ${
        lib.polarsRows.toLocaleString("en")
      } rows`,
    );
    if (pandasHistory !== undefined) {
      console.log(`  pandas read_json + concat       ${ms(pandasHistory)}`);
    }

    const parseRatio = wholeRun.ms / parse;
    check(
      "whole normalize ÷ JSON.parse",
      ms(wholeRun.ms),
      x(parseRatio),
      "≤ 1.30x",
      parseRatio <= 1.3,
    );
    check(
      "whole: pandas ÷ normalize",
      pandas ? ms(pandas[0]!) : missing,
      pandas ? x(pandas[0]! / wholeRun.ms) : "-",
      "≥ 2.30x",
      pandas !== undefined && pandas[0]! / wholeRun.ms >= 2.3,
    );
    check(
      "recordPath artists: pandas ÷ normalize",
      pandas ? ms(pandas[1]!) : missing,
      pandas ? x(pandas[1]! / artistsRun.ms) : "-",
      "≥ 5.00x",
      pandas !== undefined && pandas[1]! / artistsRun.ms >= 5,
    );
    check(
      "peak memory growth ÷ JSON text",
      mb(growth),
      x(growth / text.length),
      "≤ 2.00x",
      growth / text.length <= 2,
    );
    check(
      "history: pandas ÷ readStreamingHistory",
      pandasHistory !== undefined ? ms(pandasHistory) : missing,
      pandasHistory !== undefined ? x(pandasHistory / lib.lib) : "-",
      "≥ 2.20x",
      pandasHistory !== undefined && pandasHistory / lib.lib >= 2.2,
    );
    check(
      "history: polars readJSON ÷ readStreamingHistory",
      ms(lib.polars),
      x(lib.polars / lib.lib),
      "≥ 1.00x",
      lib.polars / lib.lib >= 1,
    );
    console.log(
      "\n  target                                          measured      ratio   target    met",
    );
    for (const [what, measured, ratio, target, met] of rows) {
      console.log(
        `  ${what.padEnd(48)}${measured.padStart(9)}${ratio.padStart(11)}   ${target.padEnd(9)} ${
          met ? "yes" : "NO"
        }`,
      );
    }
    return rows.every((r) => r[4]);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(history.dir, { recursive: true });
  }
}
