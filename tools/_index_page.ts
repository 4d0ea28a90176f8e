/**
 * `out/index.html`: a card for each rendered notebook, with a thumbnail of its first chart (the
 * chart's SVG from the executed `.ipynb`, scaled down in an `<img>` as a data URI), the parameters
 * it ran with and when it was rendered. The page is self-contained: no script, nothing loaded from
 * outside it.
 *
 * @module
 */
import { join } from "node:path";
import { escapeHtml } from "../lib/show/display.ts";

/** A page listed in the index (`out/index.json` keeps them). */
export interface IndexEntry {
  /** Base name of the page's files, e.g. `02_artist_discography.fresh-true`. */
  page: string;
  title: string;
  /** The values injected, by name (empty for the notebook as committed). */
  params: Record<string, unknown>;
  status: string;
  /** Where its data came from. */
  source?: string;
  /** When it was rendered ("2026-05-01 09:30 UTC"). */
  rendered?: string;
}

/** The first chart of an executed notebook. */
export interface FirstChart {
  /** The chart's standalone SVG, without the marks' titles (a thumbnail shows no tooltips). */
  svg: string;
  /** Its text alternative (its `aria-label`). */
  label: string;
}

interface ExecutedNotebook {
  cells: { outputs?: { data?: Record<string, string | string[]> }[] }[];
}

/**
 * The first chart an executed notebook shows.
 *
 * @param notebook The `.ipynb` file's JSON.
 * @returns The chart, or `undefined` when it shows none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { firstChart } from "./_index_page.ts";
 * const html = '<svg xmlns="http://www.w3.org/2000/svg" class="spotify-chart" role="img" ' +
 *   'aria-label="Plays."><rect><title>n: 1</title></rect></svg><script>1</script>';
 * const chart = firstChart({ cells: [{ outputs: [{ data: { "text/html": [html] } }] }] });
 * assert.equal(chart?.label, "Plays.");
 * assert.match(chart!.svg, /^<svg [^>]*><rect><\/rect><\/svg>$/);
 * ```
 */
export function firstChart(notebook: ExecutedNotebook): FirstChart | undefined {
  for (const cell of notebook.cells) {
    for (const output of cell.outputs ?? []) {
      const html = [output.data?.["text/html"] ?? ""].flat().join("");
      const start = html.search(/<svg [^>]*class="spotify-chart"/);
      if (start < 0) continue;
      const script = html.indexOf("<script", start);
      const end = html.lastIndexOf("</svg>", script < 0 ? html.length : script);
      const svg = html.slice(start, end + "</svg>".length).replace(/<title>[^<]*<\/title>/g, "");
      const label = /aria-label="([^"]*)"/.exec(svg.slice(0, svg.indexOf(">")))?.[1] ?? "";
      return { svg, label: unescapeHtml(label) };
    }
  }
  return undefined;
}

function unescapeHtml(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** The thumbnail of a page's first chart, or a note when it has none (or no notebook file). */
async function thumbnail(outDir: string, entry: IndexEntry): Promise<string> {
  let chart: FirstChart | undefined;
  try {
    const file = await Deno.readTextFile(join(outDir, `${entry.page}.ipynb`));
    chart = firstChart(JSON.parse(file) as ExecutedNotebook);
  } catch {
    chart = undefined; // skipped, or rendered elsewhere: no thumbnail
  }
  if (!chart) return `<div class="thumb none">no chart</div>`;
  const uri = `data:image/svg+xml;base64,${new TextEncoder().encode(chart.svg).toBase64()}`;
  return `<img class="thumb" src="${uri}" alt="${escapeHtml(`First chart: ${chart.label}`)}">`;
}

/** One notebook's card: thumbnail, title, parameters, when and from what it was rendered. */
async function card(outDir: string, entry: IndexEntry): Promise<string> {
  const { page, title, params, status, source, rendered } = entry;
  const skipped = status.startsWith("skipped");
  const href = `${escapeHtml(page)}.html`;
  const values = Object.entries(params ?? {});
  const shown = values.length === 0
    ? `<p class="params">default parameters</p>`
    : `<p class="params">${
      values.map(([k, v]) => `<code>${escapeHtml(k)} = ${escapeHtml(JSON.stringify(v))}</code>`)
        .join(" ")
    }</p>`;
  const when = rendered && source
    ? `<p class="when">Rendered <time datetime="${
      escapeHtml(rendered.replace(" ", "T").replace(" UTC", "Z"))
    }">${escapeHtml(rendered)}</time> from ${escapeHtml(source)} · ${escapeHtml(status)}</p>`
    : `<p class="when">${escapeHtml(status)}</p>`;
  const links = skipped
    ? ""
    : `<p class="links"><a href="${href}">page</a> · <a href="${
      escapeHtml(page)
    }.ipynb">notebook with outputs</a></p>`;
  const picture = skipped
    ? `<div class="thumb none">not rendered</div>`
    : `<a href="${href}">${await thumbnail(outDir, entry)}</a>`;
  return `<article class="card">${picture}<h2>${escapeHtml(title)}</h2><p><code>${
    escapeHtml(page)
  }</code></p>${shown}${when}${links}</article>`;
}

const STYLE =
  "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;" +
  "color:#1f2328}.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));" +
  "gap:16px}.card{border:1px solid #d0d7de;border-radius:8px;padding:12px;background:#fff}" +
  ".card h2{font-size:16px;margin:8px 0 4px}.card p{margin:4px 0;font-size:13px}" +
  ".thumb{display:block;width:100%;height:auto;max-height:240px;object-fit:contain;" +
  "object-position:left top;border-bottom:1px solid #eaeef2;padding-bottom:8px}" +
  ".thumb.none{color:#57606a;height:120px;display:flex;align-items:center;" +
  "justify-content:center;background:#f6f8fa}.params code{background:#f6f8fa;" +
  "padding:1px 4px;border-radius:3px}.when{color:#57606a}";

/**
 * The index of the rendered notebooks: a self-contained page, no script, no network.
 *
 * @param entries The pages to list, in order.
 * @param outDir The folder holding the pages and their executed notebooks.
 * @returns The page's HTML.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { indexPage } from "./_index_page.ts";
 * const html = await indexPage(
 *   [{ page: "01_x", title: "X", params: { N: 3 }, status: "ran in 2.0 s" }],
 *   await Deno.makeTempDir(),
 * );
 * assert.match(html, /<article class="card">.*no chart.*<h2>X<\/h2>.*<code>N = 3<\/code>/s);
 * assert.doesNotMatch(html, /<script|https?:\/\//);
 * ```
 */
export async function indexPage(entries: readonly IndexEntry[], outDir: string): Promise<string> {
  const cards = await Promise.all(entries.map((entry) => card(outDir, entry)));
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>Spotify notebooks</title><style>${STYLE}</style></head><body>` +
    `<h1>Spotify notebooks</h1>` +
    `<p>Each page is a notebook run headless; the offline sample is the bundled emulator and its ` +
    `fictional catalog.</p><main class="cards">${cards.join("")}</main></body></html>\n`;
}
