/**
 * Run a few code cells in the real Deno kernel, headless, from a scratch notebook in a temporary
 * folder: what the kernel tests share.
 *
 * @module
 */
import { join } from "node:path";
import { PROJECT_ROOT } from "../lib/core/config.ts";
import { runNotebooks } from "../tools/jupyter.ts";

/** One output of an executed cell. */
export interface Output {
  output_type: string;
  data?: Record<string, string | string[]>;
}

/** An executed cell. */
export interface ExecutedCell {
  outputs: Output[];
}

/**
 * Execute `sources` as the code cells of one notebook written to `dir`, in the Deno kernel.
 *
 * @param dir A temporary folder (the kernel's working folder; the caller removes it).
 * @param sources Each cell's code, in order.
 * @returns The executed cells, in order.
 * @throws {Error} When the notebook did not run to its end.
 */
export async function runInKernel(dir: string, sources: string[]): Promise<ExecutedCell[]> {
  // The kernel finds the import map in its working folder: the notebook's.
  await Deno.copyFile(join(PROJECT_ROOT, "deno.json"), join(dir, "deno.json"));
  await Deno.copyFile(join(PROJECT_ROOT, "deno.lock"), join(dir, "deno.lock"));
  await Deno.symlink(join(PROJECT_ROOT, "node_modules"), join(dir, "node_modules"));
  const path = join(dir, "cells.ipynb");
  await Deno.writeTextFile(
    path,
    JSON.stringify({
      cells: sources.map((source, id) => ({
        id: `cell-${id}`,
        cell_type: "code",
        execution_count: null,
        metadata: {},
        outputs: [],
        source,
      })),
      metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
  const [result] = await runNotebooks({
    notebooks: [path],
    outDir: join(dir, "out"),
    cellTimeout: 120,
  });
  if (!result?.ok) throw new Error(`The notebook did not run: ${result?.error}`);
  return (JSON.parse(await Deno.readTextFile(result.ipynb!)) as { cells: ExecutedCell[] }).cells;
}
