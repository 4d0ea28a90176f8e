/**
 * The notebooks as a person meets them in a real Jupyter: the notebook server that
 * `deno task notebook` starts, driven in headless Chromium through the DevTools protocol. Each
 * notebook is opened in a page and a kernel of its own (all side by side, as in browser
 * tabs), run with Cell > Run All, and checked in the live page: no error, every table
 * and chart, a progress bar that is one output ending at 100%, the offline banner, `text/plain`
 * beside every `text/html`. The outputs are explored as a reader does, with every request that
 * would leave the machine failing: hovering a chart mark tips its values, clicking a table header
 * sorts the rows, every chart is a named image in the accessibility tree, and the page neither
 * fails a request nor logs an error. Re-running a cell reuses the cache; re-running the whole
 * notebook in the same kernel works and starts no second emulator.
 *
 * The server shows a copy of the notebooks in a temporary folder (its `lib/`, `data/`... link to the
 * project's), so nothing the page does can write to `notebooks/`. Screenshots go to a temporary
 * folder, or to `$LIVE_SCREENSHOTS` when set (`deno task screenshots` keeps them in
 * `out/browser/live/`).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { PROJECT_ROOT } from "../lib/core/config.ts";
import { exists } from "../lib/core/files.ts";
import { CHROMIUM } from "../tools/browser.ts";
import { type Browser, type BrowserPage, launchBrowser } from "../tools/cdp.ts";
import { findJupyterPython, findNotebookUi, kernelSpec, stableDenoPath } from "../tools/jupyter.ts";
import { startNotebookServer } from "../tools/notebook_server.ts";
import {
  chartsInAccessibilityTree,
  hoverMark,
  isSorted,
  type PageWatch,
  sortByHeader,
  watchPage,
} from "./_page_checks.ts";

const python = await findJupyterPython();
const ui = python === undefined ? undefined : await findNotebookUi(python);
const missing = python === undefined
  ? "Jupyter (nbclient) is not installed"
  : ui === undefined
  ? "no notebook UI (Jupyter Notebook or JupyterLab) is installed"
  : ui.module !== "notebook"
  ? "the live checks drive the classic Jupyter Notebook UI, and JupyterLab is installed instead"
  : !(await exists(CHROMIUM))
  ? `Chromium is not installed at ${CHROMIUM}`
  : undefined;
if (missing) {
  console.log(`Skipping the live notebook checks: ${missing} (run "deno task test" as root).`);
}

const NOTEBOOKS = [...Deno.readDirSync(join(PROJECT_ROOT, "notebooks"))]
  .filter((e) => /^\d\d_.*\.ipynb$/.test(e.name))
  .map((e) => e.name)
  .sort();

/** A folder that looks like the project to the kernel, with copies of the notebooks. */
async function mirror(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "live-notebooks-" });
  for (const entry of ["lib", "emulator", "data", "deno.json", "deno.lock", "node_modules"]) {
    await Deno.symlink(join(PROJECT_ROOT, entry), join(root, entry));
  }
  await Deno.mkdir(join(root, "notebooks"));
  for (const name of NOTEBOOKS) {
    await Deno.copyFile(join(PROJECT_ROOT, "notebooks", name), join(root, "notebooks", name));
  }
  return root;
}

/** Listening TCP sockets of a process (its zmq ports and any server it started). */
async function listeningSockets(pid: number): Promise<number> {
  const inodes = new Set<string>();
  for await (const entry of Deno.readDir(`/proc/${pid}/fd`)) {
    const link = await Deno.readLink(`/proc/${pid}/fd/${entry.name}`).catch(() => "");
    const match = /^socket:\[(\d+)\]$/.exec(link);
    if (match) inodes.add(match[1]!);
  }
  let count = 0;
  for (const table of ["tcp", "tcp6"]) {
    const text = await Deno.readTextFile(`/proc/${pid}/net/${table}`).catch(() => "");
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === "0A" && inodes.has(fields[9] ?? "")) count++;
    }
  }
  return count;
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

const IDLE = `Jupyter.notebook.get_cells().every((c) => c.cell_type !== "code" ||
    c.input_prompt_number !== "*") &&
  document.querySelector("#kernel_indicator_icon").classList.contains("kernel_idle_icon")`;
const FAILED = `document.querySelector(".output_error") !== null &&
  document.querySelector("#kernel_indicator_icon").classList.contains("kernel_idle_icon")`;

/** Wait until every code cell has run and the kernel is idle (or a cell failed). */
async function settle(page: BrowserPage, what: string): Promise<void> {
  await page.waitFor(`(${IDLE}) || (${FAILED})`, what, 240_000);
}

/** Click Cell > Run All and wait until the kernel is idle; the seconds it took. */
async function runAll(page: BrowserPage): Promise<number> {
  const started = performance.now();
  await page.evaluate(`document.querySelector("#run_all_cells > a").click(), true`);
  await settle(page, "Run All");
  return (performance.now() - started) / 1000;
}

