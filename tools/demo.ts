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

  try {
    // The notebooks' own path, once: a token and one search, so bad credentials or an unreachable
    // API stop here in one sentence instead of failing every notebook.
    await using spotify = await connect();
    const token = await spotify.token();
    await spotify.client.search("a", "artist", { max: 1 });
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

  let failed = 0;
  for (const name of names) {
    const started = performance.now();
    const [result] = await runNotebooks({ notebooks: [join(notebooksDir, name)], outDir });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result?.ok) {
      console.log(`ok   ${relative(PROJECT_ROOT, result.html!)} (${seconds} s)`);
    } else {
      failed++;
      console.error(`FAIL notebooks/${name} failed at ${result?.error ?? "an unknown cell"}`);
    }
  }
  if (failed > 0) fail(`${failed} of ${names.length} notebooks failed; see the lines above`);
  console.log(`Rendered ${names.length} notebooks to ${relative(PROJECT_ROOT, outDir)}/`);
}

await main();
