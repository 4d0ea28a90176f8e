/**
 * Hour and weekday of instants in a time zone: the one place that knows how (frames of plays and
 * the privacy export both need it).
 *
 * @module
 */

/** The weekdays as `clockIn` names them, Monday first. */
export const WEEKDAYS: readonly string[] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Hour (0–23) and weekday (`Mon`…`Sun`) of an instant. */
export interface Clock {
  hour?: number | undefined;
  weekday?: string | undefined;
}

/**
 * A reader of hour and weekday in a time zone (one formatter for every instant).
 *
 * @param timeZone An IANA time zone, e.g. `Europe/Stockholm`.
 * @returns `(ms) => { hour, weekday }`; both unset for an instant that is not a number.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { clockIn } from "./_clock.ts";
 * assert.deepEqual(clockIn("UTC")(Date.parse("2026-11-20T18:30:00Z")), { hour: 18, weekday: "Fri" });
 * ```
 */
export function clockIn(timeZone: string): (ms: number) => Clock {
  const format = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "numeric",
    hourCycle: "h23",
    weekday: "short",
  });
  return (ms) => {
    if (Number.isNaN(ms)) return {};
    const parts = format.formatToParts(new Date(ms));
    return {
      hour: Number(parts.find((p) => p.type === "hour")?.value),
      weekday: parts.find((p) => p.type === "weekday")?.value,
    };
  };
}
