/**
 * Importing the library changes nothing it does not own: checked in a fresh `deno run -A` process
 * (`_import_probe.ts`), where nodejs-polars, the globals, the built-ins, the environment and the
 * allocator are compared before and after `import("../lib/mod.ts")`.
 */
import assert from "node:assert/strict";

interface Report {
  changed: string[];
  dlopen: string[];
  notebookMode?: boolean;
  changedByNotebookMode?: string[];
}

async function probe(...args: string[]): Promise<Report> {
  const { success, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./_import_probe.ts", import.meta.url).pathname, ...args],
  }).output();
  assert.ok(success, new TextDecoder().decode(stderr));
  return JSON.parse(new TextDecoder().decode(stdout)) as Report;
}

Deno.test("importing lib/mod.ts changes no nodejs-polars method, global, built-in or environment variable, and opens no library over FFI", async () => {
  const report = await probe();
  assert.deepEqual(report.changed, []);
  // The allocator is tuned only through FFI (mallopt): no library was opened.
  assert.deepEqual(report.dlopen, []);
});

Deno.test("notebookMode() is what changes nodejs-polars, and the probe sees each change", async () => {
  const report = await probe("--notebook-mode");
  assert.deepEqual(report.changed, []);
  assert.equal(report.notebookMode, true);
  assert.deepEqual(report.changedByNotebookMode, [
    "JsDataFrame.prototype.toObjects",
    "JsDataFrame.prototype.toRow",
    "JsDataFrame.prototype.toRows",
    "JsDataFrame.prototype.writeCsv",
    "JsSeries.prototype.getIdx",
    "JsSeries.prototype.toArray",
    "a new frame's display",
    "bin/dataframe.js.Symbol(spotify-notebooks.stock-polars)",
    "bin/dataframe.js._DataFrame",
  ]);
  assert.deepEqual(report.dlopen, []);
});
