/**
 * Test helper: the differential harness of `normalize` against `pandas.json_normalize` itself. The
 * same JSON and options go to Debian's pandas (`/usr/bin/python3`) and to `normalize`, and the
 * column names, their order, the row counts, the types and every value are compared; where pandas
 * raises `KeyError`, `normalize` must throw a TypeError naming the same missing key.
 *
 * Types are compared through the differences documented in `normalize.ts`: where pandas has an
 * `object` column (or float64 for integers with a gap), the expected polars type is the one the
 * values' kinds give (text String, whole numbers Int64, lists List, dicts Struct).
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { cells } from "./_test_cells.ts";
import { normalize, type NormalizeOptions } from "./normalize.ts";

const PYTHON = "/usr/bin/python3";

async function pandasMissing(): Promise<string | undefined> {
  try {
    const { success } = await new Deno.Command(PYTHON, {
      args: ["-c", "import pandas"],
      stdout: "null",
      stderr: "null",
    }).output();
    return success ? undefined : `${PYTHON} has no pandas (apt-get install python3-pandas)`;
  } catch {
    return `${PYTHON} is missing`;
  }
}

/** Why the pandas tests cannot run here (no Python, no pandas), or undefined. */
export const missing = await pandasMissing();
if (missing !== undefined) console.warn(`Skipping the pandas differential tests: ${missing}`);

const SCRIPT = `
import json, math, sys
import pandas as pd
cases = json.load(open(sys.argv[1]))
def clean(v):
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, list):
        return [clean(x) for x in v]
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items()}
    if hasattr(v, "item"):
        return clean(v.item())
    return v
out = []
for case in cases:
    try:
        df = pd.json_normalize(case["data"], **case["kw"])
    except KeyError as e:
        out.append({"error": "KeyError", "message": str(e)})
        continue
    out.append({
        "columns": [str(c) for c in df.columns],
        "dtypes": [str(t) for t in df.dtypes],
        "rows": len(df),
        "values": [clean(df.iloc[:, i].tolist()) for i in range(df.shape[1])],
    })
json.dump(out, open(sys.argv[2], "w"))
`;

/** What pandas gave for one case. */
export interface PandasFrame {
  /** `KeyError` when pandas raised one (then the other fields are absent). */
  error?: string;
  message?: string;
  columns: string[];
  dtypes: string[];
  rows: number;
  values: unknown[][];
}

/** One differential case: data and options given to both. */
export interface Case {
  name: string;
  data: unknown;
  options?: NormalizeOptions;
}

/** Run every case through pandas in one Python process. */
export async function pandas(cases: Case[]): Promise<PandasFrame[]> {
  const dir = await Deno.makeTempDir();
  try {
    const input = join(dir, "cases.json");
    const output = join(dir, "frames.json");
    const kw = (o: NormalizeOptions = {}) =>
      Object.fromEntries(
        Object.entries({
          record_path: o.recordPath,
          meta: o.meta,
          meta_prefix: o.metaPrefix,
          record_prefix: o.recordPrefix,
          sep: o.sep,
          max_level: o.maxLevel,
          errors: o.errors,
        }).filter(([, v]) => v !== undefined),
      );
    await Deno.writeTextFile(
      input,
      JSON.stringify(cases.map((c) => ({ data: c.data, kw: kw(c.options) }))),
    );
    const { success, stderr } = await new Deno.Command(PYTHON, {
      args: ["-c", SCRIPT, input, output],
      stdout: "null",
    }).output();
    assert.ok(success, new TextDecoder().decode(stderr));
    return JSON.parse(await Deno.readTextFile(output));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The polars type `normalize` documents for values pandas holds with this dtype. */
function expectedType(dtype: string, values: unknown[]): string {
  if (dtype === "int64") return "Int64";
  if (dtype === "bool") return "Bool";
  const present = values.filter((v) => v !== null);
  if (present.length === 0) return "String"; // a column of nulls only
  if (dtype === "float64") {
    return present.every((v) => Number.isInteger(v)) && present.length < values.length
      ? "Int64"
      : "Float64";
  }
  const kinds = new Set(
    present.map((v) =>
      Array.isArray(v)
        ? "List"
        : typeof v === "object"
        ? "Struct"
        : typeof v === "boolean"
        ? "Bool"
        : typeof v === "number"
        ? (Number.isInteger(v) ? "Int64" : "Float64")
        : "String"
    ),
  );
  if (kinds.size === 2 && kinds.has("Int64") && kinds.has("Float64")) return "Float64";
  return kinds.size === 1 ? [...kinds][0]! : "String";
}

/** Whether our cell equals pandas' value: a struct's extra fields are null where pandas has none. */
function same(ours: unknown, theirs: unknown): boolean {
  if (theirs === null || theirs === undefined) return ours === null || ours === undefined;
  if (Array.isArray(theirs)) {
    return Array.isArray(ours) && ours.length === theirs.length &&
      theirs.every((v, i) => same(ours[i], v));
  }
  if (typeof theirs === "object") {
    if (typeof ours !== "object" || ours === null) return false;
    const o = ours as Record<string, unknown>;
    const t = theirs as Record<string, unknown>;
    if (Object.keys(t).length === 0) return Object.values(o).every((v) => v === null);
    return Object.keys(t).every((k) => same(o[k], t[k])) &&
      Object.keys(o).every((k) => k in t || o[k] === null);
  }
  return ours === theirs;
}

/** Assert that `normalize` gives pandas' frame (or its KeyError) for this case. */
export function compare(c: Case, theirs: PandasFrame): void {
  if (theirs.error !== undefined) {
    // pandas' KeyError is normalize's TypeError naming the same missing key.
    const key = /Key '(.*?)' not found/.exec(theirs.message ?? "")?.[1];
    assert.ok(key !== undefined, `${c.name}: pandas said ${theirs.message}`);
    assert.throws(
      () => normalize(c.data, c.options),
      (e: Error) =>
        e.name === "TypeError" && e.message.includes(`${key}"`) && /missing/.test(e.message),
      `${c.name}: pandas raised ${theirs.error}: ${theirs.message}`,
    );
    return;
  }
  const df = normalize(c.data, c.options);
  assert.deepEqual(df.columns, theirs.columns, `${c.name}: columns`);
  if (df.width > 0) assert.equal(df.height, theirs.rows, `${c.name}: rows`);
  theirs.columns.forEach((name, i) => {
    const values = theirs.values[i]!;
    const ours = String(df.getColumn(name).dtype).replace(/^DataType\((\w+).*$/, "$1");
    assert.equal(
      ours,
      expectedType(theirs.dtypes[i]!, values),
      `${c.name}: type of "${name}" (pandas ${theirs.dtypes[i]})`,
    );
    const mine = cells(df, name);
    values.forEach((value, row) => {
      assert.ok(
        same(mine[row], value),
        `${c.name}: "${name}" row ${row}: ${JSON.stringify(mine[row])} is not pandas' ${
          JSON.stringify(value)
        }`,
      );
    });
  });
}
