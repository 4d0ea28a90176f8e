/**
 * `deno task demo`: run every notebook in `notebooks/` headless with the Deno kernel and write the
 * executed notebook and its rendered HTML to `out/`. `deno task render NAME...` does the named ones;
 * `--param NAME=VALUE` (one notebook) runs it with a cell declaring that value injected after the cell
 * tagged `parameters`, and names the page after the values. `--out DIR` writes elsewhere than `out/`.
 * `out/index.json` keeps the list of pages with their parameters; `out/index.html` shows it.
 *
 * Without credentials the notebooks run against the bundled offline emulator (each says so in a
 * banner). First, a token and one search go through the notebooks' own path, so bad credentials or
 * an unreachable API give one sentence here instead of a failure in every notebook. A failing cell makes the command
 * exit non-zero, naming the notebook and the cell.
 *
 * @module
 */
import { join, relative, resolve } from "node:path";
import { PROJECT_ROOT } from "../lib/core/config.ts";
import { connect } from "../lib/connect.ts";
import { escapeHtml } from "../lib/show/display.ts";
import { exists, writeAtomic } from "../lib/core/files.ts";
import { SpotifyError } from "../lib/core/errors.ts";
import { runNotebooks } from "./jupyter.ts";
import {
  injectedSource,
  type NotebookJson,
  notebookParams,
  type Param,
  paramsSlug,
  parseParams,
} from "./_params.ts";

const notebooksDir = join(PROJECT_ROOT, "notebooks");

function fail(message: string): never {
  console.error(message);
  Deno.exit(1);
}

const USAGE =
  "use: deno task render NOTEBOOK [--param NAME=VALUE]... [--out DIR], or deno task demo [--out DIR]";

