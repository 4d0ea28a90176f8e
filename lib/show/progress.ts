/**
 * `progressBar`: the client's progress callbacks drawn as a bar that updates in place in the
 * notebook (through a Jupyter display id), or as plain lines on stderr outside a kernel.
 *
 * @module
 */
import type { ProgressCallback } from "../api/client.ts";
import { escapeHtml, JUPYTER_DISPLAY } from "./display.ts";
import { rateLimitNote } from "../api/rate_limit_notice.ts";

/** Options of {@linkcode progressBar}. */
export interface ProgressBarOptions {
  /** What is counted, e.g. `albums`. @default {"items"} */
  unit?: string;
  /**
   * Least time between two redraws, in ms (the last one is always drawn).
   * @default {150}
   */
  intervalMs?: number;
  /** Where to draw; by default the notebook when in a kernel, else stderr. */
  sink?: ProgressSink;
  /** The clock, in ms. @default {performance.now} */
  now?: () => number;
}

/** Where a progress bar is drawn. */
export interface ProgressSink {
  /** Draw (first call) or redraw (later calls) the bar. */
  draw(state: ProgressState, first: boolean): void;
}

/** What a progress bar shows. */
export interface ProgressState {
  /** What is going on, e.g. `Fetching albums`. */
  label: string;
  /** What is counted, e.g. `albums`. */
  unit: string;
  /** Items done so far. */
  done: number;
  /** Items in all, when known. */
  total: number | undefined;
  /** Items per second so far. */
  rate: number;
  /** Seconds left at that rate, when the total is known. */
  left: number | undefined;
  /** Whether the work is over (the last drawing). */
  finished: boolean;
  /** Seconds the work waits for Spotify's rate limit, while a 429 pause lasts. */
  waiting?: number | undefined;
}

/**
 * The text of a progress line: `Fetching albums: 40/90 albums (44%), 12.3/s, about 4 s left`.
 *
 * @param state What the bar shows.
 * @returns One line of text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describe } from "./progress.ts";
 * const line = describe({
 *   label: "Fetching albums",
 *   unit: "albums",
 *   done: 40,
 *   total: 90,
 *   rate: 12.34,
 *   left: 4,
 *   finished: false,
 * });
 * assert.equal(line, "Fetching albums: 40/90 albums (44%), 12/s, about 4 s left");
 * ```
 */
export function describe(state: ProgressState): string {
  const { label, unit, done, total, rate, left, finished } = state;
  const count = total === undefined ? `${done} ${unit}` : `${done}/${total} ${unit}`;
  const percent = total ? ` (${Math.floor((done / total) * 100)}%)` : "";
  const speed = rate > 0 ? `, ${rate.toFixed(rate < 10 ? 1 : 0)}/s` : "";
  const eta = finished ? ", done" : left === undefined ? "" : `, about ${seconds(left)} left`;
  const waiting = state.waiting === undefined || finished
    ? ""
    : `, ${rateLimitNote(state.waiting)}`;
  return `${label}: ${count}${percent}${speed}${eta}${waiting}`;
}

function seconds(s: number): string {
  return s < 90 ? `${Math.ceil(s)} s` : `${Math.round(s / 60)} min`;
}

class ProgressView {
  constructor(readonly state: ProgressState) {}
  [JUPYTER_DISPLAY](): Record<string, string> {
    const { done, total, finished } = this.state;
    const share = total ? Math.min(1, done / total) : finished ? 1 : 0;
    const color = finished ? "#1a7f37" : "#4269d0";
    return {
      "text/plain": describe(this.state),
      "text/html":
        `<div class="spotify-progress" style="font-family:system-ui,sans-serif;font-size:12px;margin:4px 0">` +
        `<div style="width:320px;height:8px;background:#eaeef2;border-radius:4px;overflow:hidden">` +
        `<div style="width:${
          (share * 100).toFixed(1)
        }%;height:8px;background:${color}"></div></div>` +
        `<div style="color:#57606a;margin-top:3px">${escapeHtml(describe(this.state))}</div></div>`,
    };
  }
}

/**
 * Whether this code runs inside the Deno Jupyter kernel (where `Deno.jupyter.display` exists).
 *
 * @returns `true` in a notebook, `false` in a script or a test.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inKernel } from "./progress.ts";
 * assert.equal(inKernel(), false); // `deno test --doc` is no kernel
 * ```
 */
export function inKernel(): boolean {
  try {
    return typeof (Deno as unknown as { jupyter?: { display?: unknown } }).jupyter?.display ===
      "function";
  } catch {
    return false; // `Deno.jupyter` throws outside `deno jupyter`
  }
}

let displays = 0;

function kernelSink(): ProgressSink {
  const id = `spotify-progress-${Date.now()}-${++displays}`;
  const jupyter = (Deno as unknown as {
    jupyter: { display(o: unknown, options: { display_id: string; update?: boolean }): unknown };
  }).jupyter;
  return {
    draw(state, first) {
      jupyter.display(new ProgressView(state), {
        display_id: id,
        ...(first ? {} : { update: true }),
      });
    },
  };
}

const stderrSink: ProgressSink = {
  draw(state) {
    console.error(describe(state));
  },
};

/**
 * A progress callback that draws a bar: in place in the notebook, or as lines on stderr.
 *
 * @param label What is going on, e.g. `Fetching albums`.
 * @param options Unit, redraw interval, where to draw.
 * @returns A callback for the client's `onProgress` options.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { progressBar } from "./progress.ts";
 * const lines: string[] = [];
 * const onProgress = progressBar("Fetching", {
 *   unit: "albums",
 *   sink: { draw: (state) => lines.push(state.done + "/" + state.total) },
 * });
 * onProgress(3, 3);
 * assert.ok(lines.at(-1) === "3/3");
 * ```
 */
export function progressBar(label: string, options: ProgressBarOptions = {}): ProgressCallback {
  const now = options.now ?? (() => performance.now());
  const sink = options.sink ?? (inKernel() ? kernelSink() : stderrSink);
  const unit = options.unit ?? "items";
  const interval = options.intervalMs ?? 150;
  const started = now();
  let drawn = -Infinity;
  let first = true;
  let shownWait: number | undefined;
  return (done, total, info) => {
    const t = now();
    const finished = total !== undefined && done >= total;
    const waiting = info?.waiting;
    // A rate-limit pause is drawn at once (and once per length): the bar must not look stuck.
    const news = waiting !== undefined && waiting !== shownWait;
    if (!finished && !news && t - drawn < interval) return;
    shownWait = waiting;
    drawn = t;
    const elapsed = (t - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const left = total !== undefined && rate > 0 ? (total - done) / rate : undefined;
    sink.draw({ label, unit, done, total, rate, left, finished, waiting }, first);
    first = false;
  };
}
