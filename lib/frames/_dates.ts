/**
 * Strict parsing of the times and dates in Spotify's data, character by character: digits where
 * digits belong, months 01 to 12, days that the month has (leap years included), hours, minutes
 * and seconds in range. Nothing is guessed: `2026-0:-01T10:00:00Z` is no time at all (never 1
 * October), `20x6-05-01` no date (never the year 2726). Callers refuse what these give NaN or
 * undefined for, and {@linkcode timestampProblem} says why in a few words.
 *
 * Used by `readStreamingHistory` (play times of the privacy export) and by `normalize`'s `schema`
 * (text pinned to Date or Datetime).
 *
 * @module
 */

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAY_MS = 86_400_000;
/** What a bad digit weighs: enough to make any field it is part of negative. */
const BAD = -1e7;

/**
 * The number of days of `month` (1 to 12) in `year`, leap years included.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { daysInMonth } from "./_dates.ts";
 * assert.equal(daysInMonth(2024, 2), 29);
 * assert.equal(daysInMonth(1900, 2), 28);
 * assert.equal(daysInMonth(2000, 2), 29);
 * assert.equal(daysInMonth(2026, 4), 30);
 * ```
 */
export function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS[month - 1]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (negative before), by
 * arithmetic alone (H. Hinnant's `days_from_civil`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { epochDays } from "./_dates.ts";
 * assert.equal(epochDays(1970, 1, 1), 0);
 * assert.equal(epochDays(2026, 3, 1) * 86_400_000, Date.UTC(2026, 2, 1));
 * assert.equal(epochDays(1, 1, 1) * 86_400_000, Date.parse("0001-01-01T00:00:00Z"));
 * ```
 */
export function epochDays(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) +
    dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The digit at `i`, or {@linkcode BAD} when that character is not 0 to 9. */
function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >>> 0 < 10 ? c : BAD;
}

/** Two digits from `i` as a number (negative when either is not a digit). */
function two(text: string, i: number): number {
  return digit(text, i) * 10 + digit(text, i + 1);
}

/** Four digits from `i` as a number (negative when one is not a digit). */
function four(text: string, i: number): number {
  return digit(text, i) * 1000 + digit(text, i + 1) * 100 + digit(text, i + 2) * 10 +
    digit(text, i + 3);
}

/** Days since the epoch of `YYYY-MM-DD` at the start of `text`; NaN when it is not a real date. */
function datePart(text: string): number {
  const year = four(text, 0);
  const month = two(text, 5);
  const day = two(text, 8);
  if (
    year < 1 || month < 1 || month > 12 || day < 1 ||
    (day > 28 && day > daysInMonth(year, month)) ||
    text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 // "-"
  ) return NaN;
  return epochDays(year, month, day);
}

/** Milliseconds into the day of `HH:MM` (and `:SS` when `seconds`) from `i`; NaN when out of range. */
function timePart(text: string, i: number, seconds: boolean): number {
  const hour = two(text, i);
  const minute = two(text, i + 3);
  const second = seconds ? two(text, i + 6) : 0;
  if (
    hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 ||
    text.charCodeAt(i + 2) !== 58 || (seconds && text.charCodeAt(i + 5) !== 58) // ":"
  ) return NaN;
  return ((hour * 60 + minute) * 60 + second) * 1000;
}

/**
 * Milliseconds since the epoch of a UTC time written in one of the forms of Spotify's data, NaN
 * for anything else: `YYYY-MM-DDTHH:MM:SSZ` (the extended export's `ts`), `YYYY-MM-DD HH:MM` (the
 * basic export's `endTime`, in UTC) and ISO 8601 with a fraction of a second (kept to the
 * millisecond, finer digits dropped) or an offset (`2026-05-01T12:00:00.250+02:00`). Years run
 * from 0001 to 9999; a leap second (`:60`) is refused.
 *
 * @param text The text.
 * @returns The time, or NaN.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { timestampMs } from "./_dates.ts";
 * assert.equal(timestampMs("2026-05-01T10:00:00Z"), Date.UTC(2026, 4, 1, 10));
 * assert.equal(timestampMs("2026-05-01 10:00"), Date.UTC(2026, 4, 1, 10));
 * assert.equal(timestampMs("2026-05-01T12:00:00.250+02:00"), Date.UTC(2026, 4, 1, 10, 0, 0, 250));
 * assert.ok(Number.isNaN(timestampMs("2026-0:-01T10:00:00Z")));
 * assert.ok(Number.isNaN(timestampMs("20x6-05-01T10:00:00Z")));
 * assert.ok(Number.isNaN(timestampMs("2025-02-29T10:00:00Z")));
 * ```
 */
export function timestampMs(text: string): number {
  const n = text.length;
  if (n === 20 && text.charCodeAt(10) === 84 && text.charCodeAt(19) === 90) { // "T", "Z"
    return datePart(text) * DAY_MS + timePart(text, 11, true);
  }
  if (n === 16 && text.charCodeAt(10) === 32) {
    return datePart(text) * DAY_MS + timePart(text, 11, false);
  }
  return isoMs(text);
}

/** The other ISO 8601 forms of {@linkcode timestampMs}: a fraction of a second, an offset. */
function isoMs(text: string): number {
  const n = text.length;
  if (n < 20 || text.charCodeAt(10) !== 84) return NaN;
  let ms = datePart(text) * DAY_MS + timePart(text, 11, true);
  let i = 19;
  if (text.charCodeAt(i) === 46) { // "."
    let scale = 100;
    for (i++; i < n && i < 29 && digit(text, i) >= 0; i++, scale /= 10) {
      if (scale >= 1) ms += digit(text, i) * scale;
    }
    if (i === 20 || digit(text, i) >= 0) return NaN; // no digit, or more than nine
  }
  const zone = text.charCodeAt(i);
  if (zone === 90) return i + 1 === n ? ms : NaN; // "Z"
  if ((zone !== 43 && zone !== 45) || i + 6 !== n) return NaN; // "+", "-"
  const offset = timePart(text, i + 1, false);
  return zone === 43 ? ms - offset : ms + offset;
}

/** The parts and the patterns they must match, for {@linkcode timestampProblem}. */
const PARTS: [name: string, from: number, to: number, min: number, max: number][] = [
  ["year", 0, 4, 1, 9999],
  ["month", 5, 7, 1, 12],
  ["day", 8, 10, 1, 31],
  ["hour", 11, 13, 0, 23],
  ["minute", 14, 16, 0, 59],
  ["second", 17, 19, 0, 59],
];

/**
 * Why `text` is not a time {@linkcode timestampMs} reads, in a few words for an error message
 * (`its month "0:" is not 01 to 12`); undefined when it is one.
 *
 * @param text The text.
 * @returns The reason, or undefined.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { timestampProblem } from "./_dates.ts";
 * assert.equal(timestampProblem("2026-0:-01T10:00:00Z"), 'its month "0:" is not 01 to 12');
 * assert.equal(timestampProblem("20x6-05-01T10:00:00Z"), 'its year "20x6" is not 0001 to 9999');
 * assert.equal(timestampProblem("2026-02-29T10:00:00Z"), "February 2026 has 28 days");
 * assert.equal(timestampProblem("2026-05-01T10:00:00Z"), undefined);
 * ```
 */
export function timestampProblem(text: string): string | undefined {
  if (!Number.isNaN(timestampMs(text))) return undefined;
  const form = "it is not of the form YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD HH:MM";
  const short = text.length === 16 && text[10] === " ";
  if (text.length < (short ? 16 : 20)) return form;
  const seps = short ? "-- :" : "--T::";
  for (let k = 0; k < seps.length; k++) if (text[[4, 7, 10, 13, 16][k]!] !== seps[k]) return form;
  for (const [name, from, to, min, max] of PARTS) {
    if (short && name === "second") break;
    const part = text.slice(from, to);
    const value = /^\d+$/.test(part) ? Number(part) : NaN;
    if (!(value >= min && value <= max)) {
      const range = `${String(min).padStart(to - from, "0")} to ${max}`;
      return `its ${name} ${JSON.stringify(part)} is not ${range}`;
    }
  }
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  if (Number(text.slice(8, 10)) > daysInMonth(year, month)) {
    return `${MONTHS[month - 1]} ${year} has ${daysInMonth(year, month)} days`;
  }
  if (short) return form;
  return `what follows its seconds, ${
    JSON.stringify(text.slice(19, 40))
  }, is not "Z", a fraction of a second or an offset such as "+02:00"`;
}

/**
 * A calendar date written `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a release date at its precision):
 * its year, month (0 when absent) and day (0 when absent); undefined for anything else (no
 * guess: `20x6`, month 13, 30 February, a placeholder such as `0000` or `0000-00-00`).
 *
 * @param text The text.
 * @returns The parts, or undefined.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { calendarDate } from "./_dates.ts";
 * assert.deepEqual(calendarDate("1999"), { year: 1999, month: 0, day: 0 });
 * assert.deepEqual(calendarDate("2024-02-29"), { year: 2024, month: 2, day: 29 });
 * assert.equal(calendarDate("2023-02-29"), undefined);
 * assert.equal(calendarDate("0000"), undefined);
 * assert.equal(calendarDate("19x9"), undefined);
 * ```
 */
export function calendarDate(
  text: string,
): { year: number; month: number; day: number } | undefined {
  const n = text.length;
  if (n !== 4 && n !== 7 && n !== 10) return undefined;
  const year = four(text, 0);
  if (year < 1) return undefined;
  if (n === 4) return { year, month: 0, day: 0 };
  const month = two(text, 5);
  if (text.charCodeAt(4) !== 45 || month < 1 || month > 12) return undefined;
  if (n === 7) return { year, month, day: 0 };
  const day = two(text, 8);
  if (text.charCodeAt(7) !== 45 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}
