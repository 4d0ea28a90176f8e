/**
 * The session benchmark: does keeping freed memory (glibc's `GLIBC_TUNABLES`) help a notebook?
 * One realistic kernel session (400,000 plays of a streaming-history export, 50,000 full tracks
 * and their artists, groupings, joins, filters, tables and records) runs in a fresh process,
 * `PASSES` times in a row as a user re-runs the cells, the last pass's frames collected first.
 * Processes with glibc's defaults and with {@linkcode KEEP_FREED} alternate (A B B A), `ROUNDS`
 * each. The table prints the first pass (what a user meets after opening the notebook) and the
 * best later pass, in wall time and in CPU time (the machine is shared: the clock also counts
 * other processes), the page faults (pages touched for the first time) and the peak resident
 * memory. A measurement, with no target. Run as a script (`child <history folder> <tracks
 * file>`), this file is one such process: it prints one JSON line.
 *
 * @module
 */
import process from "node:process";
import pl from "nodejs-polars";
import { normalize, notebookMode, readStreamingHistory, table } from "../lib/mod.ts";
import { syntheticTracks } from "../emulator/testing.ts";
import { writeHistory } from "./bench_history.ts";
import { settle } from "./_settle.ts";

/** Blocks up to 32 MiB (glibc's most) from the heap, and up to 256 MiB of freed memory kept. */
export const KEEP_FREED =
  "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456";
const TRACKS = 50_000;
const PASSES = 4;
const ROUNDS = 4;

type Step = [name: string, run: () => unknown | Promise<unknown>];

/** The session's cells, in order; each keeps what the next ones use. */
function cells(history: string, tracksFile: string): Step[] {
  let plays: pl.DataFrame, tracks: pl.DataFrame, artists: pl.DataFrame, joined: pl.DataFrame;
  let data: Record<string, unknown>[];
  return [
    ["readStreamingHistory, 400k plays", async () => {
      plays = await readStreamingHistory(history, { timeZone: "UTC" });
    }],
    ["normalize, 50k tracks", async () => {
      data = JSON.parse(await Deno.readTextFile(tracksFile));
      tracks = normalize(data);
    }],
    ["normalize, their artists", () => {
      artists = normalize(data, { recordPath: "artists", meta: ["id"], recordPrefix: "artist." });
    }],
    ["groupBy + join back + filter", () => {
      const perArtist = plays.groupBy("artist").agg(pl.len().alias("artist_plays"));
      joined = plays.join(perArtist, { on: "artist" })
        .filter(pl.col("artist_plays").gt(50).and(pl.col("skipped").not()));
    }],
    ["join artists to tracks", () => {
      const picked = tracks.select("id", "name", "duration_ms", "album.release_date");
      return artists.join(picked, { on: "id" }).sort("duration_ms").head(1000).toRecords();
    }],
    [
      "by hour and weekday",
      () =>
        joined.groupBy(["hour", "weekday"]).agg(pl.col("minutes").sum()).sort(["hour", "weekday"]),
    ],
    ["tables", () => [table(joined).toHTML(), table(tracks).toHTML(), table(artists).toString()]],
  ];
}

/** Minor page faults of this process so far: pages it touched for the first time. */
function pageFaults(): number {
  const fields = Deno.readTextFileSync("/proc/self/stat").split(") ")[1]!.split(" ");
  return Number(fields[7]);
}

/** Wall and CPU ms of each step of each pass, page faults, and the peak resident memory. */
async function child(history: string, tracksFile: string): Promise<void> {
  notebookMode();
  const passes: Record<string, [wall: number, cpu: number]>[] = [];
  const faults: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    if (pass > 0) await settle();
    const faultsBefore = pageFaults();
    const times: Record<string, [number, number]> = {};
    for (const [name, run] of cells(history, tracksFile)) {
      const [wall, cpu] = [performance.now(), process.cpuUsage()];
      await run();
      const { user, system } = process.cpuUsage(cpu);
      times[name] = [performance.now() - wall, (user + system) / 1000];
    }
    passes.push(times);
    faults.push(pageFaults() - faultsBefore);
  }
  const status = Deno.readTextFileSync("/proc/self/status");
  const peak = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) * 1024;
  console.log(JSON.stringify({ passes, faults, peak }));
}

