/**
 * Dates and times in API objects, parsed character by character: a release date (`YYYY`,
 * `YYYY-MM`, `YYYY-MM-DD`) at its precision, and an instant (`2026-11-20T18:30:00.000Z`). Only
 * real months, days, hours and minutes pass; Spotify's placeholder date (`0000`, `0000-00-00`)
 * is null, never year 0; anything else is a `FieldError` naming the field and the value.
 *
 * @module
 */
import type { ReleaseDatePrecision } from "../api/types.ts";
import { FieldError } from "./_frame_kit.ts";

/** A release date read at its precision. */
export interface ReleaseDate {
  /** Days since 1970-01-01 of the date (a year alone is 1 January, a month its 1st). */
  days: number;
  /** Its year. */
  year: number;
  /** How much of it is known: the precision given, or less when the text has less. */
  precision: ReleaseDatePrecision;
}

const DAY_MS = 86_400_000;
const PRECISIONS: readonly ReleaseDatePrecision[] = ["year", "month", "day"];
const RELEASE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const FORMS = "date (YYYY, YYYY-MM or YYYY-MM-DD)";

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `year` has a 29 February. */
const leap = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/** Whether `day` of `month` of `year` exists (month and day 1-based). */
function realDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 &&
    day <= (month === 2 && leap(year) ? 29 : MONTH_DAYS[month - 1]!);
}

/** Days since 1970-01-01 of a date, any year (Hinnant's days_from_civil: arithmetic, no `Date`). */
function daysFrom(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/**
 * The release date of an album, track's album, episode or chapter, at its precision.
 *
 * @param item Anything with `release_date` and `release_date_precision`.
 * @returns The date, or null when there is none or it is Spotify's `0000` placeholder.
 * @throws {FieldError} When `release_date` is not text or not a real date, or the precision is
 * not `year`, `month` or `day`.
 */
export function releaseDate(
  item: { release_date?: unknown; release_date_precision?: unknown } | null | undefined,
): ReleaseDate | null {
  const text = item?.release_date;
  if (text == null || text === "") return null;
  if (typeof text !== "string") throw new FieldError("release_date", text, `text: a ${FORMS}`);
  const match = RELEASE.exec(text);
  if (match === null) throw new FieldError("release_date", text, `a ${FORMS}`);
  const year = Number(match[1]);
  if (year === 0) return null;
  const [month, day] = [Number(match[2] ?? 1), Number(match[3] ?? 1)];
  if (!realDay(year, month, day)) throw new FieldError("release_date", text, `a real ${FORMS}`);
  const given = item?.release_date_precision;
  if (given != null && !PRECISIONS.includes(given as ReleaseDatePrecision)) {
    throw new FieldError("release_date_precision", given, `"year", "month" or "day"`);
  }
  const known = match[3] !== undefined ? 2 : match[2] !== undefined ? 1 : 0;
  const level = Math.min(known, given == null ? 2 : PRECISIONS.indexOf(given as never));
  const days = daysFrom(year, level >= 1 ? month : 1, level >= 2 ? day : 1);
  return { days, year, precision: PRECISIONS[level]! };
}

/**
 * An ISO 8601 instant with a zone (`Z` or `±HH:MM`), as ms since 1970, checked.
 *
 * @param value The field's value.
 * @param field Its name, for the message.
 * @returns Milliseconds, or null when the value is null or absent.
 * @throws {FieldError} When it is not text of a real date and time.
 */
export function instantMs(value: unknown, field: string): number | null {
  if (value == null) return null;
  const match = typeof value === "string" ? INSTANT.exec(value) : null;
  const [year, month, day, hour, minute, second] = (match ?? []).slice(1, 7).map(Number);
  if (
    match === null || !realDay(year!, month!, day!) || hour! > 23 || minute! > 59 || second! > 59
  ) {
    throw new FieldError(field, value, "a time such as 2026-11-20T18:30:00Z");
  }
  const fraction = match[7] === undefined ? 0 : Math.floor(Number(match[7]) * 1000);
  const zone = match[8]!;
  const offset = zone === "Z"
    ? 0
    : (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return daysFrom(year!, month!, day!) * DAY_MS +
    ((hour! * 60 + minute! - offset) * 60 + second!) * 1000 + fraction;
}
