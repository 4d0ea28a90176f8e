/**
 * `deno task collect`: sync the listening history once (the plays since the last sync, and today's
 * snapshots of the top lists and saved tracks) and say what it added. `--every 30m` (`s`, `m` or
 * `h`) syncs again after each wait, until Ctrl-C or SIGTERM stops it: the wait ends at once, a
 * sync in flight is cancelled, and the store is closed. Signed in (`deno task login`) it collects
 * your plays; without credentials, the emulator's sample listener's, and its first line says so.
 * The store is SPOTIFY_HISTORY_DB (else data/history.sqlite), or `--db FILE`.
 *
 * @module
 */
import { connect, type HistoryStore, openHistory, SpotifyError, syncHistory } from "../lib/mod.ts";
import { readFlags } from "./_flags.ts";

const USAGE = "use: deno task collect [--every 30m] [--db FILE]";
const HELP = `${USAGE}

Syncs the listening history once: the plays since the last sync, and today's snapshots.
  --every WAIT  sync again after each wait, from 1m to 24h (such as 90s, 30m, 2h); Ctrl-C stops
  --db FILE     the store (default: SPOTIFY_HISTORY_DB, else data/history.sqlite)`;
/** The shortest wait `--every` takes: Spotify's recently played does not change faster. */
const MIN_EVERY_MS = 60_000;
/**
 * The longest: a day (Spotify's recently played keeps 50 plays, fewer than a day's listening; and
 * setTimeout fires at once for a wait over 2^31 ms, about 24.8 days).
 */
const MAX_EVERY_MS = 86_400_000;

function fail(message: string): never {
  console.error(message);
  Deno.exit(1);
}

/** `30m`, `2h`, `90s` in ms. */
function parseEvery(value: string): number {
  const match = /^(\d+)(s|m|h)$/.exec(value);
  const ms = match ? Number(match[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[match[2] as "s"] : NaN;
  if (!(ms >= MIN_EVERY_MS && ms <= MAX_EVERY_MS)) {
    fail(
      `Invalid --every "${value.slice(0, 20)}": use a wait from 1m to 24h, such as 30m or 2h`,
    );
  }
  return ms;
}

function parseArgs(args: string[]): { every?: number; db?: string } {
  const { values, rest } = readFlags(args, {
    flags: ["--every", "--db"],
    usage: USAGE,
    help: HELP,
  });
  if (rest.length > 0) fail(`Unknown argument "${rest[0]}": ${USAGE}`);
  return {
    ...(values.every === undefined ? {} : { every: parseEvery(values.every) }),
    ...(values.db === undefined ? {} : { db: values.db }),
  };
}

/** Wait `ms`, or less when `signal` aborts; never longer. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

const stamp = () => new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC";

/** One sync, told in one line (and a second when plays were missed). */
async function collectOnce(
  store: HistoryStore,
  spotify: Parameters<typeof syncHistory>[1],
  signal: AbortSignal,
): Promise<void> {
  const report = await syncHistory(store, spotify, { snapshots: true, signal });
  console.log(`${stamp()}: ${report.summary}`);
  if (report.warning !== undefined) console.warn(report.warning);
}

async function main(): Promise<void> {
  const { every, db } = parseArgs(Deno.args);
  const controller = new AbortController();
  const stop = () => controller.abort();
  const signals = ["SIGINT", "SIGTERM"] as const;
  for (const signal of signals) Deno.addSignalListener(signal, stop);
  try {
    await collect(every, db, controller.signal);
  } finally {
    for (const signal of signals) Deno.removeSignalListener(signal, stop);
  }
}

async function collect(every: number | undefined, db: string | undefined, signal: AbortSignal) {
  await using spotify = await connect({ user: true, history: false });
  using store = await openHistory(spotify, db === undefined ? {} : { path: db });
  console.log(
    spotify.offline
      ? `No SPOTIFY_CLIENT_ID configured: collecting the offline emulator's sample listener "${store.account}" into ${store.path}`
      : `Collecting the plays of "${store.account}" into ${store.path}`,
  );
  if (every === undefined) return await collectOnce(store, spotify, signal);
  console.log(`Syncing every ${every / 60_000} min; Ctrl-C stops`);
  while (!signal.aborted) {
    try {
      await collectOnce(store, spotify, signal);
    } catch (error) {
      if (signal.aborted) break;
      if (!(error instanceof SpotifyError)) throw error;
      console.error(`${stamp()}: ${error.message}; trying again in ${every / 60_000} min`);
    }
    await wait(every, signal);
  }
  console.log("Stopped: the store is closed and keeps every sync made");
}

try {
  await main();
} catch (error) {
  if (error instanceof SpotifyError) fail(error.message);
  if (error instanceof DOMException && error.name === "AbortError") {
    fail("Stopped during a sync: the store keeps every sync made before");
  }
  throw error;
}