/** The command line: notebook names, `--param NAME=VALUE` (repeatable), `--out DIR`. */
function parseArgs(args: string[]): { names: string[]; params: string[]; outDir: string } {
  const names: string[] = [];
  const params: string[] = [];
  let outDir = join(PROJECT_ROOT, "out");
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    if (flag === "--param" || flag === "--out") {
      const value = inline ?? args[++i];
      if (value === undefined) fail(`Missing a value after ${flag}: ${USAGE}`);
      if (flag === "--param") params.push(value);
      else outDir = resolve(value);
    } else if (arg.startsWith("-")) {
      fail(`Unknown option "${arg}": ${USAGE}`);
    } else {
      names.push(arg.replace(/\.ipynb$/, "").replace(/^.*\//, ""));
    }
  }
  return { names, params, outDir };
}

async function main() {
  const all = [...Deno.readDirSync(notebooksDir)]
    .filter((e) => e.isFile && /^\d\d_.*\.ipynb$/.test(e.name))
    .map((e) => e.name)
    .sort();
  const { names: wanted, params: paramArgs, outDir } = parseArgs(Deno.args);
  const unknown = wanted.filter((name) => !all.includes(`${name}.ipynb`));
  if (unknown.length > 0) {
    fail(
      `Unknown notebook "${unknown[0]}": use one of ${
        all.map((n) => n.replace(/\.ipynb$/, "")).join(", ")
      }`,
    );
  }
  if (paramArgs.length > 0 && wanted.length !== 1) {
    fail(
      `Parameters apply to one notebook: name it, e.g. deno task render 02_artist_discography --param 'FRESH=true'`,
    );
  }
  const names = wanted.length > 0 ? wanted.map((n) => `${n}.ipynb`) : all;
  // Check the parameters before connecting: a typo stops in one sentence, at once.
  let values: [Param, unknown][] = [];
  if (paramArgs.length > 0) {
    const file = JSON.parse(await Deno.readTextFile(join(notebooksDir, names[0]!))) as NotebookJson;
    try {
      values = parseParams(notebookParams(file), paramArgs, names[0]!.replace(/\.ipynb$/, ""));
    } catch (error) {
      if (error instanceof TypeError) fail(error.message);
      throw error;
    }
  }
  await Deno.mkdir(outDir, { recursive: true });

  let offline = true;
  let signedIn = false;
  try {
    // The notebooks' own path, once: a token and one search, so bad credentials or an unreachable
    // API stop here in one sentence instead of failing every notebook.
    await using spotify = await connect();
    const token = await spotify.token();
    await spotify.client.search("a", "artist", { max: 1 });
    offline = spotify.offline;
    signedIn = await exists(spotify.config.tokenFile);
    if (spotify.offline) {
      const where = spotify.config.envFile === undefined ? "No .env file and no" : "No";
      console.log(
        `${where} SPOTIFY_CLIENT_ID configured: the notebooks run against the bundled offline emulator ` +
          `(sample data); copy .env.example to .env and add your app's credentials for real data.`,
      );
    } else {
      console.log(`Connected to ${spotify.config.apiUrl}: ${token.describe()}.`);
    }
  } catch (error) {
    if (error instanceof SpotifyError) fail(error.message);
    throw error;
  }

  const pages: Page[] = [];
  let failed = 0;
  const slug = await paramsSlug(values);
  for (const name of names) {
    const path = join(notebooksDir, name);
    const notebook = JSON.parse(await Deno.readTextFile(path)) as NotebookFile;
    const base = name.replace(/\.ipynb$/, "");
    const page = slug === "" ? base : `${base}.${slug}`;
    const title = notebook.cells.find((c) => c.cell_type === "markdown")?.source.join("")
      .match(/^#\s+(.+)$/m)?.[1] ?? name;
    const params = Object.fromEntries(values.map(([p, v]) => [p.name, v]));
    if (notebook.metadata.spotify?.needs_user && !offline && !signedIn) {
      console.log(
        `skip notebooks/${name}: it reads your own listening; run "deno task login" first`,
      );
      pages.push({ page, title, params, status: "skipped: run deno task login first" });
      continue;
    }
    const started = performance.now();
    const [result] = await runNotebooks({
      notebooks: [path],
      outDir,
      ...(values.length > 0 ? { inject: injectedSource(values), name: page } : {}),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result?.ok) {
      console.log(`ok   ${relative(Deno.cwd(), result.html!)} (${seconds} s)`);
      pages.push({ page, title, params, status: `ran in ${seconds} s` });
    } else {
      failed++;
      console.error(`FAIL notebooks/${name} failed at ${result?.error ?? "an unknown cell"}`);
    }
  }
  if (failed > 0) fail(`${failed} of ${names.length} notebooks failed; see the lines above`);
  const index = join(outDir, "index.html");
  const listed = await updateManifest(join(outDir, "index.json"), pages, offline);
  await writeAtomic(index, indexPage(listed));
  console.log(
    `Rendered ${pages.length} notebook${pages.length === 1 ? "" : "s"} to ${
      relative(Deno.cwd(), outDir) || "."
    }/ (index: ${relative(Deno.cwd(), index)})`,
  );
}

interface NotebookFile {
  cells: { cell_type: string; source: string[] }[];
  metadata: { spotify?: { needs_user?: boolean } };
}

interface Page {
  /** Base name of the page's files, e.g. `02_artist_discography.fresh-true`. */
  page: string;
  title: string;
  /** The values injected, by name (empty for the notebook as committed). */
  params: Record<string, unknown>;
  status: string;
  /** Where its data came from. */
  source?: string;
  /** When it was rendered (ISO). */
  rendered?: string;
}

/**
 * Merge this run's pages into `index.json` beside the pages (a page rendered again replaces its
 * line), so that the index lists every page in the folder, with its parameters.
 */
async function updateManifest(path: string, pages: Page[], offline: boolean): Promise<Page[]> {
  let listed: Page[] = [];
  try {
    listed = JSON.parse(await Deno.readTextFile(path)) as Page[];
    if (!Array.isArray(listed)) listed = [];
  } catch {
    listed = [];
  }
  const rendered = new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC";
  const source = offline ? "offline sample" : "live Spotify data";
  const byPage = new Map(listed.map((p) => [p.page, p]));
  for (const page of pages) byPage.set(page.page, { ...page, source, rendered });
  const merged = [...byPage.values()].sort((a, b) => a.page.localeCompare(b.page));
  await writeAtomic(path, JSON.stringify(merged, null, 2) + "\n");
  return merged;
}

/** The index of the rendered notebooks: a self-contained page, no script, no network. */
function indexPage(pages: Page[]): string {
  const rows = pages.map(({ page, title, params, status, source, rendered }) => {
    const links = status.startsWith("skipped")
      ? ""
      : `<a href="${escapeHtml(page)}.html">page</a> · <a href="${
        escapeHtml(page)
      }.ipynb">notebook with outputs</a>`;
    const values = Object.entries(params ?? {});
    const shown = values.length === 0
      ? ""
      : `<br><small>${
        values.map(([k, v]) => `<code>${escapeHtml(k)} = ${escapeHtml(JSON.stringify(v))}</code>`)
          .join(" ")
      }</small>`;
    return `<tr><td><strong>${escapeHtml(title)}</strong><br><code>${
      escapeHtml(page)
    }</code>${shown}</td>` +
      `<td>${links}</td><td>${escapeHtml(status)}${
        source ? `<br><small>${escapeHtml(rendered ?? "")} from ${escapeHtml(source)}</small>` : ""
      }</td></tr>`;
  }).join("");
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<title>Spotify notebooks</title></head><body style="font-family:system-ui,sans-serif;` +
    `margin:2em auto;max-width:52em;color:#1f2328"><h1>Spotify notebooks</h1>` +
    `<p>Each page is a notebook run headless; the offline sample is the bundled emulator and its ` +
    `fictional catalog.</p>` +
    `<table style="border-collapse:collapse" cellpadding="8">${rows}</table></body></html>\n`;
}

await main();
