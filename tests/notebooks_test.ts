/**
 * Every notebook executed end to end by the real Deno kernel (nbclient), as `deno task demo` runs
 * them: offline (no credentials: the in-process emulator), and with canary credentials against an
 * emulator in each mode. Checks each one's outputs, and that no secret or token is in any byte.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { PROJECT_ROOT } from "../lib/config.ts";
import { runNotebooks } from "../tools/_jupyter.ts";
import { startEmulator } from "../tools/emulator/server.ts";

const NOTEBOOKS = [...Deno.readDirSync(join(PROJECT_ROOT, "notebooks"))]
  .filter((e) => e.name.endsWith(".ipynb"))
  .map((e) => join(PROJECT_ROOT, "notebooks", e.name))
  .sort();

const CANARY_ID = "canaryClientIdC4N4RY0000000000001";
const CANARY_SECRET = "canarySecretC4N4RYdoNotLeak000042";
const EMULATOR_TOKEN = /BQ[0-9a-f]{32}emu/;

interface Output {
  output_type: string;
  data?: Record<string, unknown>;
  text?: string | string[];
}
interface Cell {
  cell_type: string;
  outputs?: Output[];
}

async function execute(env: Record<string, string>) {
  const outDir = await Deno.makeTempDir();
  // A cache of their own, so that every run fetches and the project's data/cache stays untouched.
  const cache = { SPOTIFY_CACHE_DIR: join(outDir, "cache") };
  const results = await runNotebooks({ notebooks: NOTEBOOKS, outDir, env: { ...cache, ...env } });
  return { outDir, results };
}

async function checkOutputs(
  outDir: string,
  results: Awaited<ReturnType<typeof runNotebooks>>,
  offline: boolean,
) {
  for (const result of results) {
    assert.ok(result.ok, `${result.notebook}: ${result.error}`);
    const ipynbText = await Deno.readTextFile(result.ipynb!);
    const htmlText = await Deno.readTextFile(result.html!);
    for (const text of [ipynbText, htmlText]) {
      assert.ok(!text.includes(CANARY_SECRET), `${result.notebook} shows the client secret`);
      assert.ok(!text.includes(CANARY_ID), `${result.notebook} shows the client id`);
      assert.ok(!EMULATOR_TOKEN.test(text), `${result.notebook} shows an access token`);
    }
    const cells = (JSON.parse(ipynbText) as { cells: Cell[] }).cells;
    const outputs = cells.flatMap((c) => c.outputs ?? []);
    assert.equal(outputs.filter((o) => o.output_type === "error").length, 0);
    const html = outputs.map((o) => [o.data?.["text/html"]].flat().join("")).join("\n");
    assert.match(html, /<table/, `${result.notebook} has no table`);
    assert.match(
      html,
      /<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/,
      `${result.notebook} has no chart`,
    );
    assert.equal(html.includes("Offline sample data."), offline, `${result.notebook}: banner`);
    assert.match(htmlText, /<svg/);
  }
  await Deno.remove(outDir, { recursive: true });
}

Deno.test("every notebook runs offline with the bundled emulator, with tables, charts and a banner", async () => {
  const { outDir, results } = await execute({
    SPOTIFY_CLIENT_ID: "",
    SPOTIFY_CLIENT_SECRET: "",
    SPOTIFY_MODE: "auto",
  });
  await checkOutputs(outDir, results, true);
});

for (const mode of ["development", "extended"] as const) {
  Deno.test(`every notebook runs against the emulator in ${mode} mode and shows no secret`, async () => {
    await using server = await startEmulator({
      mode,
      clientId: CANARY_ID,
      clientSecret: CANARY_SECRET,
    });
    const { outDir, results } = await execute({
      SPOTIFY_CLIENT_ID: CANARY_ID,
      SPOTIFY_CLIENT_SECRET: CANARY_SECRET,
      SPOTIFY_API_URL: server.apiUrl,
      SPOTIFY_ACCOUNTS_URL: server.accountsUrl,
      SPOTIFY_MODE: mode,
    });
    await checkOutputs(outDir, results, false);
    assert.ok(server.emulator.log.some((r) => r.path.startsWith("/v1/search")));
  });
}

Deno.test("committed notebooks have no outputs and no execution counts", async () => {
  for (const path of NOTEBOOKS) {
    const cells = (JSON.parse(await Deno.readTextFile(path)) as {
      cells: (Cell & { execution_count?: unknown })[];
    })
      .cells;
    for (const cell of cells) {
      assert.deepEqual(cell.outputs ?? [], [], `${path} has outputs: strip them (see README)`);
      assert.equal(cell.execution_count ?? null, null, `${path} has execution counts`);
    }
  }
});
