/**
 * What importing `lib/mod.ts` changes in a fresh process, printed as one JSON line
 * (`import_effects_test.ts` runs it with `deno run -A`, so an import could use FFI if it tried).
 * It records every own property (value, or getter and setter) of the globals, the built-in
 * prototypes, the `Deno` namespace, nodejs-polars' modules and its native classes' prototypes, the
 * environment and Node's process listeners; counts `Deno.dlopen` calls; imports the library; and
 * reports what differs. With `--notebook-mode` it then calls `notebookMode()` and reports again.
 *
 * @module
 */
import process from "node:process";
import pl from "nodejs-polars";
import dataframeModule from "nodejs-polars/bin/dataframe.js";
import seriesModule from "nodejs-polars/bin/series/index.js";

const opened: string[] = [];
const dlopen = Deno.dlopen;
Deno.dlopen = ((...args: Parameters<typeof Deno.dlopen>) => {
  opened.push(String(args[0]));
  return dlopen(...args);
}) as typeof Deno.dlopen;

/** Where to look: a label and the object whose own properties are recorded. */
function places(): [string, object][] {
  const frame = pl.DataFrame({ a: [1] });
  const series = pl.Series("a", [1]);
  const builtins: [string, object][] = [
    Object,
    Array,
    Function,
    String,
    Number,
    Boolean,
    Symbol,
    Promise,
    Date,
    RegExp,
    Map,
    Set,
    WeakMap,
    Error,
    Uint8Array,
    ArrayBuffer,
  ].flatMap((c): [string, object][] => [[c.name, c], [`${c.name}.prototype`, c.prototype]]);
  return [
    ["globalThis", globalThis],
    ...builtins,
    ["JSON", JSON],
    ["Math", Math],
    ["Reflect", Reflect],
    ["Deno", Deno],
    ["pl", pl],
    ["bin/dataframe.js", dataframeModule],
    ["bin/series/index.js", seriesModule],
    ["JsDataFrame.prototype", Object.getPrototypeOf((frame as unknown as { _df: object })._df)],
    ["JsSeries.prototype", Object.getPrototypeOf((series as unknown as { _s: object })._s)],
  ];
}

/** Every recorded property and its value (or its accessors). */
function snapshot(): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [label, object] of places()) {
    for (const key of Reflect.ownKeys(object)) {
      const property = Object.getOwnPropertyDescriptor(object, key)!;
      const name = `${label}.${String(key)}`;
      if ("value" in property) found.set(name, property.value);
      else found.set(name, [property.get, property.set]);
    }
  }
  for (const [key, value] of Object.entries(Deno.env.toObject())) found.set(`env.${key}`, value);
  found.set("process listeners", JSON.stringify(process.eventNames().map(String)));
  const display = (pl.DataFrame({ a: [1] }) as unknown as Record<symbol, unknown>)[
    Symbol.for("Jupyter.display")
  ];
  found.set("a new frame's display", String(display));
  return found;
}

/** The names whose value differs, or that appeared or went. */
function changes(before: Map<string, unknown>, after: Map<string, unknown>): string[] {
  const same = (a: unknown, b: unknown) =>
    Array.isArray(a) && Array.isArray(b)
      ? a.length === b.length && a.every((x, i) => Object.is(x, b[i]))
      : Object.is(a, b);
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => !same(before.get(name), after.get(name))).sort();
}

const before = snapshot();
const library = await import(new URL("../lib/mod.ts", import.meta.url).href);
const imported = snapshot();
const report: Record<string, unknown> = {
  changed: changes(before, imported),
  dlopen: [...opened],
};
if (Deno.args.includes("--notebook-mode")) {
  report.notebookMode = library.notebookMode();
  report.changedByNotebookMode = changes(imported, snapshot());
}
console.log(JSON.stringify(report));
