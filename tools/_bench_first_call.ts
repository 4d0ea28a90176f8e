/**
 * The first `normalize` of a fresh process, as a notebook user meets it (run by the normalize
 * benchmark, once per process): the JSON text is read, parsed (the process's first `JSON.parse`,
 * timed too) and normalized once, with nothing compiled or allocated beforehand. Prints one JSON
 * line: wall and CPU ms, the phases of `normalize`, and the page faults (pages touched for the
 * first time) of the parse and of `normalize`.
 *
 * @module
 */
import process from "node:process";
import { normalize, type NormalizeOptions } from "../lib/mod.ts";
import { timings } from "../lib/frames/normalize.ts";

/** Minor page faults of this process so far. */
function pageFaults(): number {
  const fields = Deno.readTextFileSync("/proc/self/stat").split(") ")[1]!.split(" ");
  return Number(fields[7]);
}

/** Wall ms, CPU ms and page faults of `fn`. */
function measure<T>(fn: () => T): { value: T; ms: number; cpu: number; faults: number } {
  const [faults, cpu, started] = [pageFaults(), process.cpuUsage(), performance.now()];
  const value = fn();
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  return { value, ms, cpu: (user + system) / 1000, faults: pageFaults() - faults };
}

const [file, optionsJson] = Deno.args;
const text = await Deno.readTextFile(file!);
const options = JSON.parse(optionsJson ?? "{}") as NormalizeOptions;
const parse = measure(() => JSON.parse(text));
const run = measure(() => normalize(parse.value, options));
console.log(JSON.stringify({
  parse: { ms: parse.ms, cpu: parse.cpu, faults: parse.faults },
  normalize: { ms: run.ms, cpu: run.cpu, faults: run.faults, ...timings },
  rows: run.value.height,
}));
