/**
 * The Deno kernel cannot be interrupted (Jupyter's interrupt kills it; measured in
 * tests/live_notebooks_test.ts's notes), so long fetches carry a time budget instead: notebook 02
 * passes `signal: AbortSignal.timeout(FETCH_SECONDS * 1000)` to `fetchDiscography`. This test runs
 * that pattern in the real kernel against a slow emulator: the cell stops within its budget, the
 * kernel stays usable, and a re-run resumes from the cache instead of starting over.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { connect, fetchDiscography } from "../lib/mod.ts";
import { startEmulator } from "../emulator/mod.ts";
import { type ExecutedCell, runInKernel } from "./_kernel.ts";

const MARKER = "/v1/after-the-abort";

function cellsOf(env: Record<string, string>, cacheDir: string): string[] {
  const lib = new URL("../lib/mod.ts", import.meta.url).href;
  return [
    `import { connect, fetchDiscography } from "${lib}";\n` +
    `const spotify = await connect({ env: ${JSON.stringify(env)}, envFile: false, ` +
    `cacheDir: ${JSON.stringify(cacheDir)} });\n` +
    `const artists = await spotify.client.search("the", "artist", { max: 3 });`,
    // The cell as notebook 02 writes it, with a one-second budget.
    `const started = performance.now();\nlet stopped: Error | undefined;\n` +
    `try {\n  await fetchDiscography(spotify.client, artists.map((a) => a.id!), ` +
    `{ signal: AbortSignal.timeout(1000) });\n} catch (error) {\n  stopped = error as Error;\n}\n` +
    `({ name: stopped?.name, message: stopped?.message, ms: Math.round(performance.now() - started) })`,
    // A marker in the emulator's log, then the same fetch with room to finish.
    `await (await fetch(spotify.config.apiUrl.replace(/\\/v1$/, "") + "${MARKER}")).body?.cancel();\n` +
    `const { albums } = await fetchDiscography(spotify.client, artists.map((a) => a.id!));\n` +
    `({ kernel: typeof spotify, albums: albums.length })`,
  ];
}

/** The text/plain of a cell's result, read as the object literal it shows. */
function result(cell: ExecutedCell): Record<string, unknown> {
  const data = cell.outputs.find((o) => o.output_type === "execute_result")?.data ?? {};
  // deno-lint-ignore no-control-regex
  const plain = [data["text/plain"] ?? ""].flat().join("").replace(/\x1b\[[0-9;]*m/g, "");
  return Object.fromEntries(
    [...plain.matchAll(/(\w+): (?:"([^"]*)"|'([^']*)'|([\w.]+))/g)].map((m) => [
      m[1],
      m[2] ?? m[3] ?? m[4],
    ]),
  );
}

Deno.test("a notebook's fetch with a time budget stops within it, the kernel stays usable, and a re-run resumes from the cache", async () => {
  const dir = await Deno.makeTempDir({ prefix: "notebook-cancel-" });
  await using server = await startEmulator({ mode: "development", faults: { latencyMs: 400 } });
  try {
    // What a complete fetch costs with an empty cache, measured in this process.
    const env = {
      SPOTIFY_CLIENT_ID: server.clientId,
      SPOTIFY_CLIENT_SECRET: server.clientSecret,
      SPOTIFY_API_URL: server.apiUrl,
      SPOTIFY_ACCOUNTS_URL: server.accountsUrl,
      SPOTIFY_MODE: "development",
    };
    const apiRequests = () => server.emulator.log.filter((r) => r.path.startsWith("/v1/")).length;
    let full = 0;
    {
      await using cold = await connect({ env, envFile: false, cacheDir: false });
      const artists = await cold.client.search("the", "artist", { max: 3 });
      const before = apiRequests();
      await fetchDiscography(cold.client, artists.map((a) => a.id!));
      full = apiRequests() - before;
    }
    assert.ok(full > 20, `a full fetch takes ${full} requests: too few to stop halfway`);

    const cells = await runInKernel(dir, cellsOf(env, join(dir, "cache")));
    for (const cell of cells) {
      assert.ok(!cell.outputs.some((o) => o.output_type === "error"), JSON.stringify(cell));
    }

    const stopped = result(cells[1]!);
    assert.match(String(stopped.name), /^(AbortError|TimeoutError)$/, JSON.stringify(stopped));
    assert.ok(!String(stopped.message).includes("\n"), "one line");
    assert.ok(Number(stopped.ms) < 4000, `stopped after ${stopped.ms} ms with a 1000 ms budget`);

    const resumed = result(cells[2]!);
    assert.equal(resumed.kernel, "object");
    assert.ok(Number(resumed.albums) > 0);
    const marker = server.emulator.log.findIndex((r) => r.path === MARKER);
    assert.ok(marker > 0, "the marker request reached the emulator");
    const after = server.emulator.log.slice(marker + 1).filter((r) => r.path.startsWith("/v1/"));
    assert.ok(
      after.length < full,
      `the re-run made ${after.length} requests; a fetch from scratch makes ${full}`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
