/**
 * The scripts that make charts and tables explorable where scripts run (the rendered HTML, the
 * live notebook): hovering a chart mark shows its values (the mark's `<title>`) in a tip; clicking
 * a table header sorts the rows; tables over 20 rows get a filter box, and cut tables a "show all"
 * button for the rows they carry (`TableOptions.showAll`). They load nothing. Every chart output
 * carries the chart script and every table output the table script, each guarded by a global, so
 * that each output works on its own in a live notebook and the work is done once;
 * `tools/run_notebooks.py` keeps one copy of each per rendered page. Where scripts are stripped
 * (GitHub's notebook view), the static chart and table are unchanged.
 *
 * @module
 */

/** What the table script installs once per page (`window.spotifyTables`). */
interface Explore {
  scan(root: Node): void;
}

/** A table row's cells as shown (`null` for a null value). */
type Cells = (string | null)[];

/** One explorable table: its parts, its rows and what the reader asked for. */
interface TableView {
  head: HTMLTableRowElement;
  body: HTMLTableSectionElement;
  /** The rows the static table shows (restored when nothing is asked). */
  original: HTMLTableRowElement[];
  /** Each column's cell style. */
  styles: string[];
  /** Every row the table carries (up to its cap), in the frame's order. */
  rows: Cells[];
  /** The frame's height. */
  total: number;
  /** Rows shown when not showing all. */
  shown: number;
  numeric: boolean[];
  column: number;
  direction: number;
  filter: string;
  all: boolean;
  status: HTMLElement;
}

// The functions below run in the browser (each one is serialized into the page script): they use
// only the page's globals and each other.

/** Charts: one tip for the page, installed by the first chart output. */
function chartScript(): void {
  const page = window as unknown as { spotifyTips?: boolean };
  if (page.spotifyTips) return;
  page.spotifyTips = true;
  const style = document.createElement("style");
  style.textContent = [
    ".spotify-tip{position:fixed;z-index:10000;pointer-events:none;background:#fff;color:#1f2328;",
    "border:1px solid #d0d7de;border-radius:4px;padding:4px 8px;font:12px/1.45 system-ui,sans-serif;",
    "box-shadow:0 2px 8px rgba(0,0,0,.18);max-width:320px}",
    ".spotify-tip span{color:#57606a}",
    "svg.spotify-chart .spotify-hover{stroke:#1f2328;stroke-width:1.5px}",
  ].join("");
  document.head.appendChild(style);
  installTips();
}

/**
 * Tables: installed by the first table output; each later output's copy looks for new tables in
 * the document, or in the shadow root its output is in (where a notebook front end uses them).
 */
function tableScript(): void {
  const page = window as unknown as { spotifyTables?: Explore };
  const here = document.currentScript ? document.currentScript.getRootNode() : document;
  if (page.spotifyTables) return page.spotifyTables.scan(here);
  const style = document.createElement("style");
  style.textContent = [
    ".spotify-table th[tabindex]{cursor:pointer}",
    ".spotify-table th[aria-sort=ascending]::after{content:' \\25B2'}",
    ".spotify-table th[aria-sort=descending]::after{content:' \\25BC'}",
    ".spotify-tools{display:flex;gap:8px;align-items:center;padding:4px 0;color:#57606a}",
    ".spotify-tools input,.spotify-tools button{font:inherit;padding:2px 6px;",
    "border:1px solid #d0d7de;border-radius:4px;background:#fff;color:#1f2328}",
  ].join("");
  document.head.appendChild(style);
  let scheduled = false;
  const scan = (root: Node) => {
    scheduled = false;
    if (root instanceof ShadowRoot && !root.querySelector("style.spotify-tables")) {
      const copy = style.cloneNode(true) as HTMLStyleElement;
      copy.className = "spotify-tables";
      root.appendChild(copy);
    }
    (root as ParentNode).querySelectorAll<HTMLElement>(".spotify-table:not([data-explore])")
      .forEach(enhanceTable);
  };
  page.spotifyTables = { scan };
  // Outputs a notebook adds later (or renders before attaching) are found when they appear.
  new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => scan(document), 30);
  }).observe(document.documentElement, { childList: true, subtree: true });
  scan(document);
  if (here !== document) scan(here);
}

/** The chart mark under the pointer: the nearest element with values, inside a chart. */
function markOf(target: EventTarget | null): Element | null {
  if (!(target instanceof Element) || !target.closest("svg.spotify-chart")) return null;
  for (let el: Element | null = target; el; el = el.parentElement) {
    if (el.classList.contains("spotify-chart")) return null;
    if (el.hasAttribute("data-tip")) return el;
    const first = el.firstElementChild;
    if (first && first.tagName.toLowerCase() === "title") {
      // The rich tip replaces the browser's own: the title moves to an attribute.
      el.setAttribute("data-tip", first.textContent || "");
      first.remove();
      return el;
    }
  }
  return null;
}

