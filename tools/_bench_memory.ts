/**
 * Peak memory of one `normalize` call, measured in a process of its own (run by the normalize
 * benchmark with `--v8-flags=--expose-gc`): the JSON is read and parsed, the heap collected, the
 * kernel's peak-RSS mark reset (`/proc/self/clear_refs`), then `normalize` runs and the growth is
 * the new peak (`VmHWM`) minus the resident size before it (`VmRSS`). Prints one JSON line.
 *
 * @module
 */
import { normalize, type NormalizeOptions } from "../lib/mod.ts";

function status(field: "VmRSS" | "VmHWM"): number {
  const line = Deno.readTextFileSync("/proc/self/status").split("\n")
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.split(/\s+/)[1] ?? NaN) * 1024;
}

const [file, optionsJson] = Deno.args;
const text = await Deno.readTextFile(file!);
const options = JSON.parse(optionsJson ?? "{}") as NormalizeOptions;
const data = JSON.parse(text);
normalize(data.slice(0, 100), options); // load polars and compile the walk outside the measure
(globalThis as unknown as { gc: () => void }).gc();
const before = status("VmRSS");
Deno.writeTextFileSync("/proc/self/clear_refs", "5");
const df = normalize(data, options);
const peak = status("VmHWM");
console.log(JSON.stringify({ rows: df.height, before, peak, growth: peak - before }));
