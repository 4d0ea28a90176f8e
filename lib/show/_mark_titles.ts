/**
 * Every chart mark carries its values as an SVG `<title>`, so that hovering it shows them: the
 * browser's own tooltip where scripts are stripped (GitHub's and nbviewer's notebook views), and the
 * page script's richer tip where they run (`_page_script.ts`). Plot's marks are wrapped before
 * rendering (the wrapper delegates to the mark; the mark itself is not changed): after a mark
 * renders, each element bound to a datum (`__data__`, set by Plot's d3 join) gets the lines
 * "label: value" of that datum's channels, formatted as Plot's own tip does.
 *
 * @module
 */
import { isPlainNumberColumn } from "./table.ts";

/** A materialized channel, as Plot passes it to a mark's render (`values.channels`). */
interface Channel {
  value: ArrayLike<unknown>;
  scale?: string | null;
  label?: string;
  source?: Channel | null;
  hint?: { length?: number };
  defaultScale?: string;
}

/** The render method of a Plot mark (Plot's `Mark.render`, untyped in its declarations). */
type Render = (
  this: unknown,
  index: ArrayLike<number>,
  scales: Record<string, { label?: string } | undefined>,
  values: { channels?: Record<string, Channel> },
  dimensions: unknown,
  context: unknown,
) => Element | null;

interface RenderableMark {
  render: Render;
  ariaLabel?: string;
}

/** Channels Plot's tip leaves out too; `title` is Plot's own tooltip channel. */
const IGNORED = new Set(["geometry", "href", "src", "ariaLabel", "scales", "title"]);
/** Marks that show no data of their own (rules are baselines and whiskers; text, labels). */
const DECORATION = /axis|grid|frame|tip|crosshair|^text$|^rule$/;
/** The shapes that get a title (a text label would also show the title in its text content). */
const SHAPES = new Set(["rect", "circle", "ellipse", "path", "line", "polygon", "polyline", "use"]);

/**
 * Plot's marks wrapped so that each rendered shape gets a `<title>` with its values. Marks are left
 * unchanged (each wrapper delegates to its mark); render functions and decorations (axes, grids,
 * frames, tips, text labels) pass through as they are.
 *
 * @param marks Plot's `marks` option, nested arrays included.
 * @returns The marks to render.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import * as Plot from "@observablehq/plot";
 * import { parseHTML } from "linkedom";
 * import { titledMarks } from "./_mark_titles.ts";
 * const { document } = parseHTML("<html><body></body></html>");
 * const bars = Plot.barY([{ x: "a", y: 3 }], { x: "x", y: "y" });
 * const svg = Plot.plot({ marks: titledMarks([bars]) as Plot.Markish[], document }).outerHTML;
 * assert.match(svg, /<rect [^>]*><title>x: a\ny: 3<\/title><\/rect>/);
 * assert.doesNotMatch(Plot.plot({ marks: [bars], document }).outerHTML, /<title>/);
 * ```
 */
export function titledMarks(marks: readonly unknown[] | undefined): unknown[] | undefined {
  if (marks === undefined) return undefined;
  return marks.map((mark): unknown => {
    if (Array.isArray(mark)) return titledMarks(mark);
    if (!isRenderable(mark) || DECORATION.test(String(mark.ariaLabel ?? ""))) return mark;
    const wrapper = Object.create(mark) as RenderableMark;
    const render = mark.render;
    wrapper.render = function (index, scales, values, dimensions, context) {
      const node = render.call(this, index, scales, values, dimensions, context);
      if (node && values.channels) addTitles(node, values.channels, scales);
      return node;
    };
    return wrapper;
  });
}

function isRenderable(mark: unknown): mark is RenderableMark {
  return typeof mark === "object" && mark !== null &&
    typeof (mark as { render?: unknown }).render === "function" &&
    typeof (mark as { initialize?: unknown }).initialize === "function";
}

