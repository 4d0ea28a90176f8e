/**
 * The client benchmark: the full discography (every album, every track) of 10 sample artists from
 * the emulator with 50 ms added to every response, in both modes. It prints requests made against
 * the minimum for the mode, wall time against the same work one request at a time, requests on a
 * warm-cache re-run, and the outcome under the emulator's rate limit.
 *
 * @module
 */
import { createClient, createTokenProvider, fetchDiscography } from "../lib/mod.ts";
import type { ClientOptions, Discography } from "../lib/mod.ts";
import { type FaultOptions, loadSampleCatalog, startEmulator } from "../emulator/mod.ts";
import { expectedDiscography } from "../emulator/testing.ts";

const LATENCY_MS = 50;
const ARTISTS = 10;

interface Run {
  ms: number;
  requests: number;
  result: Discography;
  throttled: number;
}

async function run(
  mode: "development" | "extended",
  faults: FaultOptions,
  client: Partial<ClientOptions> = {},
): Promise<Run> {
  await using server = await startEmulator({ mode, faults });
  const artistIds = loadSampleCatalog().artists.slice(0, ARTISTS).map((a) => a.id);
  const spotify = createClient({
    apiUrl: server.apiUrl,
    mode,
    tokenProvider: createTokenProvider(server),
    ...client,
  });
  await spotify.search("a", "artist", { max: 1 }); // the token, outside the timing
  const before = server.emulator.log.length;
  const started = performance.now();
  const result = await fetchDiscography(spotify, artistIds);
  const ms = performance.now() - started;
  const log = server.emulator.log.slice(before).filter((r) => r.path.startsWith("/v1/"));
  return {
    ms,
    requests: log.length,
    result,
    throttled: log.filter((r) => r.status === 429).length,
  };
}

/** Every album and track once: ids compared with a reference run. */
function sameItems(a: Discography, b: Discography): boolean {
  const ids = (d: Discography) => [
    d.albums.map((x) => x.id).sort().join(),
    d.tracks.map((x) => x.id).sort().join(),
  ];
  const [albumsA, tracksA] = ids(a);
  const [albumsB, tracksB] = ids(b);
  const unique = new Set(a.tracks.map((t) => t.id)).size === a.tracks.length;
  return albumsA === albumsB && tracksA === tracksB && unique;
}

/**
 * Run the client benchmark and print its table.
 *
 * @returns Whether every target was met.
 */
export async function benchClient(): Promise<boolean> {
  const catalog = loadSampleCatalog();
  const artistIds = catalog.artists.slice(0, ARTISTS).map((a) => a.id);
  const latency = { latencyMs: LATENCY_MS };
  let met = true;
  console.log(
    `\nClient: full discography of ${ARTISTS} sample artists, emulator with ${LATENCY_MS} ms per response`,
  );
  for (const mode of ["development", "extended"] as const) {
    const expected = expectedDiscography(catalog, artistIds, mode);
    const parallel = await run(mode, latency);
    const serial = await run(mode, latency, { concurrency: 1 });
    const dir = await Deno.makeTempDir({ prefix: "bench-cache-" });
    let warm: Run;
    try {
      await run(mode, latency, { cache: { dir } });
      warm = await run(mode, latency, { cache: { dir } });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
    // A window a third of the work: the run must wait out 429s at least twice.
    const perSecond = Math.ceil(expected.minimumRequests / 3);
    const limited = await run(mode, {
      ...latency,
      rateLimit: { requests: perSecond, windowMs: 1000 },
    });
    const speedup = serial.ms / parallel.ms;
    const exact = sameItems(limited.result, parallel.result) &&
      sameItems(warm.result, parallel.result);
    console.log(`  ${mode}: ${expected.albumIds.size} albums, ${expected.tracks} tracks`);
    console.log(
      `    requests             ${parallel.requests} made, minimum ${expected.minimumRequests} = ${expected.formula}`,
    );
    console.log(
      `    wall time            ${parallel.ms.toFixed(0)} ms at concurrency 10, ${
        serial.ms.toFixed(0)
      } ms one request at a time: ${speedup.toFixed(1)}x faster`,
    );
    console.log(`    warm-cache re-run    ${warm.requests} requests`);
    console.log(
      `    rate limit ${`${perSecond}/s`.padEnd(10)}${limited.throttled} answers were 429, ${
        limited.ms.toFixed(0)
      } ms; every item exactly once: ${exact ? "yes" : "NO"}`,
    );
    met &&= parallel.requests === expected.minimumRequests && speedup >= 5 && warm.requests === 0 &&
      exact && limited.throttled > 0;
  }
  return met;
}