/** Select a cell and click Cell > Run Cells. */
async function runCell(page: BrowserPage, index: number): Promise<void> {
  await page.evaluate(
    `(Jupyter.notebook.select(${index}), document.querySelector("#run_cell > a").click(), true)`,
  );
  await settle(page, `running cell ${index + 1}`);
}

/** Run a probe in a new cell at the bottom (as a person would type it) and read its text. */
async function probe(page: BrowserPage, code: string): Promise<string> {
  const index = await page.evaluate<number>(`(() => {
    const cell = Jupyter.notebook.insert_cell_at_bottom("code");
    cell.set_text(${JSON.stringify(code)});
    return Jupyter.notebook.ncells() - 1;
  })()`);
  await runCell(page, index);
  // The Deno kernel may publish the result just after "idle": wait for it to land.
  await page.waitFor(
    `Jupyter.notebook.get_cell(${index}).output_area.outputs.length > 0`,
    `the result of ${JSON.stringify(code)}`,
    10_000,
  );
  const text = await page.evaluate<string>(
    `Jupyter.notebook.get_cell(${index}).output_area.outputs.map((o) =>
      o.data?.["text/plain"] ?? o.text ?? o.evalue ?? "").join("")`,
  );
  await page.evaluate(`Jupyter.notebook.delete_cell(${index}), true`);
  return text.replace(ANSI, "");
}

interface CellReport {
  index: number;
  source: string;
  outputs: number;
  tables: number;
  charts: number;
  chartNotes: number;
  progress: { text: string; width: string }[];
  errors: string[];
  stderr: string;
  htmlWithoutPlain: number;
  /** Outputs of type execute_result: a cell has at most one. */
  results: number;
  /** What the cell's outputs are, for failure messages. */
  kinds: string;
}

/** What the live page shows, cell by cell. */
function report(page: BrowserPage): Promise<CellReport[]> {
  return page.evaluate<CellReport[]>(`Jupyter.notebook.get_cells()
    .map((cell, index) => ({ cell, index })).filter(({ cell }) => cell.cell_type === "code")
    .map(({ cell, index }) => {
      const element = cell.element[0];
      const outputs = cell.output_area.outputs;
      return {
        index,
        source: cell.get_text(),
        outputs: element.querySelectorAll(".output_area").length,
        tables: element.querySelectorAll(".output_area table").length,
        charts: element.querySelectorAll(".output_area svg.spotify-chart").length,
        chartNotes: element.querySelectorAll(".output_area .spotify-note-warning").length,
        progress: [...element.querySelectorAll(".output_area .spotify-progress")].map((p) => ({
          text: p.textContent,
          width: p.firstElementChild.firstElementChild.style.width,
        })),
        errors: [...element.querySelectorAll(".output_error")].map((e) => e.textContent.slice(0, 300)),
        stderr: [...element.querySelectorAll(".output_stderr")].map((e) => e.textContent).join(""),
        htmlWithoutPlain: outputs.filter((o) => o.data && "text/html" in o.data &&
          !("text/plain" in o.data)).length,
        results: outputs.filter((o) => o.output_type === "execute_result").length,
        kinds: "prompt " + cell.input_prompt_number + ", outputs: " + JSON.stringify(outputs.map((o) =>
          [o.output_type, Object.keys(o.data ?? {}).join("+"), (o.data?.["text/plain"] ?? o.text ?? "")
            .slice(0, 80)])),
      };
    })`);
}

/**
 * Check the live page, reading it again for up to 10 s while a check fails: the Deno kernel may
 * publish a cell's result a moment after it reports idle. Reports how late the page was complete.
 */
