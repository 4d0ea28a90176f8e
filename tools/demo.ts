/**
 * `deno task demo`: run every notebook in `notebooks/` headless with the Deno kernel and write the
 * executed notebook and its rendered HTML to `out/`. `deno task render NAME...` does the named ones.
 *
 * Without credentials the notebooks run against the bundled offline emulator (each says so in a
 * banner). First, a token and one search go through the notebooks' own path, so bad credentials or
 * an unreachable API give one sentence here instead of a failure in every notebook. A failing cell makes the command
 * exit non-zero, naming the notebook and the cell.
 *
 * @module
 */
import { join, relative } from "node:path";
import { PROJECT_ROOT } from "../lib/config.ts";
import { connect } from "../lib/connect.ts";
import { escapeHtml } from "../lib/display.ts";
import { exists, writeAtomic } from "../lib/files.ts";
import { SpotifyError } from "../lib/errors.ts";
import { runNotebooks } from "./_jupyter.ts";

const notebooksDir = join(PROJECT_ROOT, "notebooks");
const outDir = join(PROJECT_ROOT, "out");

function fail(message: string): never {
  console.error(message);
  Deno.exit(1);
}

async function main() {
  const all = [...Deno.readDirSync(notebooksDir)]
    .filter((e) => e.isFile && /^\d\d_.*\.ipynb$/.test(e.name))
    .map((e) => e.name)
    .sort();
  const wanted = Deno.args.map((arg) => arg.replace(/\.ipynb$/, "").replace(/^.*\//, ""));
  const unknown = wanted.filter((name) => !all.includes(`${name}.ipynb`));
  if (unknown.length > 0) {
    fail(
      `Unknown notebook "${unknown[0]}": use one of ${
        all.map((n) => n.replace(/\.ipynb$/, "")).join(", ")
      }`,
    );
  }
  const names = wanted.length > 0 ? wanted.map((n) => `${n}.ipynb`) : all;

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
  for (const name of names) {
    const path = join(notebooksDir, name);
    const notebook = JSON.parse(await Deno.readTextFile(path)) as NotebookFile;
    const title = notebook.cells.find((c) => c.cell_type === "markdown")?.source.join("")
      .match(/^#\s+(.+)$/m)?.[1] ?? name;
    if (notebook.metadata.spotify?.needs_user && !offline && !signedIn) {
      console.log(
        `skip notebooks/${name}: it reads your own listening; run "deno task login" first`,
      );
      pages.push({ name, title, status: "skipped: run deno task login first" });
      continue;
    }
    const started = performance.now();
    const [result] = await runNotebooks({ notebooks: [path], outDir });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result?.ok) {
      console.log(`ok   ${relative(PROJECT_ROOT, result.html!)} (${seconds} s)`);
      pages.push({ name, title, status: `ran in ${seconds} s` });
    } else {
      failed++;
      console.error(`FAIL notebooks/${name} failed at ${result?.error ?? "an unknown cell"}`);
    }
  }
  if (failed > 0) fail(`${failed} of ${names.length} notebooks failed; see the lines above`);
  const index = join(outDir, "index.html");
  await writeAtomic(index, indexPage(pages, offline));
  console.log(
    `Rendered ${pages.length} notebooks to ${relative(PROJECT_ROOT, outDir)}/ (index: ${
      relative(PROJECT_ROOT, index)
    })`,
  );
}

interface NotebookFile {
  cells: { cell_type: string; source: string[] }[];
  metadata: { spotify?: { needs_user?: boolean } };
}

interface Page {
  name: string;
  title: string;
  status: string;
}

/** The index of the rendered notebooks: a self-contained page, no script, no network. */
function indexPage(pages: Page[], offline: boolean): string {
  const rows = pages.map(({ name, title, status }) => {
    const base = name.replace(/\.ipynb$/, "");
    const links = status.startsWith("skipped")
      ? ""
      : `<a href="${base}.html">page</a> · <a href="${base}.ipynb">notebook with outputs</a>`;
    return `<tr><td><strong>${escapeHtml(title)}</strong><br><code>${
      escapeHtml(base)
    }</code></td>` +
      `<td>${links}</td><td>${escapeHtml(status)}</td></tr>`;
  }).join("");
  const source = offline
    ? "the bundled offline emulator and its fictional sample catalog"
    : "live Spotify data";
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<title>Spotify notebooks</title></head><body style="font-family:system-ui,sans-serif;` +
    `margin:2em auto;max-width:52em;color:#1f2328"><h1>Spotify notebooks</h1>` +
    `<p>Rendered ${
      new Date().toISOString().slice(0, 16).replace("T", " ")
    } UTC from ${source}.</p>` +
    `<table style="border-collapse:collapse" cellpadding="8">${rows}</table></body></html>\n`;
}

await main();