/** One tip for the page, shown beside the mark under the pointer, its lines "label: value". */
function installTips(): void {
  const tip = document.createElement("div");
  tip.className = "spotify-tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  let current: Element | null = null;
  const place = (event: MouseEvent) => {
    const x = Math.min(event.clientX + 14, innerWidth - tip.offsetWidth - 4);
    const below = event.clientY + 16 + tip.offsetHeight < innerHeight;
    tip.style.left = Math.max(4, x) + "px";
    tip.style.top = (below ? event.clientY + 16 : event.clientY - tip.offsetHeight - 10) + "px";
  };
  const show = (mark: Element | null, event: MouseEvent) => {
    if (current && current !== mark) current.classList.remove("spotify-hover");
    current = mark;
    if (!mark) {
      tip.hidden = true;
      return;
    }
    mark.classList.add("spotify-hover");
    tip.replaceChildren(
      ...(mark.getAttribute("data-tip") || "").split("\n").map((line) => {
        const row = document.createElement("div");
        const at = line.indexOf(": ");
        const label = document.createElement("span");
        label.textContent = at < 0 ? "" : line.slice(0, at + 1) + " ";
        row.append(label, at < 0 ? line : line.slice(at + 2));
        return row;
      }),
    );
    if (!tip.isConnected) document.body.appendChild(tip);
    tip.hidden = false;
    place(event);
  };
  // The element under the pointer, inside a shadow root too.
  const under = (event: Event) => event.composedPath()[0] || null;
  document.addEventListener("pointerover", (event) => show(markOf(under(event)), event));
  document.addEventListener("pointermove", (event) => current && place(event));
  document.addEventListener("pointerleave", (event) => show(null, event));
}

/** Makes one table sortable by its headers, with a filter box and "show all" where they help. */
function enhanceTable(box: HTMLElement): void {
  box.setAttribute("data-explore", "");
  const table = box.querySelector("table");
  const body = table && table.tBodies[0];
  const head = table && table.tHead && table.tHead.rows[0];
  if (!body || !head || body.rows.length === 0) return;
  const original = [...body.rows];
  const data = box.querySelector("script.spotify-table-data");
  const rows: Cells[] = data
    ? JSON.parse(data.textContent || "[]")
    : original.map((tr) => [...tr.cells].map((td) => td.firstElementChild ? null : td.textContent));
  const view: TableView = {
    head,
    body,
    original,
    styles: [...original[0]!.cells].map((td) => td.getAttribute("style") || ""),
    rows,
    total: Number(box.getAttribute("data-rows")) || rows.length,
    shown: Number(box.getAttribute("data-max-rows")) || rows.length,
    numeric: [...head.cells].map((th) => th.getAttribute("data-type") === "number"),
    column: -1,
    direction: 1,
    filter: "",
    all: false,
    status: document.createElement("span"),
  };
  [...head.cells].forEach((th, i) => {
    th.tabIndex = 0;
    th.title = "Sort by " + th.textContent;
    const sort = () => {
      const next = view.column !== i ? 1 : view.direction > 0 ? -1 : 0;
      view.column = next === 0 ? -1 : i;
      view.direction = next || 1;
      updateTable(view);
    };
    th.addEventListener("click", sort);
    th.addEventListener("keydown", (event) => {
      event.stopPropagation(); // not the notebook's shortcuts
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      sort();
    });
  });
  const tools = tableTools(view);
  if (tools.firstChild) box.insertBefore(tools, box.firstChild);
}

/** A filter box for tables over 20 rows, a "show all" button for cut ones, and a status line. */
function tableTools(view: TableView): HTMLElement {
  const tools = document.createElement("div");
  tools.className = "spotify-tools";
  const keep = (element: HTMLElement) => {
    element.addEventListener("keydown", (event) => event.stopPropagation());
    tools.appendChild(element);
  };
  if (view.total > 20) {
    const input = document.createElement("input");
    input.type = "search";
    input.placeholder = "Filter rows";
    input.setAttribute("aria-label", "Filter rows");
    input.addEventListener("input", () => {
      view.filter = input.value.trim().toLowerCase();
      updateTable(view);
    });
    keep(input);
  }
  if (view.rows.length > view.shown) {
    const count = (n: number) => n.toLocaleString("en");
    const label = view.rows.length < view.total
      ? "Show the first " + count(view.rows.length) + " of " + count(view.total) + " rows"
      : "Show all " + count(view.total) + " rows";
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.addEventListener("click", () => {
      view.all = !view.all;
      button.textContent = view.all ? "Show fewer rows" : label;
      updateTable(view);
    });
    keep(button);
  }
  view.status.setAttribute("aria-live", "polite");
  if (tools.firstChild) tools.appendChild(view.status);
  return tools;
}

