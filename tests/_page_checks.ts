/**
 * What a reader does on a page, driven in real Chromium over the DevTools protocol, for the rendered
 * pages (`tests/browser_test.ts`) and the live notebook (`tests/live_notebooks_test.ts`): hover a
 * chart mark, click a table header, filter, show all; and what the page does meanwhile: requests
 * that fail or leave the machine, console errors, and how charts appear in the accessibility tree.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { BrowserPage } from "../tools/cdp.ts";

/** What a watched page did. */
export interface PageWatch {
  /** Requests that failed, with their reason. */
  failed: string[];
  /** Requests to anywhere but the page's own folder (for a file) or this machine (loopback). */
  external: string[];
  /** Console errors, uncaught exceptions and browser log errors. */
  errors: string[];
}

function isLocal(url: string, folder: string | undefined): boolean {
  if (/^(data|blob|about|chrome-error):/.test(url)) return true;
  if (url.startsWith("file:")) return folder !== undefined && url.startsWith(`file://${folder}/`);
  try {
    return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Watch a page from now on (call it before navigating). With `folder` (a page from a file), the
 * network is off altogether, and a file outside the folder counts as external; without it, only
 * requests to this machine go through (the live notebook's server) and any other fails as if
 * disconnected.
 */
export async function watchPage(page: BrowserPage, folder?: string): Promise<PageWatch> {
  const offline = folder !== undefined;
  const watch: PageWatch = { failed: [], external: [], errors: [] };
  const urls = new Map<string, string>();
  type Params = Record<string, never>;
  page.on("Network.requestWillBeSent", (p) => {
    const { requestId, request } = p as { requestId: string; request: { url: string } };
    urls.set(requestId, request.url);
    if (!isLocal(request.url, folder)) watch.external.push(request.url);
  });
  page.on("Network.loadingFailed", (p) => {
    const { requestId, errorText, canceled } = p as Params & {
      requestId: string;
      errorText: string;
      canceled?: boolean;
    };
    if (!canceled) watch.failed.push(`${errorText}: ${urls.get(requestId) ?? requestId}`);
  });
  page.on("Runtime.consoleAPICalled", (p) => {
    const { type, args } = p as { type: string; args: { value?: unknown; description?: string }[] };
    if (type !== "error" && type !== "assert") return;
    watch.errors.push(args.map((a) => a.description ?? String(a.value)).join(" "));
  });
  page.on("Runtime.exceptionThrown", (p) => {
    const { exceptionDetails: d } = p as {
      exceptionDetails: { text: string; exception?: { description?: string } };
    };
    watch.errors.push(d.exception?.description ?? d.text);
  });
  page.on("Log.entryAdded", (p) => {
    const { entry } = p as { entry: { level: string; text: string; url?: string } };
    if (entry.level === "error") watch.errors.push(`${entry.text} ${entry.url ?? ""}`.trim());
  });
  await page.send("Network.enable");
  await page.send("Log.enable");
  if (offline) {
    await page.send("Network.emulateNetworkConditions", {
      offline: true,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
  } else {
    page.on("Fetch.requestPaused", (p) => {
      const { requestId, request } = p as { requestId: string; request: { url: string } };
      const local = isLocal(request.url, folder);
      page.send(local ? "Fetch.continueRequest" : "Fetch.failRequest", {
        requestId,
        ...(local ? {} : { errorReason: "InternetDisconnected" }),
      }).catch(() => {}); // the page may be gone
    });
    await page.send("Fetch.enable", { patterns: [{ urlPattern: "*" }] });
  }
  return watch;
}

/** Move the mouse to a point of the viewport, as a person does. */
export async function moveMouse(page: BrowserPage, x: number, y: number): Promise<void> {
  await page.send("Input.dispatchMouseEvent", { type: "mouseMoved", x, y });
}

/** Click at a point of the viewport: press and release the left button. */
export async function click(page: BrowserPage, x: number, y: number): Promise<void> {
  await moveMouse(page, x, y);
  for (const type of ["mousePressed", "mouseReleased"]) {
    await page.send("Input.dispatchMouseEvent", { type, x, y, button: "left", clickCount: 1 });
  }
}

/** Where an element is, scrolled into view: the centre of its box in the viewport. */
async function centre(page: BrowserPage, expression: string): Promise<{ x: number; y: number }> {
  return await page.evaluate(`(() => {
    const element = ${expression};
    element.scrollIntoView({ block: "center", inline: "center" });
    const box = element.getBoundingClientRect();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  })()`);
}

/** What hovering a chart mark showed. */
export interface Hover {
  /** The mark's own values (its SVG `<title>`), one "label: value" a line. */
  title: string;
  /** The text of the tip that appeared. */
  tip: string;
}

/**
 * Hover the first mark matching `selector` (inside a chart, with a `<title>`) whose centre is not
 * covered by another element, and read the tip that appears.
 */
export async function hoverMark(page: BrowserPage, selector: string): Promise<Hover> {
  const found = await page.evaluate<{ x: number; y: number; title: string } | null>(`(() => {
    for (const mark of document.querySelectorAll(${JSON.stringify(selector)})) {
      const title = mark.querySelector(":scope > title")?.textContent;
      if (!title) continue;
      mark.scrollIntoView({ block: "center" });
      const box = mark.getBoundingClientRect();
      const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
      if (box.width < 2 || box.height < 2 || document.elementFromPoint(x, y) !== mark) continue;
      return { x, y, title };
    }
    return null;
  })()`);
  assert.ok(found, `a mark to hover (${selector})`);
  await moveMouse(page, found.x - 1, found.y - 1);
  await moveMouse(page, found.x, found.y);
  const tip = await page.waitFor<string>(
    `(() => {
      const tip = document.querySelector(".spotify-tip");
      return tip && !tip.hidden && tip.getBoundingClientRect().width > 0 ? tip.innerText : "";
    })()`,
    "the tip of the hovered mark",
    5_000,
  );
  return { title: found.title, tip };
}

/** Rows of a table (the `index`th enhanced one), each row's cells as text. */
export function tableRows(page: BrowserPage, index = 0): Promise<string[][]> {
  return page.evaluate(`[...document.querySelectorAll(".spotify-table[data-explore]")[${index}]
    .querySelector("tbody").rows].map((tr) => [...tr.cells].map((td) => td.textContent))`);
}

/** Whether cells are in the order the page sorts a column in: numbers, then text; nulls last. */
export function isSorted(values: string[], numeric: boolean): boolean {
  const key = (v: string) => numeric ? Number(v.replace(/,/g, "")) : v;
  const present = values.filter((v) => v !== "null");
  assert.deepEqual(values.slice(present.length).filter((v) => v !== "null"), [], "nulls last");
  return present.every((v, i) => {
    if (i === 0) return true;
    const [a, b] = [key(present[i - 1]!), key(v)];
    return typeof a === "number" && typeof b === "number"
      ? a <= b
      : String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: "base" }) <=
        0;
  });
}

/** What clicking a header did. */
export interface Sorted {
  column: string;
  /** The column's position. */
  index: number;
  before: string[][];
  after: string[][];
  numeric: boolean;
  ariaSort: string | null;
}

/**
 * Click the header of a column of the `index`th table whose rows are not already in its order, as
 * a person does (a real mouse click), and read the rows before and after.
 */
export async function sortByHeader(page: BrowserPage, index = 0): Promise<Sorted> {
  await page.waitFor(
    `document.querySelectorAll(".spotify-table[data-explore]").length > ${index}`,
    "an explorable table",
    10_000,
  );
  const before = await tableRows(page, index);
  const heads = await page.evaluate<{ name: string; numeric: boolean }[]>(
    `[...document.querySelectorAll(".spotify-table[data-explore]")[${index}].querySelectorAll("th")]
      .map((th) => ({ name: th.textContent, numeric: th.dataset.type === "number" }))`,
  );
  const rows = before.filter((row) => row.length === heads.length);
  const column = heads.findIndex((h, i) =>
    new Set(rows.map((r) => r[i])).size > 1 && !isSorted(rows.map((r) => r[i]!), h.numeric)
  );
  assert.ok(column >= 0, "a column whose rows are not in order yet");
  const th = `document.querySelectorAll(".spotify-table[data-explore]")[${index}]
    .querySelectorAll("th")[${column}]`;
  const { x, y } = await centre(page, th);
  await click(page, x, y);
  const ariaSort = await page.evaluate<string | null>(`${th}.getAttribute("aria-sort")`);
  return {
    column: heads[column]!.name,
    index: column,
    before,
    after: await tableRows(page, index),
    numeric: heads[column]!.numeric,
    ariaSort,
  };
}

/** How each chart (`svg.spotify-chart`) appears in the page's full accessibility tree. */
export async function chartsInAccessibilityTree(
  page: BrowserPage,
): Promise<{ role: string; name: string }[]> {
  await page.send("DOM.enable");
  await page.send("Accessibility.enable");
  const { root } = await page.send<{ root: { nodeId: number } }>("DOM.getDocument", { depth: 0 });
  const { nodeIds } = await page.send<{ nodeIds: number[] }>("DOM.querySelectorAll", {
    nodeId: root.nodeId,
    selector: "svg.spotify-chart",
  });
  const charts = new Set<number>();
  for (const nodeId of nodeIds) {
    const { node } = await page.send<{ node: { backendNodeId: number } }>("DOM.describeNode", {
      nodeId,
    });
    charts.add(node.backendNodeId);
  }
  const { nodes } = await page.send<{
    nodes: {
      backendDOMNodeId?: number;
      ignored: boolean;
      role?: { value: string };
      name?: { value: string };
    }[];
  }>("Accessibility.getFullAXTree");
  const found = nodes.filter((n) => !n.ignored && charts.has(n.backendDOMNodeId ?? -1));
  assert.equal(found.length, charts.size, "every chart is in the accessibility tree");
  return found.map((n) => ({ role: n.role?.value ?? "", name: n.name?.value ?? "" }));
}