interface Run {
  passes: Record<string, [number, number]>[];
  faults: number[];
  peak: number;
}

async function spawn(tunables: string | undefined, args: string[]): Promise<Run> {
  const env: Record<string, string> = { ...Deno.env.toObject() };
  if (tunables === undefined) delete env.GLIBC_TUNABLES;
  else env.GLIBC_TUNABLES = tunables;
  const { success, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--v8-flags=--expose-gc", new URL(import.meta.url).pathname, ...args],
    env,
    clearEnv: true,
  }).output();
  if (!success) throw new Error(`A session failed: ${new TextDecoder().decode(stderr)}`);
  return JSON.parse(new TextDecoder().decode(stdout));
}

const total = (times: Record<string, [number, number]>, at: 0 | 1) =>
  Object.values(times).reduce((sum, t) => sum + t[at], 0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const range = (values: number[]) =>
  `${median(values).toFixed(0)} (${Math.min(...values).toFixed(0)}–${
    Math.max(...values).toFixed(0)
  })`;

function report(runs: Record<"glibc defaults" | "keep freed", Run[]>): void {
  console.log(
    `\nsession: ${PASSES} passes of a notebook's cells per fresh process, ${ROUNDS} processes ` +
      `a side, alternating A B B A; median (range) of the processes`,
  );
  console.log(`  "keep freed": GLIBC_TUNABLES=${KEEP_FREED}`);
  const first = (at: 0 | 1) => (r: Run) => total(r.passes[0]!, at);
  const later = (at: 0 | 1) => (r: Run) => Math.min(...r.passes.slice(1).map((p) => total(p, at)));
  const rows: [string, (r: Run) => number][] = [
    ["first pass, wall ms", first(0)],
    ["first pass, CPU ms", first(1)],
    ["best later pass, wall ms", later(0)],
    ["best later pass, CPU ms", later(1)],
    ["page faults, first pass", (r) => r.faults[0]!],
    ["page faults, a later pass", (r) => median(r.faults.slice(1))],
    ["peak resident MB", (r) => r.peak / 1e6],
  ];
  console.log(
    `  ${"".padEnd(28)}${"glibc defaults".padStart(22)}${"keep freed".padStart(22)}  ratio`,
  );
  for (const [what, of] of rows) {
    const [a, b] = [runs["glibc defaults"].map(of), runs["keep freed"].map(of)];
    console.log(
      `  ${what.padEnd(28)}${range(a).padStart(22)}${range(b).padStart(22)}  ${
        (median(b) / median(a)).toFixed(2)
      }x`,
    );
  }
  console.log("  first pass by step, wall ms (median): defaults → keep freed");
  for (const step of Object.keys(runs["glibc defaults"][0]!.passes[0]!)) {
    const of = (list: Run[]) => median(list.map((r) => r.passes[0]![step]![0]));
    console.log(
      `    ${step.padEnd(34)}${of(runs["glibc defaults"]).toFixed(0).padStart(6)} → ${
        of(runs["keep freed"]).toFixed(0)
      }`,
    );
  }
}

/**
 * Run the session benchmark and print its table.
 *
 * @returns `true`: it measures, with no target.
 */
export async function benchSession(): Promise<boolean> {
  const history = await writeHistory();
  const tracksFile = await Deno.makeTempFile({ prefix: "bench-session-", suffix: ".json" });
  try {
    await Deno.writeTextFile(tracksFile, JSON.stringify(syntheticTracks(TRACKS)));
    const runs = { "glibc defaults": [] as Run[], "keep freed": [] as Run[] };
    const sides = [["glibc defaults", undefined], ["keep freed", KEEP_FREED]] as const;
    for (let round = 0; round < ROUNDS; round++) {
      // A B B A: neither side always runs right after the other.
      for (const [side, tunables] of round % 2 === 0 ? sides : [...sides].reverse()) {
        runs[side].push(await spawn(tunables, ["child", history.dir, tracksFile]));
      }
    }
    report(runs);
    return true;
  } finally {
    await Deno.remove(history.dir, { recursive: true });
    await Deno.remove(tracksFile);
  }
}

if (import.meta.main && Deno.args[0] === "child") await child(Deno.args[1]!, Deno.args[2]!);
