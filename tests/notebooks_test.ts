/**
 * Every notebook executed end to end by the real Deno kernel (nbclient), as `deno task demo` runs
 * them: offline (no credentials: the in-process emulator), and with canary credentials against an
 * emulator in each mode, the three at once. Checks each one's outputs, and that no secret or token
 * is in any byte. Everything is written to temporary folders.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { PROJECT_ROOT } from "../lib/core/config.ts";
import { runNotebooks } from "../tools/jupyter.ts";
import { type RunningEmulator, startEmulator } from "../emulator/mod.ts";
import { createUserTokenProvider, signIn } from "../lib/mod.ts";
import { decodePng, inkShare } from "../tools/browser.ts";
import { type Browser, launchBrowser } from "../tools/cdp.ts";

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
  secrets: string[] = [],
) {
  for (const result of results) {
    assert.ok(result.ok, `${result.notebook}: ${result.error}`);
    const ipynbText = await Deno.readTextFile(result.ipynb!);
    const htmlText = await Deno.readTextFile(result.html!);
    for (const text of [ipynbText, htmlText]) {
      assert.ok(!text.includes(CANARY_SECRET), `${result.notebook} shows the client secret`);
      assert.ok(!text.includes(CANARY_ID), `${result.notebook} shows the client id`);
      assert.ok(!EMULATOR_TOKEN.test(text), `${result.notebook} shows an access token`);
      for (const secret of secrets) {
        assert.ok(!text.includes(secret), `${result.notebook} shows a user token`);
      }
    }
    const cells = (JSON.parse(ipynbText) as { cells: Cell[] }).cells;
    const outputs = cells.flatMap((c) => c.outputs ?? []);
    assert.equal(outputs.filter((o) => o.output_type === "error").length, 0);
    // VS Code and plain viewers fall back to text/plain: every HTML output carries one.
    for (const output of outputs.filter((o) => o.data?.["text/html"] !== undefined)) {
      assert.ok(output.data?.["text/plain"] !== undefined, `${result.notebook}: HTML without text`);
    }
    const html = outputs.map((o) => [o.data?.["text/html"]].flat().join("")).join("\n");
    assert.match(html, /<table/, `${result.notebook} has no table`);
    assert.match(
      html,
      /<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/,
      `${result.notebook} has no chart`,
    );
    assert.equal(html.includes("Offline sample data."), offline, `${result.notebook}: banner`);
    assert.match(htmlText, /<svg/);
    if (result.notebook.includes("05_podcasts")) {
      // The export's plays of each kind are counted apart (podcast plays once counted as audiobooks).
      for (const kind of ["track", "episode", "audiobook"]) {
        assert.match(html, new RegExp(`>${kind}<`), `${result.notebook}: no ${kind} plays`);
      }
    }
  }
  await Deno.remove(outDir, { recursive: true });
}

/** The chart SVGs of a rendered page, outermost elements whole. */
function chartsOf(html: string): string[] {
  const charts: string[] = [];
  const start = /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="spotify-chart"/g;
  for (let match = start.exec(html); match; match = start.exec(html)) {
    let depth = 0;
    const tags = /<svg\b|<\/svg>/g;
    tags.lastIndex = match.index;
    for (let tag = tags.exec(html); tag; tag = tags.exec(html)) {
      depth += tag[0] === "</svg>" ? -1 : 1;
      if (depth === 0) {
        charts.push(html.slice(match.index, tags.lastIndex));
        start.lastIndex = tags.lastIndex;
        break;
      }
    }
  }
  return charts;
}

/**
 * Every rendered page in headless Chromium: a screenshot of the whole page, and each chart of the
 * page, as rendered, stacked on a page of its own and screenshotted: every chart's area must hold a
 * drawing. The screenshots go beside the pages, in the test's temporary folder.
 */
