/**
 * A clock the test moves, for `createClient({ clock })`: `now()` stands still until `advance()`,
 * and a per-try timer fires only when time is moved past it (or at once, for a clock on which every
 * try is too slow). No test waits on real time to see a timeout.
 *
 * @module
 */
import type { Clock } from "../lib/mod.ts";

/** A {@linkcode Clock} moved by the test. */
export interface ManualClock extends Clock {
  /** The length of every timer armed so far, in ms, in order. */
  readonly armed: number[];
  /** Move time on by `ms`: timers that are due fire, in order. */
  advance(ms: number): void;
  /** Resolves when the next timer is armed (a try has started), or at once if one is waiting. */
  nextTimer(): Promise<number>;
}

/**
 * Create a manual clock.
 *
 * @param options `instant: true` fires every timer as soon as it is armed, moving time on by its
 * length: every try is then too slow.
 */
export function manualClock(options: { instant?: boolean } = {}): ManualClock {
  let time = Date.UTC(2026, 10, 20, 12);
  const timers: { at: number; controller: AbortController }[] = [];
  const armed: number[] = [];
  let seen = 0;
  let wake: (() => void) | undefined;
  const expire = (controller: AbortController) =>
    controller.abort(new DOMException("Signal timed out.", "TimeoutError"));
  const clock: ManualClock = {
    armed,
    now: () => time,
    timeout(ms) {
      const controller = new AbortController();
      armed.push(ms);
      if (options.instant) {
        time += ms;
        expire(controller);
      } else {
        timers.push({ at: time + ms, controller });
      }
      wake?.();
      return controller.signal;
    },
    advance(ms) {
      time += ms;
      const due = timers.filter((timer) => timer.at <= time);
      timers.splice(0, timers.length, ...timers.filter((timer) => timer.at > time));
      for (const timer of due) expire(timer.controller);
    },
    async nextTimer() {
      if (seen >= armed.length) {
        await new Promise<void>((resolve) => wake = resolve);
        wake = undefined;
      }
      return armed[seen++]!;
    },
  };
  return clock;
}
