import assert from "node:assert/strict";
import { calendarDate, timestampMs, timestampProblem } from "./_dates.ts";

/** A seeded generator of numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** The independent judge: a time is real when JavaScript's own calendar writes it back the same. */
function oracle(text: string): number {
  const form = /^([0-9]{4})-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$/.exec(text);
  if (form === null || form[1] === "0000") return NaN;
  const ms = Date.parse(text);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === `${text.slice(0, 19)}.000Z` ? ms : NaN;
}

Deno.test("timestampMs() reads every second of years 0001 to 9999 as Date.parse does", () => {
  const next = random(3);
  const from = Date.parse("0001-01-01T00:00:00Z");
  const to = Date.parse("9999-12-31T23:59:59Z");
  for (let i = 0; i < 200_000; i++) {
    const ms = from + Math.floor(next() * ((to - from) / 1000)) * 1000;
    const text = new Date(ms).toISOString().slice(0, 19) + "Z";
    assert.equal(timestampMs(text), ms, text);
    assert.equal(
      timestampMs(`${text.slice(0, 10)} ${text.slice(11, 16)}`),
      Math.floor(ms / 60_000) * 60_000,
    );
  }
});

Deno.test("timestampMs() refuses every one-character change that makes a time unreal, and nothing else", () => {
  const next = random(11);
  const chars = "0123456789:-TZ .x/+\u0660\uff10";
  let refused = 0;
  for (let i = 0; i < 20_000; i++) {
    const base = new Date(Date.UTC(1990 + Math.floor(next() * 40), 0, 1) + next() * 4e11)
      .toISOString().slice(0, 19) + "Z";
    const at = Math.floor(next() * 20);
    const text = base.slice(0, at) + chars[Math.floor(next() * chars.length)] + base.slice(at + 1);
    const expected = oracle(text);
    assert.ok(Object.is(timestampMs(text), expected), `${text}: ${timestampMs(text)}`);
    if (Number.isNaN(expected)) {
      refused++;
      assert.equal(typeof timestampProblem(text), "string", text);
    } else assert.equal(timestampProblem(text), undefined, text);
  }
  assert.ok(refused > 5_000, `only ${refused} changes were refused`);
});

Deno.test("timestampMs() knows which years are leap years", () => {
  for (
    const [year, leap] of [[1900, false], [2000, true], [2024, true], [2026, false], [2100, false]]
  ) {
    assert.equal(Number.isNaN(timestampMs(`${year}-02-29T00:00:00Z`)), !leap, String(year));
    assert.equal(
      timestampProblem(`${year}-02-30T00:00:00Z`),
      `February ${year} has ${leap ? 29 : 28} days`,
    );
  }
});

Deno.test("timestampMs() reads fractions of a second and offsets, refusing malformed ones", () => {
  assert.equal(timestampMs("2026-05-01T10:00:00.1Z"), Date.UTC(2026, 4, 1, 10, 0, 0, 100));
  assert.equal(timestampMs("2026-05-01T10:00:00.123456789Z"), Date.UTC(2026, 4, 1, 10, 0, 0, 123));
  assert.equal(timestampMs("2026-05-01T10:00:00-05:30"), Date.UTC(2026, 4, 1, 15, 30));
  for (
    const bad of [
      "2026-05-01T10:00:00.Z",
      "2026-05-01T10:00:00.1234567890Z",
      "2026-05-01T10:00:00.1a2Z",
      "2026-05-01T10:00:00+0200",
      "2026-05-01T10:00:00+24:00",
      "2026-05-01T10:00:00+02:60",
      "2026-05-01T10:00:00ZZ",
      "2026-05-01T10:00Z",
    ]
  ) {
    assert.ok(Number.isNaN(timestampMs(bad)), bad);
    assert.equal(typeof timestampProblem(bad), "string", bad);
  }
});

Deno.test("calendarDate() reads release dates at year, month or day precision and guesses nothing", () => {
  assert.deepEqual(calendarDate("2001-02"), { year: 2001, month: 2, day: 0 });
  for (
    const bad of [
      "0000",
      "0000-00-00",
      "2001-00",
      "2001-13",
      "2001-02-29",
      "20x1",
      "2001-2-3",
      "2001/02",
    ]
  ) {
    assert.equal(calendarDate(bad), undefined, bad);
  }
});
