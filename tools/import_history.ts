/**
 * `deno task import-history PATH...`: import Spotify's "Download your data" streaming history
 * (folders or files; basic and extended) into the listening history store, merged with the plays
 * already synced. The account is the signed-in one (`deno task login`), the emulator's sample
 * listener without credentials, or `--account ID`; the store is SPOTIFY_HISTORY_DB (else
 * data/history.sqlite), or `--db PATH`. Importing the same files again adds nothing; an import
 * stopped midway keeps the files it finished and the next run completes it.
 *
 * @module
 */
import {
  connect,
  type HistoryStore,
  importHistory,
  openHistory,
  SpotifyError,
} from "../lib/mod.ts";
import { loadConfig } from "../lib/core/config.ts";
import { readFlags } from "./_flags.ts";

const USAGE = "use: deno task import-history PATH... [--account SPOTIFY_USER_ID] [--db FILE]";
const HELP = `${USAGE}

Imports Spotify's "Download your data" streaming history (folders or files) into the store.
  --account ID  the Spotify user id the plays belong to (default: the signed-in account)
  --db FILE     the store (default: SPOTIFY_HISTORY_DB, else data/history.sqlite)`;

function fail(message: string): never {
  console.error(message);
  Deno.exit(1);
}

/** The command line: paths, `--account ID`, `--db FILE`. */
function parseArgs(args: string[]): { paths: string[]; account?: string; db?: string } {
  const tool = { flags: ["--account", "--db"], usage: USAGE, help: HELP };
  const { values: { account, db }, rest: paths } = readFlags(args, tool);
  const option = paths.find((arg) => arg.startsWith("-"));
  if (option !== undefined) fail(`Unknown option "${option}": ${USAGE}`);
  if (paths.length === 0) fail(`Name the export folder or files to import: ${USAGE}`);
  return {
    paths,
    ...(account === undefined ? {} : { account }),
    ...(db === undefined ? {} : { db }),
  };
}

/** Whether something (a file, a folder, anything) is at `path`. */
async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const { paths, account, db } = parseArgs(Deno.args);
  const path = db === undefined ? {} : { path: db };
  const created = !(await exists(db ?? loadConfig().historyFile));
  let store;
  if (account !== undefined) {
    store = await openHistory(account, path);
  } else {
    await using spotify = await connect({ user: true, history: false });
    store = await openHistory(spotify, path);
    if (spotify.offline) {
      console.log(
        `No SPOTIFY_CLIENT_ID configured: importing as the emulator's sample listener "${store.account}" (sign in with deno task login, or pass --account)`,
      );
    }
  }
  using opened = store;
  console.log(`Importing into ${opened.path} for "${opened.account}"`);
  const controller = new AbortController();
  const stop = () => controller.abort();
  Deno.addSignalListener("SIGINT", stop);
  try {
    const report = await importHistory(opened, paths, { signal: controller.signal });
    console.log(report.summary);
  } catch (error) {
    if (created) await removeIfEmpty(opened);
    throw error;
  } finally {
    Deno.removeSignalListener("SIGINT", stop);
  }
}

/** A store this run created and a failed import left without a file imported: removed. */
async function removeIfEmpty(store: HistoryStore): Promise<void> {
  const kept = store.db.prepare(
    "SELECT (SELECT count(*) FROM imports) + (SELECT count(*) FROM plays) + (SELECT count(*) FROM syncs) AS n",
  ).get()?.n;
  if (Number(kept ?? 1) > 0) return;
  store.close();
  for (const suffix of ["", "-wal", "-shm"]) {
    await Deno.remove(store.path + suffix).catch(() => {});
  }
}

try {
  await main();
} catch (error) {
  if (error instanceof DOMException && error.name === "AbortError") {
    fail("Import stopped: the files finished are kept; run the same command again to complete it");
  }
  if (error instanceof SpotifyError) fail(error.message);
  throw error;
}
