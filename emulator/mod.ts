/**
 * The offline Spotify Web API: the same HTTP contract as `api.spotify.com` and
 * `accounts.spotify.com`, served on 127.0.0.1 from a bundled fictional catalog, in Development or
 * Extended Quota Mode, with faults on demand. It backs the offline notebooks and every test.
 *
 * It never imports `lib/`. The library reaches it through one seam: `connect()` imports this module
 * when there are no credentials. Tests and tools import it directly; what only tests and benchmarks
 * use (a seeded PRNG, synthetic data, the catalog's yardstick) is in `testing.ts`.
 *
 * ```ts
 * import { startEmulator } from "./mod.ts";
 * import assert from "node:assert/strict";
 * await using server = await startEmulator({ mode: "development" });
 * const answer = await fetch(`${server.accountsUrl}/api/token`, { method: "POST" });
 * assert.equal(answer.status, 400);
 * await answer.body?.cancel();
 * ```
 *
 * @module
 */
export { type RunningEmulator, startEmulator, type StartEmulatorOptions } from "./server.ts";
export {
  createEmulator,
  type Emulator,
  type EmulatorOptions,
  type LoggedRequest,
} from "./handler.ts";
export type { EmulatorMode } from "./objects.ts";
export type { FaultKind, FaultOptions } from "./faults.ts";
export { loadSampleCatalog, SAMPLE_CLIENT_ID, SAMPLE_CLIENT_SECRET } from "./sample.ts";
export type * from "./catalog_types.ts";
