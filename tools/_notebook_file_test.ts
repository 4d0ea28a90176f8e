import assert from "node:assert/strict";
import { join } from "node:path";
import { PROJECT_ROOT } from "../lib/core/config.ts";
import { cellSource, notebookTitle, readNotebook } from "./_notebook_file.ts";
import { notebookParams } from "./_params.ts";

/** Write `text` to a temporary `.ipynb` file and read it back as the render tool does. */
async function attempt(text: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "notebook-file-" });
  const path = join(dir, "99_crafted.ipynb");
  await Deno.writeTextFile(path, text);
  try {
    await readNotebook(path);
    return "accepted";
  } catch (error) {
    assert.ok(error instanceof TypeError, String(error));
    assert.equal(error.message.split("\n").length, 1, error.message);
    assert.ok(error.message.startsWith(`Cannot render "${path}": `), error.message);
    return error.message.slice(`Cannot render "${path}": `.length);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const cell = (source: unknown, cell_type: unknown = "code") => ({
  cell_type,
  metadata: {},
  source,
});
const notebook = (fields: Record<string, unknown>) =>
  JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, ...fields });

Deno.test("readNotebook() takes sources as one text or as a list of lines", async () => {
  assert.equal(await attempt(notebook({ cells: [cell("a\nb"), cell(["a\n", "b"])] })), "accepted");
  for (const name of Deno.readDirSync(join(PROJECT_ROOT, "notebooks"))) {
    if (name.name.endsWith(".ipynb")) {
      await readNotebook(join(PROJECT_ROOT, "notebooks", name.name));
    }
  }
});

Deno.test("readNotebook() refuses what it cannot take in one sentence naming the file and the problem", async () => {
  assert.match(await attempt("# not a notebook"), /^it is not JSON \(.+\)$/);
  assert.match(await attempt(""), /^it is not JSON \(/);
  assert.equal(await attempt("[1, 2]"), "it is JSON but not a notebook (no object at the top)");
  assert.equal(await attempt("null"), "it is JSON but not a notebook (no object at the top)");
  assert.equal(
    await attempt('{"cells": []}'),
    'it has no "nbformat" field, so it is not a notebook',
  );
  assert.equal(
    await attempt('{"nbformat": 3, "worksheets": []}'),
    'it is nbformat "3" and only nbformat 4 is read (convert it with "jupyter nbconvert --to notebook --nbformat 4")',
  );
  assert.match(await attempt('{"nbformat": "4\\n5", "cells": []}'), /^it is nbformat "4\\n5" and/);
  assert.equal(await attempt(notebook({})), 'it has no "cells" list');
  assert.equal(await attempt(notebook({ cells: {} })), 'it has no "cells" list');
  assert.equal(await attempt(notebook({ cells: [] })), "it has no cells");
  assert.equal(
    await attempt(notebook({ cells: [cell("x")], metadata: null })),
    `its "metadata" is not an object`,
  );
  const bad = 'cell 2 has no "cell_type" or its "source" is neither a text nor a list of lines';
  assert.equal(await attempt(notebook({ cells: [cell("x"), cell(5)] })), bad);
  assert.equal(await attempt(notebook({ cells: [cell("x"), cell(["a", 1])] })), bad);
  assert.equal(await attempt(notebook({ cells: [cell("x"), cell("y", null)] })), bad);
  assert.equal(await attempt(notebook({ cells: [cell("x"), null] })), bad);
});

Deno.test("readNotebook() names a missing file in one sentence", async () => {
  await assert.rejects(readNotebook("/nonexistent/99_gone.ipynb"), {
    name: "TypeError",
    message: 'Cannot read notebook "/nonexistent/99_gone.ipynb": no such file',
  });
});

Deno.test("notebookTitle(), cellSource() and notebookParams() read string sources as list ones", () => {
  const strings = {
    nbformat: 4 as const,
    cells: [
      { cell_type: "markdown", source: "Intro\n# Tempo by decade\nmore" },
      {
        cell_type: "code",
        metadata: { tags: ["parameters"] },
        source: 'const N = 2;\nconst Q = "a";',
      },
    ],
  };
  assert.equal(notebookTitle(strings, "fallback"), "Tempo by decade");
  assert.equal(cellSource(strings.cells[1]!), 'const N = 2;\nconst Q = "a";');
  assert.deepEqual([...notebookParams(strings).keys()], ["N", "Q"]);
  assert.equal(
    notebookTitle({ nbformat: 4, cells: [{ cell_type: "markdown", source: "no heading" }] }, "f"),
    "f",
  );
});