async function checkBrowser(
  browser: Browser,
  results: Awaited<ReturnType<typeof runNotebooks>>,
  dir: string,
) {
  await using tab = await browser.newPage();
  /** Open a page in the tab and write its PNG to `out`, `width` × `height` CSS pixels. */
  const screenshot = async (url: string, out: string, { width = 1000, height = 2000 } = {}) => {
    await tab.navigate(url);
    await tab.screenshot(out, { width, height });
    return out;
  };
  for (const result of results) {
    assert.ok(result.ok, `${result.notebook}: ${result.error}`);
    const name = result.html!.replace(/^.*\//, "").replace(/\.html$/, "");
    const page = await decodePng(
      await Deno.readFile(
        await screenshot(`file://${result.html}`, join(dir, `${name}.png`), { height: 6000 }),
      ),
    );
    assert.ok(inkShare(page, [0, 0, page.width, 800]) > 0.03, `${name}: the page shows`);
    const charts = chartsOf(await Deno.readTextFile(result.html!));
    assert.ok(charts.length > 0, `${name} has charts`);
    let top = 0;
    const boxes = charts.map((svg) => {
      const height = Number(/height="(\d+)"/.exec(svg)![1]);
      const box = [top, height] as const;
      top += height;
      return box;
    });
    const stack = join(dir, `${name}.charts.html`);
    await Deno.writeTextFile(
      stack,
      `<!DOCTYPE html><meta charset="utf-8"><body style="margin:0;background:white">` +
        charts.map((svg, i) => `<div style="height:${boxes[i]![1]}px">${svg}</div>`).join(""),
    );
    const image = await decodePng(
      await Deno.readFile(
        await screenshot(`file://${stack}`, join(dir, `${name}.charts.png`), {
          width: 760,
          height: top + 10,
        }),
      ),
    );
    boxes.forEach(([y, height], i) => {
      const share = inkShare(image, [0, y, 720, height]);
      assert.ok(share > 0.02, `${name}, chart ${i + 1}: ${(share * 100).toFixed(1)}% drawn`);
    });
  }
}

interface Run {
  outDir: string;
  results: Awaited<ReturnType<typeof runNotebooks>>;
  secrets?: string[];
}

/** The user has run `deno task login` against this emulator: a token file for the user notebooks. */
async function signedIn(server: RunningEmulator, home: string): Promise<string> {
  const tokenFile = join(home, ".spotify-token.json");
  const tokens = createUserTokenProvider({
    clientId: CANARY_ID,
    accountsUrl: server.accountsUrl,
    apiUrl: server.apiUrl,
    tokenFile,
  });
  await tokens.set(
    await signIn({
      clientId: CANARY_ID,
      accountsUrl: server.accountsUrl,
      redirectUri: "http://127.0.0.1:0/callback",
      open: async (url) => void await (await fetch(url)).body?.cancel(),
    }),
  );
  return tokenFile;
}

// The three runs are independent (each its own kernels, cache and output folder): they run at the
// same time rather than one after another.
Deno.test("every notebook runs offline with a banner, and against the emulator in development and extended mode without showing a secret, with tables and charts", async () => {
  // One Chromium for every screenshot; the offline pages are checked in it as soon as they are
  // rendered, while the other two runs go on.
  await using browser = await launchBrowser();
  const offline = execute({
    SPOTIFY_CLIENT_ID: "",
    SPOTIFY_CLIENT_SECRET: "",
    SPOTIFY_MODE: "auto",
  }).then(async (run) => {
    await checkBrowser(browser, run.results, run.outDir);
    return run;
  });
  const online = (["development", "extended"] as const).map(async (mode) => {
    await using server = await startEmulator({
      mode,
      clientId: CANARY_ID,
      clientSecret: CANARY_SECRET,
    });
    const home = await Deno.makeTempDir();
    const tokenFile = await signedIn(server, home);
    const run = await execute({
      SPOTIFY_CLIENT_ID: CANARY_ID,
      SPOTIFY_CLIENT_SECRET: CANARY_SECRET,
      SPOTIFY_API_URL: server.apiUrl,
      SPOTIFY_ACCOUNTS_URL: server.accountsUrl,
      SPOTIFY_MODE: mode,
      SPOTIFY_TOKEN_FILE: tokenFile,
    });
    const file = JSON.parse(await Deno.readTextFile(tokenFile));
    await Deno.remove(home, { recursive: true });
    assert.ok(server.emulator.log.some((r) => r.path.startsWith("/v1/search")), mode);
    return { ...run, secrets: [file.access_token, file.refresh_token] as string[] } as Run;
  });
  // Settle all three before failing on one, so that none runs on after the test.
  const settled = await Promise.allSettled([offline, ...online]);
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) throw failed.reason;
  const [offlineRun, ...onlineRuns] = settled.map((s) => (s as PromiseFulfilledResult<Run>).value);
  await checkOutputs(offlineRun!.outDir, offlineRun!.results, true);
  for (const run of onlineRuns) await checkOutputs(run.outDir, run.results, false, run.secrets);
});

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