/** Shows the rows the reader asked for: filtered, sorted, the first ones or all of them. */
function updateTable(view: TableView): void {
  [...view.head.cells].forEach((th, i) => {
    if (i !== view.column) th.removeAttribute("aria-sort");
    else th.setAttribute("aria-sort", view.direction > 0 ? "ascending" : "descending");
  });
  if (view.column < 0 && !view.filter && !view.all) {
    view.body.replaceChildren(...view.original);
    view.status.textContent = "";
    return;
  }
  const needle = view.filter;
  let list = needle
    ? view.rows.filter((cells) => cells.some((v) => v !== null && v.toLowerCase().includes(needle)))
    : view.rows.slice();
  if (view.column >= 0) list = list.sort((a, b) => compareCells(view, a, b));
  const limit = view.all ? list.length : view.shown;
  const trs = list.slice(0, limit).map((cells) => tableRow(view, cells));
  if (list.length > limit) {
    const gap = tableRow(view, [
      "\u2026 " + (list.length - limit).toLocaleString("en") + " more \u2026",
    ]);
    gap.cells[0]!.colSpan = view.head.cells.length;
    gap.cells[0]!.setAttribute("style", "text-align:center;color:#57606a;padding:3px 8px");
    trs.push(gap);
  }
  view.body.replaceChildren(...trs);
  const of = view.rows.length < view.total
    ? " of the first " + view.rows.length.toLocaleString("en")
    : "";
  view.status.textContent = needle ? list.length.toLocaleString("en") + " matching" + of : "";
}

/** Rows in the order of the sorted column: numbers as numbers, text as a reader sorts it. */
function compareCells(view: TableView, a: Cells, b: Cells): number {
  const key = (value: string | null | undefined) =>
    value === null || value === undefined
      ? null
      : view.numeric[view.column] && !isNaN(Number(value.replace(/,/g, "")))
      ? Number(value.replace(/,/g, ""))
      : value;
  const [x, y] = [key(a[view.column]), key(b[view.column])];
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1; // nulls last
  const order = typeof x === "number" && typeof y === "number"
    ? x - y
    : String(x).localeCompare(String(y), undefined, { numeric: true, sensitivity: "base" });
  return order * view.direction;
}

/** A row of cells, styled as the static table's. */
function tableRow(view: TableView, cells: Cells): HTMLTableRowElement {
  const tr = document.createElement("tr");
  cells.forEach((value, i) => {
    const td = document.createElement("td");
    td.setAttribute("style", view.styles[i] || "");
    if (value === null) {
      const none = document.createElement("span");
      none.style.color = "#8c959f";
      none.textContent = "null";
      td.appendChild(none);
    } else td.textContent = value;
    tr.appendChild(td);
  });
  return tr;
}

/** The function's source, without indentation, comments or blank lines. */
function compact(source: string): string {
  return source.split("\n").map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("//")).join("\n");
}

/** A script element running `main`, the other functions declared beside it. */
function script(main: () => void, functions: (() => void)[]): string {
  const source = [main, ...functions].map((f) => compact(f.toString())).join("\n");
  return `<script class="spotify-explore">(function(){\n${source}\n${main.name}()})()</script>`;
}

/**
 * The script of a chart output: hovering a mark shows its values in a tip. Every chart output
 * carries the same text, so that a page keeps one copy.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CHART_SCRIPT } from "./_page_script.ts";
 * assert.match(CHART_SCRIPT, /^<script class="spotify-explore">/);
 * assert.equal(CHART_SCRIPT.indexOf("</"), CHART_SCRIPT.lastIndexOf("</script>"));
 * ```
 */
export const CHART_SCRIPT: string = script(chartScript, [markOf, installTips] as (() => void)[]);

/**
 * The script of a table output: sorting by a header, a filter box, "show all". Every table output
 * carries the same text, so that a page keeps one copy.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TABLE_SCRIPT } from "./_page_script.ts";
 * assert.match(TABLE_SCRIPT, /^<script class="spotify-explore">/);
 * assert.equal(TABLE_SCRIPT.indexOf("</"), TABLE_SCRIPT.lastIndexOf("</script>"));
 * ```
 */
export const TABLE_SCRIPT: string = script(
  tableScript,
  [enhanceTable, tableTools, updateTable, compareCells, tableRow] as (() => void)[],
);
