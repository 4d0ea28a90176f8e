/**
 * A notebook file as `deno task render` takes it: read and checked before anything runs, so that a
 * file the tool cannot take gets one sentence naming it and the problem. nbformat 4 lets a cell's
 * `source` be one text or a list of lines; both are read.
 *
 * @module
 */
import { quoteArg } from "./_params.ts";

/** One cell, as far as rendering goes. */
export interface NotebookCell {
  cell_type: string;
  /** One text, or a list of lines (nbformat 4 allows both). */
  source: string | string[];
  metadata?: { tags?: string[] };
}

/** A notebook file, as far as rendering goes. */
export interface NotebookFile {
  nbformat: 4;
  cells: NotebookCell[];
  metadata?: { spotify?: { needs_user?: boolean } };
}

/** The first line of an error's message, without the system's error number. */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split("\n")[0]!.replace(/\s*\(os error \d+\).*$/, "");
  return line.charAt(0).toLowerCase() + line.slice(1);
}

/** Why a parsed file is not a notebook this tool can run, or `undefined` when it is one. */
function problem(json: unknown): string | undefined {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return "it is JSON but not a notebook (no object at the top)";
  }
  const { nbformat, cells, metadata } = json as Record<string, unknown>;
  if (nbformat === undefined) return `it has no "nbformat" field, so it is not a notebook`;
  if (nbformat !== 4) {
    return `it is nbformat ${quoteArg(String(nbformat))} and only nbformat 4 is read ` +
      `(convert it with "jupyter nbconvert --to notebook --nbformat 4")`;
  }
  if (metadata !== undefined && (typeof metadata !== "object" || metadata === null)) {
    return `its "metadata" is not an object`;
  }
  if (!Array.isArray(cells)) return `it has no "cells" list`;
  if (cells.length === 0) return "it has no cells";
  const bad = cells.findIndex((cell: unknown) => {
    const { cell_type, source } = (cell ?? {}) as Record<string, unknown>;
    const lines = Array.isArray(source) && source.every((line) => typeof line === "string");
    return typeof cell_type !== "string" || (typeof source !== "string" && !lines);
  });
  if (bad >= 0) {
    return `cell ${
      bad + 1
    } has no "cell_type" or its "source" is neither a text nor a list of lines`;
  }
  return undefined;
}

/**
 * Read a notebook file and check that the render tool can take it.
 *
 * @param path The `.ipynb` file.
 * @returns The notebook.
 * @throws {TypeError} With one sentence naming the file: missing, unreadable, not JSON, not
 * nbformat 4, no cells, or a cell without a type or a source.
 *
 * @example A file that is not JSON is refused in one sentence
 * ```ts
 * import assert from "node:assert/strict";
 * import { readNotebook } from "./_notebook_file.ts";
 *
 * const path = await Deno.makeTempFile({ suffix: ".ipynb" });
 * await Deno.writeTextFile(path, "not a notebook");
 * await assert.rejects(readNotebook(path), (error: TypeError) => {
 *   assert.match(error.message, /^Cannot render ".*\.ipynb": it is not JSON \(/);
 *   return true;
 * });
 * await Deno.writeTextFile(path, '{"nbformat": 4, "cells": [{"cell_type": "code", "source": "1"}]}');
 * assert.equal((await readNotebook(path)).cells[0]!.source, "1");
 * await Deno.remove(path);
 * ```
 */
export async function readNotebook(path: string): Promise<NotebookFile> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    const why = error instanceof Deno.errors.NotFound ? "no such file" : reason(error);
    throw new TypeError(`Cannot read notebook ${quoteArg(path, 200)}: ${why}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`Cannot render ${quoteArg(path, 200)}: it is not JSON (${reason(error)})`);
  }
  const why = problem(json);
  if (why !== undefined) throw new TypeError(`Cannot render ${quoteArg(path, 200)}: ${why}`);
  return json as NotebookFile;
}

/**
 * A cell's source as one text, whichever of nbformat's two shapes it has.
 *
 * @param cell A cell.
 * @returns Its source.
 *
 * @example Both shapes
 * ```ts
 * import assert from "node:assert/strict";
 * import { cellSource } from "./_notebook_file.ts";
 *
 * assert.equal(cellSource({ cell_type: "code", source: ["a\n", "b"] }), "a\nb");
 * assert.equal(cellSource({ cell_type: "code", source: "a\nb" }), "a\nb");
 * ```
 */
export function cellSource(cell: NotebookCell): string {
  return typeof cell.source === "string" ? cell.source : cell.source.join("");
}

/**
 * A notebook's title: the first `# heading` of its first markdown cell.
 *
 * @param notebook The notebook.
 * @param fallback What to call it when it has none (its file name).
 * @returns The title.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { notebookTitle } from "./_notebook_file.ts";
 *
 * const cells = [{ cell_type: "markdown", source: "# Tempo by decade\nText" }];
 * assert.equal(notebookTitle({ nbformat: 4, cells }, "99_x.ipynb"), "Tempo by decade");
 * assert.equal(notebookTitle({ nbformat: 4, cells: [] }, "99_x.ipynb"), "99_x.ipynb");
 * ```
 */
export function notebookTitle(notebook: NotebookFile, fallback: string): string {
  const markdown = notebook.cells.find((c) => c.cell_type === "markdown");
  return (markdown && /^#\s+(.+)$/m.exec(cellSource(markdown))?.[1]?.trim()) || fallback;
}
