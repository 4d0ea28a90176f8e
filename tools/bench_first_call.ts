/**
 * The first-call part of the normalize benchmark: what a notebook user meets, the first
 * `normalize` of a fresh process (`_bench_first_call.ts`, nothing compiled or allocated before),
 * and pandas' first `json_normalize` of a fresh Python process, each in `FIRST_CALLS` processes.
 *
 * @module
 */
import type { NormalizeOptions } from "../lib/mod.ts";

/** Fresh processes a case runs in; the median counts. */
export const FIRST_CALLS = 3;

/** One fresh process's first call: wall and CPU ms, page faults, and normalize's phases. */
export interface FirstCall {
  parse: { ms: number; cpu: number; faults: number };
  normalize: {
    ms: number;
    cpu: number;
    faults: number;
    walk: number;
    encode: number;
    read: number;
  };
  rows: number;
}

/** The first `normalize` of a fresh Deno process, with its first `JSON.parse`. */
export async function denoFirstCall(file: string, options: NormalizeOptions): Promise<FirstCall> {
  const { success, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL("./_bench_first_call.ts", import.meta.url).pathname,
      file,
      JSON.stringify(options),
    ],
  }).output();
  if (!success) throw new Error(`The first-call run failed: ${new TextDecoder().decode(stderr)}`);
  return JSON.parse(new TextDecoder().decode(stdout));
}

const PANDAS_FIRST = `
import json, resource, sys, time
import pandas as pd
data = json.load(open(sys.argv[1]))
faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
t = time.perf_counter()
df = pd.json_normalize(data, **json.loads(sys.argv[2]))
ms = (time.perf_counter() - t) * 1000
faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults
print(json.dumps({"ms": ms, "faults": faults}))`;

/** pandas' first `json_normalize` of a fresh Python process; undefined without pandas. */
export async function pandasFirstCall(
  file: string,
  options: NormalizeOptions,
): Promise<{ ms: number; faults: number } | undefined> {
  const kw = options.recordPath === undefined
    ? {}
    : { record_path: options.recordPath, meta: options.meta, record_prefix: options.recordPrefix };
  try {
    const { success, stdout } = await new Deno.Command("/usr/bin/python3", {
      args: ["-c", PANDAS_FIRST, file, JSON.stringify(kw)],
      stderr: "null",
    }).output();
    return success ? JSON.parse(new TextDecoder().decode(stdout)) : undefined;
  } catch {
    return undefined;
  }
}

/** The median of some numbers. */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** Median and range, in ms. */
export const spread = (values: number[]) =>
  `${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}–${
    Math.max(...values).toFixed(0)
  })`;

/** First calls of each case, in `FIRST_CALLS` fresh processes each, the cases alternating. */
export async function firstCalls(
  file: string,
  whole: NormalizeOptions,
  artists: NormalizeOptions,
): Promise<{
  whole: FirstCall[];
  artists: FirstCall[];
  pandas: { whole: number[]; artists: number[] } | undefined;
}> {
  const out = { whole: [] as FirstCall[], artists: [] as FirstCall[] };
  const pandas = { whole: [] as number[], artists: [] as number[] };
  let havePandas = true;
  for (let i = 0; i < FIRST_CALLS; i++) {
    out.whole.push(await denoFirstCall(file, whole));
    out.artists.push(await denoFirstCall(file, artists));
    for (const [name, options] of [["whole", whole], ["artists", artists]] as const) {
      const run = havePandas ? await pandasFirstCall(file, options) : undefined;
      if (run === undefined) havePandas = false;
      else pandas[name].push(run.ms);
    }
  }
  return { ...out, pandas: havePandas ? pandas : undefined };
}