/** A `<title>` on each shape of a rendered mark bound to one datum, unless it has one already. */
function addTitles(
  node: Element,
  channels: Record<string, Channel>,
  scales: Record<string, { label?: string } | undefined>,
): void {
  const document = node.ownerDocument;
  for (const element of [node, ...node.querySelectorAll("*")]) {
    const datum = (element as unknown as { __data__?: unknown }).__data__;
    if (typeof datum !== "number" || !SHAPES.has(element.tagName.toLowerCase())) continue;
    if ([...element.children].some((child) => child.tagName.toLowerCase() === "title")) continue;
    const lines = valueLines(datum, channels, scales);
    if (lines.length === 0) continue;
    const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
    title.textContent = lines.join("\n");
    element.insertBefore(title, element.firstChild);
  }
}

/**
 * The lines "label: value" of datum `i`: every channel but literal colours and ignored ones, as
 * Plot's tip does; a pair (`x1`, `x2`) as one line, its length for a stack and its range for a bin;
 * one line per label; what the mark stands for (texts, dates) before its numbers.
 */
function valueLines(
  i: number,
  channels: Record<string, Channel>,
  scales: Record<string, { label?: string } | undefined>,
): string[] {
  const lines = new Map<string, { text: string; number: boolean }>();
  for (const key of Object.keys(channels)) {
    if (IGNORED.has(key) || key === "x1" && "x2" in channels || key === "y1" && "y2" in channels) {
      continue;
    }
    const channel = sourceOf(channels[key]);
    if (!channel || channel.scale == null && channel.defaultScale === "color") continue;
    const pair = /^[xy]2$/.test(key) ? sourceOf(channels[`${key[0]}1`]) : undefined;
    const label = labelOf(pair ? key[0]! : key, channel, scales);
    if (lines.has(label)) continue;
    const value = pair
      ? formatPair(pair.value[i], channel.value[i], Boolean(channel.hint?.length), label)
      : channel.value[i];
    if (value === null || value === undefined || Number.isNaN(value)) continue;
    const text = typeof value === "string" ? value : formatValue(value, label);
    lines.set(label, { text, number: typeof value === "number" });
  }
  return [...lines].sort(([, a], [, b]) => Number(a.number) - Number(b.number))
    .map(([label, { text }]) => `${label}: ${text}`);
}

function sourceOf(channel: Channel | undefined): Channel | undefined {
  let found = channel;
  while (found?.source) found = found.source;
  return found ?? undefined;
}

function labelOf(
  key: string,
  channel: Channel,
  scales: Record<string, { label?: string } | undefined>,
): string {
  const label = scales[channel.scale ?? key]?.label ?? channel.label ?? key;
  return String(label).replace(/[↑↓→←]/g, "").trim() || key;
}

/** A stack's length (`y2 − y1`), or a bin's range: a month as "2024-03", a year as "2024". */
function formatPair(start: unknown, end: unknown, stacked: boolean, label: string): unknown {
  if (stacked && typeof start === "number" && typeof end === "number") return end - start;
  if (start instanceof Date && end instanceof Date) {
    const [a, b] = [start.toISOString(), end.toISOString()];
    const firstOfMonth = (iso: string) => iso.slice(8) === "01T00:00:00.000Z";
    const months = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() -
      start.getUTCMonth();
    if (firstOfMonth(a) && firstOfMonth(b) && months === 1) return a.slice(0, 7);
    if (firstOfMonth(a) && firstOfMonth(b) && months === 12 && a.slice(5, 7) === "01") {
      return a.slice(0, 4);
    }
  }
  if (start === null || start === undefined || end === null || end === undefined) return undefined;
  return `${formatValue(start, label)}–${formatValue(end, label)}`;
}

/** A value as the tables write it: separators (none for years and ids), dates as ISO text. */
function formatValue(value: unknown, label: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return "Invalid Date";
    const iso = value.toISOString();
    if (iso.endsWith("T00:00:00.000Z")) return iso.slice(0, 10);
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  }
  if (typeof value === "number") {
    if (isPlainNumberColumn(label) || !Number.isFinite(value)) return String(value);
    return value.toLocaleString("en", { maximumFractionDigits: Math.abs(value) < 1 ? 3 : 2 });
  }
  return String(value);
}
