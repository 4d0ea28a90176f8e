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
import { basename, join, relative, resolve } from "node:path";
import { PROJECT_ROOT } from "../lib/core/config.ts";
import { connect } from "../lib/connect.ts";
import { exists, writeAtomic } from "../lib/core/files.ts";
import { SpotifyError } from "../lib/core/errors.ts";
import { type IndexEntry, indexPage } from "./_index_page.ts";
import { runNotebooks } from "./jupyter.ts";
import { type NotebookFile, notebookTitle, readNotebook } from "./_notebook_file.ts";
import { prepareOutDir } from "./_out_dir.ts";
import { buildSampleHistory, closeSampleHistory } from "./_demo_history.ts";
import {
  injectedSource,
  notebookParams,
  type Param,
  paramsSlug,
  parseParams,
  quoteArg,
} from "./_params.ts";

const notebooksDir = join(PROJECT_ROOT, "notebooks");

function fail(message: string): never {
  console.error(message);
  Deno.exit(1);
}

const USAGE = "use: deno task render NOTEBOOK [--param NAME=VALUE]... [--out DIR], " +
  "or deno task demo [--out DIR] (NOTEBOOK: a name in notebooks/ or a path to an .ipynb file)";

const HELP = [
  "use: deno task demo [--out DIR]",
  "  Run every notebook in notebooks/ headless and write each executed notebook and its HTML page",
  "  to out/ (or DIR), with an index.html listing them.",
  "use: deno task render NOTEBOOK... [--param NAME=VALUE]... [--out DIR]",
  "  Run the named notebooks (a name in notebooks/, e.g. 02_artist_discography, or a path to an",
  '  .ipynb file). --param (one notebook only) sets a value its cell tagged "parameters"',
  '  declares, e.g. --param FRESH=true or --param \'ARTIST_NAMES=["A", "B"]\'; the page is named',
  "  after the values.",
].join("\n");

/**
 * The command line: notebook names or paths, `--param NAME=VALUE` (repeatable), `--out DIR`.
 * Whatever it echoes back is quoted on one line.
 */
function parseArgs(args: string[]): { names: string[]; params: string[]; outDir: string } {
  const names: string[] = [];
  const params: string[] = [];
  let outDir = join(PROJECT_ROOT, "out");
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    if (arg === "--help" || arg === "-h") {
      console.log(HELP);
      Deno.exit(0);
    }
    if (flag === "--param" || flag === "--out") {
      const value = inline ?? args[++i];
      if (value === undefined) fail(`Missing a value after ${flag}: ${USAGE}`);
      if (flag === "--out" && value === "") fail(`Missing a folder after --out: ${USAGE}`);
      if (flag === "--param") params.push(value);
      else outDir = resolve(value);
    } else if (arg.startsWith("-")) {
      fail(`Unknown option ${quoteArg(arg)}: ${USAGE}`);
    } else {
      names.push(arg);
    }
  }
  return { names, params, outDir };
}

/** A notebook to render: its file, its checked contents, and the base name of its page. */
interface Chosen {
  path: string;
  /** How messages name it: `notebooks/02_artist_discography.ipynb`, or its path. */
  label: string;
  base: string;
  notebook: NotebookFile;
}

/**
 * The notebooks named on the command line (all of `notebooks/` for none), read and checked: a name
 * in `notebooks/` (`02_artist_discography`), or a path to an `.ipynb` file anywhere.
 */
async function chooseNotebooks(wanted: string[]): Promise<Chosen[]> {
  const all = [...Deno.readDirSync(notebooksDir)]
    .filter((e) => e.isFile && /^\d\d_.*\.ipynb$/.test(e.name))
    .map((e) => e.name)
    .sort();
  const paths = wanted.length === 0 ? all.map((name) => join(notebooksDir, name)) : [];
  for (const arg of wanted) {
    const name = basename(arg).replace(/\.ipynb$/, "");
    if (arg.endsWith(".ipynb") && await exists(arg)) paths.push(resolve(arg));
    else if (all.includes(`${name}.ipynb`)) {
      paths.push(join(notebooksDir, `${name}.ipynb`));
    } else {
      fail(
        `Unknown notebook ${quoteArg(arg)}: use one of ${
          all.map((n) => n.replace(/\.ipynb$/, "")).join(", ")
        }, or a path to an .ipynb file`,
      );
    }
  }
  const chosen: Chosen[] = [];
  for (const path of new Set(paths)) {
    const notebook = await readNotebook(path).catch((error) => {
      if (error instanceof TypeError) fail(error.message);
      throw error;
    });
    const label = relative(PROJECT_ROOT, path);
    const base = basename(path).replace(/\.ipynb$/, "");
    const twin = chosen.find((c) => c.base === base);
    if (twin !== undefined) {
      fail(
        `Cannot render ${quoteArg(path, 200)} with ${quoteArg(twin.path, 200)}: both pages ` +
          `would be ${base}.html; render them one at a time`,
      );
    }
    if (base === "index") {
      fail(
        `Cannot render ${quoteArg(path, 200)}: its page would replace the index; rename the file`,
      );
    }
    chosen.push({ path, label: label.startsWith("..") ? path : label, base, notebook });
  }
  return chosen;
}

