/**
 * The offline demo's listening history: the sample export imported, then syncs on simulated days
 * from an emulator whose clock the demo moves, with the day's snapshots, so that notebook 06 has
 * weeks of export and days of synced plays to show. Days 4 to 7 are skipped: the sample listener
 * plays more than Spotify's last 50 in that time, and the store records the window missed. Building
 * it again adds nothing.
 *
 * @module
 */
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { loadSampleCatalog, startEmulator } from "../emulator/mod.ts";
import { createClient, importHistory, openHistory, SpotifyError, syncHistory } from "../lib/mod.ts";
import { signInSampleListener } from "../lib/connect.ts";
import { PROJECT_ROOT } from "../lib/core/config.ts";

const DAY = 86_400_000;
/** The simulated days synced, counted from the catalog's moment. */
const DAYS = [0, 1, 2, 3, 8, 9];

/**
 * Build (or top up) the sample listener's history store.
 *
 * @param path The store file.
 * @returns One line saying what the store holds.
 */
export async function buildSampleHistory(path: string): Promise<string> {
  let offset = 0;
  const started = Date.now();
  const clock = () => started + offset;
  await using server = await startEmulator({ mode: "development", now: clock });
  const tokens = await signInSampleListener(server, { now: clock });
  const client = createClient({
    apiUrl: server.apiUrl,
    tokenProvider: tokens,
    mode: "development",
  });
  using store = await openHistory({ client, tokens }, { path }).catch((error) => {
    throw error instanceof SpotifyError ? demoAdvice(error) : error;
  });
  const sample = join(PROJECT_ROOT, "data", "sample");
  const imported = await importHistory(store, [
    join(sample, "export"),
    join(sample, "export_podcasts"),
  ]);
  let added = 0;
  let missed = 0;
  // Syncs and snapshots are dated by the listener's time (the catalog's moment, moved on).
  const listenerTime = () => Date.parse(loadSampleCatalog().now) + offset;
  for (const day of DAYS) {
    offset = day * DAY;
    const report = await syncHistory(store, { client, tokens }, {
      snapshots: true,
      now: listenerTime,
    });
    added += report.added;
    if (report.missed !== undefined) missed++;
  }
  return `Sample listening history in ${path}: ${imported.added} plays imported, ${added} synced over ${DAYS.length} simulated days` +
    (missed > 0 ? ` (${missed} window of plays missed, as a late sync would)` : "");
}

/**
 * The store's sentence with advice for the demo, which sets SPOTIFY_HISTORY_DB itself: what is
 * wrong with the file, then to move it away or give another `--out` folder.
 */
function demoAdvice(error: SpotifyError): SpotifyError {
  const what = error.message.split("; ")[0]!;
  return new SpotifyError(
    `${what}; the offline demo keeps the sample listening history there: move that file away or give the demo another folder with --out (the file is left as it is)`,
    { cause: error },
  );
}

/**
 * Fold the store's `-wal` and `-shm` files back into it (the notebooks' kernels end without closing
 * it), so that the output folder holds one file: the last connection to close checkpoints them.
 *
 * @param path The store file.
 */
export function closeSampleHistory(path: string): void {
  try {
    Deno.statSync(`${path}-wal`);
  } catch {
    return;
  }
  const db = new DatabaseSync(path, { timeout: 15_000 });
  try {
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}
