/**
 * The folder `deno task render --out DIR` writes to, checked before any notebook runs: a file in its
 * place, a folder that cannot be made, a folder that cannot be written to (tried, not guessed from
 * its mode: root writes into a 0555 folder), a folder standing where a page goes, or a page that
 * would replace the notebook being rendered each stop the command in one sentence.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { quoteArg } from "./_params.ts";

/** Options of {@linkcode prepareOutDir}. */
export interface PrepareOutDirOptions {
  /** Names of the files the run will write in the folder (pages, notebooks, the index). */
  files?: string[];
  /** The notebooks being rendered: no page may replace one of them. */
  sources?: string[];
}

/** The first line of an error's message, without the system's error number or the path. */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split("\n")[0]!.replace(/\s*\(os error \d+\).*$/, "").replace(/:\s.*$/, "");
  return line.charAt(0).toLowerCase() + line.slice(1);
}

async function kindOf(path: string): Promise<"file" | "folder" | "missing"> {
  try {
    return (await Deno.stat(path)).isDirectory ? "folder" : "file";
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "missing";
    throw error;
  }
}

async function realPath(path: string): Promise<string> {
  return await Deno.realPath(path).catch(() => resolve(path));
}

/**
 * Make sure pages can be written to a folder, making it when it is missing. Writing is tried: a
 * file is created in the folder and removed again.
 *
 * @param dir The folder.
 * @param options The files the run will write, and the notebooks it renders.
 * @throws {TypeError} With one sentence naming the folder and the problem.
 *
 * @example A file given as the folder is refused
 * ```ts
 * import assert from "node:assert/strict";
 * import { prepareOutDir } from "./_out_dir.ts";
 *
 * const file = await Deno.makeTempFile();
 * await assert.rejects(prepareOutDir(file), {
 *   name: "TypeError",
 *   message: /^Cannot write the pages to ".*": it is a file, not a folder; give --out a folder$/,
 * });
 * await Deno.remove(file);
 * const dir = await Deno.makeTempDir();
 * await prepareOutDir(`${dir}/a/b`);
 * assert.ok((await Deno.stat(`${dir}/a/b`)).isDirectory);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function prepareOutDir(
  dir: string,
  options: PrepareOutDirOptions = {},
): Promise<void> {
  const shown = quoteArg(dir, 200);
  const cannotMake = (error: unknown) =>
    new TypeError(
      `Cannot make the folder ${shown} for the pages: ${
        error instanceof Deno.errors.NotADirectory || error instanceof Deno.errors.AlreadyExists
          ? "a part of its path is a file"
          : reason(error)
      }`,
    );
  const kind = await kindOf(dir).catch((error) => {
    throw cannotMake(error);
  });
  if (kind === "file") {
    throw new TypeError(
      `Cannot write the pages to ${shown}: it is a file, not a folder; give --out a folder`,
    );
  }
  if (kind === "missing") {
    await Deno.mkdir(dir, { recursive: true }).catch((error) => {
      throw cannotMake(error);
    });
  }
  try {
    await Deno.remove(await Deno.makeTempFile({ dir, prefix: ".render-check-" }));
  } catch (error) {
    throw new TypeError(
      `Cannot write the pages to ${shown}: ${reason(error)}; give --out a folder you can write to`,
    );
  }
  const sources = new Set(await Promise.all((options.sources ?? []).map(realPath)));
  const folder = await realPath(dir);
  for (const name of options.files ?? []) {
    const path = join(folder, name);
    if (sources.has(path)) {
      throw new TypeError(
        `Cannot write the pages to ${shown}: ${quoteArg(name)} would replace the notebook being ` +
          `rendered; give --out another folder`,
      );
    }
    if (await kindOf(path).catch(() => "missing") === "folder") {
      throw new TypeError(
        `Cannot write ${quoteArg(path, 200)}: a folder of that name is in the way; move it`,
      );
    }
  }
}