/** Check `--param` values against the one notebook's parameters cell, in one sentence. */
function checkParams(chosen: Chosen[], args: string[]): [Param, unknown][] {
  if (args.length === 0) return [];
  if (chosen.length !== 1) {
    fail(
      `Parameters apply to one notebook: name it, e.g. deno task render 02_artist_discography --param 'FRESH=true'`,
    );
  }
  const [{ notebook, base }] = chosen as [Chosen];
  try {
    return parseParams(notebookParams(notebook), args, base);
  } catch (error) {
    if (error instanceof TypeError) fail(error.message);
    throw error;
  }
}

/** Make and check the output folder before anything runs (see `prepareOutDir`). */
async function checkOutDir(outDir: string, chosen: Chosen[], slug: string): Promise<void> {
  const pages = chosen.map(({ base }) => slug === "" ? base : `${base}.${slug}`);
  const files = [...pages.flatMap((p) => [`${p}.ipynb`, `${p}.html`]), "index.json", "index.html"];
  await prepareOutDir(outDir, { files, sources: chosen.map((c) => c.path) }).catch((error) => {
    if (error instanceof TypeError) fail(error.message);
    throw error;
  });
}

async function main() {
  const { names: wanted, params: paramArgs, outDir } = parseArgs(Deno.args);
  // Everything is checked before connecting: a typo stops in one sentence, at once.
  const chosen = await chooseNotebooks(wanted);
  const values = checkParams(chosen, paramArgs);
  const slug = await paramsSlug(values);
  await checkOutDir(outDir, chosen, slug);

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

  // Offline, the notebooks keep the sample listener's history beside the pages, not in yours; a
  // notebook of the history gets it built first (the sample export and simulated days of syncs).
  const kernelEnv: Record<string, string> = {};
  if (offline) {
    kernelEnv.SPOTIFY_HISTORY_DB = join(outDir, "history.sqlite");
    if (chosen.some((c) => c.notebook.metadata?.spotify?.history)) {
      const built = await buildSampleHistory(kernelEnv.SPOTIFY_HISTORY_DB).catch((error) => {
        if (error instanceof SpotifyError) fail(error.message);
        throw error;
      });
      console.log(built);
    }
  }

  const pages: Page[] = [];
  const skipped: string[] = [];
  let failed = 0;
  for (const { path, label, base, notebook } of chosen) {
    const name = `${base}.ipynb`;
    const page = slug === "" ? base : `${base}.${slug}`;
    const title = notebookTitle(notebook, name);
    const params = Object.fromEntries(values.map(([p, v]) => [p.name, v]));
    if (notebook.metadata?.spotify?.needs_user && !offline && !signedIn) {
      console.log(
        `skip ${label}: it reads your own listening; run "deno task login" first`,
      );
      pages.push({ page, title, params, status: "skipped: run deno task login first" });
      skipped.push(base);
      continue;
    }
    const started = performance.now();
    const [result] = await runNotebooks({
      notebooks: [path],
      outDir,
      env: kernelEnv,
      ...(values.length > 0 ? { inject: injectedSource(values), name: page } : {}),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result?.ok) {
      console.log(`ok   ${relative(Deno.cwd(), result.html!)} (${seconds} s)`);
      pages.push({ page, title, params, status: `ran in ${seconds} s` });
    } else {
      failed++;
      console.error(`FAIL ${label} failed at ${result?.error ?? "an unknown cell"}`);
    }
  }
  // The kernels ended without closing the store: its -wal and -shm files folded back into it.
  if (kernelEnv.SPOTIFY_HISTORY_DB !== undefined) closeSampleHistory(kernelEnv.SPOTIFY_HISTORY_DB);
  if (failed > 0) fail(`${failed} of ${chosen.length} notebooks failed; see the lines above`);
  const index = join(outDir, "index.html");
  const listed = await updateManifest(join(outDir, "index.json"), pages, offline);
  await writeAtomic(index, await indexPage(listed, outDir));
  console.log(summary(chosen.length, skipped, relative(Deno.cwd(), outDir) || ".", index));
}

/**
 * The last line: how many notebooks ran, and which were skipped and why, so that a run that skipped
 * some never reads as if it rendered them all.
 */
function summary(total: number, skipped: string[], outDir: string, index: string): string {
  const ran = total - skipped.length;
  const count = skipped.length === 0
    ? `${ran} notebook${ran === 1 ? "" : "s"}`
    : `${ran} of ${total} notebooks`;
  const where = `to ${outDir}/ (index: ${relative(Deno.cwd(), index)})`;
  if (skipped.length === 0) return `Rendered ${count} ${where}`;
  const them = skipped.length === 1 ? "1 that reads" : `${skipped.length} that read`;
  return `Rendered ${count} ${where}; skipped ${them} your own listening ` +
    `(${skipped.join(", ")}): run "deno task login" first`;
}

/** A line of `index.json`: a page, its parameters, when and from what it was rendered. */
type Page = IndexEntry;

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

await main();