async function checkPage(page: BrowserPage, name: string): Promise<void> {
  const started = performance.now();
  for (let attempt = 0;; attempt++) {
    try {
      checkCells(name, await report(page));
      if (attempt > 0) {
        console.log(`${name}: complete ${Math.round(performance.now() - started)} ms after idle`);
      }
      return;
    } catch (error) {
      if (performance.now() - started > 10_000) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** The checks every notebook must pass after a run in the live page. */
function checkCells(name: string, cells: CellReport[]): void {
  for (const cell of cells) {
    const where = `${name}, cell ${cell.index + 1}`;
    assert.deepEqual(cell.errors, [], `${where} shows an error`);
    assert.doesNotMatch(cell.stderr, /error/i, `${where} printed an error`);
    assert.equal(cell.htmlWithoutPlain, 0, `${where} has an HTML output without text/plain`);
    // The Deno kernel can label a late result with the next cell's id (see
    // tools/notebook_ui/nbextensions/deno_late_results.js): it would show under the wrong cell.
    assert.ok(cell.results <= 1, `${where} shows another cell's result (${cell.kinds})`);
    // A cell whose last statement draws (a call at the start of a line) shows a chart, or the note
    // saying why it is empty; one that calls table() shows a table.
    const calls = [...cell.source.matchAll(/^([a-z]\w*)\(/gm)].map((m) => m[1]);
    if (calls.includes("table")) {
      assert.ok(cell.tables > 0, `${where} shows no table (${cell.kinds})`);
    }
    if (calls.some((c) => c !== "table")) {
      assert.ok(cell.charts + cell.chartNotes > 0, `${where} shows no chart (${cell.kinds})`);
    }
    if (cell.source.includes("progressBar(")) {
      assert.equal(cell.progress.length, 1, `${where}: one progress bar, updated in place`);
      assert.match(cell.progress[0]!.text, /\(100%\).*, done$/, `${where}: the bar ended at 100%`);
      assert.equal(cell.progress[0]!.width, "100%", `${where}: the bar is full`);
    }
  }
  assert.ok(cells.some((c) => c.charts > 0), `${name} shows charts`);
}

/**
 * Explore the outputs as a reader does: hover a bar (or, without bars, any mark), sort the first
 * table with rows to sort, and read the charts' names in the accessibility tree.
 */
async function exploreOutputs(page: BrowserPage, name: string): Promise<void> {
  const bars = await page.evaluate<boolean>(
    `document.querySelector(".output_area svg.spotify-chart svg rect > title") !== null`,
  );
  const hover = await hoverMark(
    page,
    `.output_area svg.spotify-chart svg ${bars ? "rect" : "*"}`,
  );
  const lines = (text: string) => text.split("\n").map((l) => l.replace(/\s+/g, " ").trim());
  assert.deepEqual(
    lines(hover.tip),
    lines(hover.title),
    `${name}: the tip shows the mark's values`,
  );
  // A bar's tip has its number; other marks may carry a title the notebook gave them instead.
  if (bars) assert.match(hover.tip, /: [\d,.]+$/m, `${name}: the tip has the bar's value`);
  const table = await page.evaluate<number>(`[...document.querySelectorAll(
    ".output_area .spotify-table[data-explore]")].findIndex((t) => t.querySelectorAll(
    "tbody tr").length >= 3)`);
  if (table >= 0) {
    const sorted = await sortByHeader(page, table);
    assert.equal(sorted.ariaSort, "ascending", `${name}: sorted by ${sorted.column}`);
    assert.notDeepEqual(sorted.after, sorted.before, `${name}: the rows moved`);
    const values = sorted.after.filter((r) => r.length > 1).map((r) => r[sorted.index]!);
    assert.ok(isSorted(values, sorted.numeric), `${name}: ${sorted.column} in order`);
  }
  for (const chart of await chartsInAccessibilityTree(page)) {
    assert.equal(chart.role, "image", `${name}: a chart is an image`);
    assert.match(chart.name, /\w/, `${name}: a chart has a name`);
  }
}

/**
 * The classic Notebook's own page (not an output) always asks for the ipywidgets extension when
 * none is loaded (main.js, "HARDCODED WIDGETS HACK"); without ipywidgets the server answers 404,
 * which the browser logs as two errors.
 */
const JUPYTER_OWN = /\/nbextensions\/widgets\/notebook\/js\/extension\.js/;

/** No request failed or left the machine, and nothing was logged as an error. */
function assertQuiet(name: string, watch: PageWatch): void {
  const errors = watch.errors.filter((error) => !JUPYTER_OWN.test(error));
  assert.deepEqual(
    { ...watch, errors },
    { failed: [], external: [], errors: [] },
    `${name}: quiet`,
  );
}

Deno.test("the Deno kernel is registered at a stable copy of Deno, outside npx's cache", {
  ignore: python === undefined,
}, async () => {
  const argv = await kernelSpec(python!);
  assert.ok(argv, "no deno kernelspec: run deno task test once");
  assert.equal(argv[0], stableDenoPath());
  assert.doesNotMatch(argv[0]!, /_npx/);
  assert.deepEqual(argv.slice(1), ["jupyter", "--kernel", "--conn", "{connection_file}"]);
});

/**
 * Open one notebook in a page of its own, Run All, check the page, re-run the search (cached, then
 * fresh) and Run All again in the same kernel, which then shuts down.
 */
async function checkNotebook(
  browser: Browser,
  server: { base: string; token: string },
  name: string,
  shots: string,
): Promise<void> {
  await using page = await browser.newPage();
  const watch = await watchPage(page);
  const base = name.replace(/\.ipynb$/, "");
  await page.navigate(`${server.base}notebooks/notebooks/${name}?token=${server.token}`);
  await page.waitFor(
    `window.Jupyter?.notebook?._fully_loaded && Jupyter.notebook.kernel?.is_connected()`,
    `${name}: the kernel connects`,
    120_000,
  );
  await page.evaluate(`Jupyter.notebook.set_autosave_interval(0), true`);
  assert.ok(
    await page.evaluate<boolean>(`Jupyter.notebook.kernel._denoLateResults === true`),
    "the project's extension (late results, one cell at a time) is loaded",
  );
  const seconds = await runAll(page);
  console.log(`${name}: Run All took ${seconds.toFixed(1)} s`);
  await checkPage(page, base);
  const banner = await page.evaluate<string>(
    `document.querySelector(".spotify-note-offline")?.textContent ?? ""`,
  );
  assert.match(banner, /^Offline sample data\. /, `${name}: the offline banner`);
  await exploreOutputs(page, base);

  const height = await page.evaluate<number>(`(() => {
      document.querySelector("#site").style.height = "auto";
      return Math.min(20000, document.querySelector("#notebook-container").scrollHeight + 140);
    })()`);
  await page.screenshot(join(shots, `${base}.png`), { width: 1200, height });
  await page.evaluate(`document.querySelector("#site").style.height = "", true`);

  const pid = Number(await probe(page, "Deno.pid"));
  const requests = async () => Number(await probe(page, "spotify.emulatorRequests"));
  const listening = await listeningSockets(pid);
  const search = await page.evaluate<number>(
    `Jupyter.notebook.get_cells().findIndex((c) => c.get_text().includes("client.search("))`,
  );
  if (search >= 0) {
    const before = await requests();
    await runCell(page, search);
    assert.equal(await requests(), before, `${name}: re-running the search is served cached`);
    const params = await page.evaluate<number>(`(() => {
        const index = Jupyter.notebook.get_cells().findIndex((c) =>
          c.metadata.tags?.includes("parameters"));
        const cell = Jupyter.notebook.get_cell(index);
        cell.set_text(cell.get_text().replace("const FRESH = false", "const FRESH = true"));
        return index;
      })()`);
    assert.ok(params >= 0, `${name} has a cell tagged "parameters"`);
    await runCell(page, params);
    await runCell(page, search);
    assert.ok(await requests() > before, `${name}: with FRESH = true the search asks again`);
    await page.evaluate(`(() => {
        const cell = Jupyter.notebook.get_cell(${params});
        cell.set_text(cell.get_text().replace("const FRESH = true", "const FRESH = false"));
      })(), true`);
  }

  const again = await runAll(page);
  console.log(`${name}: Run All again in the same kernel took ${again.toFixed(1)} s`);
  await checkPage(page, `${base} (second run)`);
  assert.equal(
    await listeningSockets(pid),
    listening,
    `${name}: the second run leaves no second emulator listening`,
  );
  assert.equal(Number(await probe(page, "Deno.pid")), pid, `${name}: the same kernel`);
  assertQuiet(base, watch);
  await page.evaluate(`Jupyter.notebook.session.delete(), true`);
}

Deno.test({
  name:
    "every notebook runs in a live Jupyter page with tables, charts, one progress bar, the banner, and re-runs in the same kernel; offline, a bar tips its value, a header sorts its table, every chart is named and nothing fails or logs an error",
  ignore: missing !== undefined,
  // Its steps run at the same time, which Deno allows only without sanitizers.
  sanitizeOps: false,
  sanitizeResources: false,
  sanitizeExit: false,
  async fn(t) {
    const root = await mirror();
    const shots = Deno.env.get("LIVE_SCREENSHOTS") ?? join(root, "screenshots");
    await Deno.mkdir(shots, { recursive: true });
    await using server = await startNotebookServer({
      python: python!,
      ui: ui!,
      root,
      port: 8900 + Math.floor(Math.random() * 1000),
      env: {
        SPOTIFY_CLIENT_ID: "",
        SPOTIFY_CLIENT_SECRET: "",
        SPOTIFY_MODE: "auto",
        SPOTIFY_CACHE_DIR: join(root, "cache"),
        JUPYTER_RUNTIME_DIR: join(root, "runtime"),
        JUPYTER_CONFIG_DIR: join(root, "config"),
      },
    });
    console.log(`notebook server answered after ${server.startMs} ms`);
    await using browser = await launchBrowser();
    // The notebooks run side by side, each in a page and a kernel of its own.
    await Promise.all(NOTEBOOKS.map((name) =>
      t.step({
        name,
        fn: () => checkNotebook(browser, server, name, shots),
        sanitizeOps: false,
        sanitizeResources: false,
        sanitizeExit: false,
      })
    ));
    for (const name of NOTEBOOKS) {
      const png = await Deno.stat(join(shots, name.replace(/\.ipynb$/, ".png")));
      assert.ok(png.size > 10_000, `${name}: a screenshot`);
    }
    await Deno.remove(root, { recursive: true });
  },
});
