/**
 * Property-based tests of `normalize` over random nested JSON (seeded, so a failure repeats): deep
 * nesting, unicode and dotted keys, keys that collide after flattening, huge arrays, nulls at every
 * level. Each case is checked against a reference flattener written independently here.
 */
import assert from "node:assert/strict";
import { mulberry32 } from "../../emulator/testing.ts";
import { cells } from "./_test_cells.ts";
import { normalize } from "./normalize.ts";

function generator(seed: number) {
  const next = mulberry32(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}

const KEYS = ["id", "name", "a", "b", "a.b", "ключ", "🎵", "x y", "", "album", "0", "név"];
const TEXT = ["", "plain", "ünïcødé", "emoji 🎧", 'quote " and \\', "line\nbreak", "日本語"];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function randomRecords(seed: number): Json[] {
  const r = generator(seed);
  const scalarKind = () => r.pick(["int", "float", "string", "bool", "null"] as const);
  const scalar = (kind = scalarKind()): Json => {
    switch (kind) {
      case "int":
        return r.int(2_000_001) - 1_000_000;
      case "float":
        return (r.int(2_000_001) - 1_000_000) / 8 + 0.5;
      case "string":
        return r.pick(TEXT) + r.int(50);
      case "bool":
        return r.next() < 0.5;
      case "null":
        return null;
    }
  };
  const value = (depth: number): Json => {
    const roll = r.next();
    if (depth > 5 || roll < 0.45) return scalar();
    if (roll < 0.7) return object(depth + 1);
    if (roll < 0.8) {
      const kind = scalarKind();
      const length = r.next() < 0.03 ? 5000 : r.int(4);
      return Array.from({ length }, () => (r.next() < 0.1 ? null : scalar(kind)));
    }
    if (roll < 0.92) return Array.from({ length: r.int(4) }, () => object(depth + 1));
    return r.next() < 0.5 ? {} : [];
  };
  const object = (depth: number): { [key: string]: Json } => {
    const out: { [key: string]: Json } = {};
    for (let i = r.int(5); i >= 0; i--) out[r.pick(KEYS)] = value(depth);
    return out;
  };
  return Array.from({ length: 1 + r.int(40) }, () => object(0));
}

/** Reference flattener: `[path, value]` per leaf; an object is not a leaf (an empty one has none). */
function leaves(record: Json, prefix = ""): [string, Json][] {
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    return [[prefix, record]];
  }
  const keys = Object.keys(record);
  return keys.flatMap((key) => leaves(record[key]!, prefix === "" ? key : `${prefix}.${key}`));
}

const isEmptyObject = (v: unknown) =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;

/** Whether a cell holds the input's value, allowing what normalize documents: text for mixtures, nulls for fields other items had. */
function holds(cell: unknown, value: unknown): boolean {
  if (value === null || value === undefined) return cell === null || cell === undefined;
  if (typeof cell === "string" && typeof value !== "string") {
    return cell === String(value) || cell === JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return Array.isArray(cell) && cell.length === value.length &&
      value.every((v, i) => holds(cell[i], v));
  }
  if (typeof value === "object") {
    if (typeof cell !== "object" || cell === null) return false;
    const c = cell as Record<string, unknown>;
    const v = value as Record<string, unknown>;
    return Object.keys(v).every((k) => holds(c[k], v[k])) &&
      Object.keys(c).every((k) => k in v || c[k] === null);
  }
  return cell === value;
}

Deno.test("normalize() keeps every leaf of random nested JSON, with the right rows and columns", () => {
  for (let seed = 1; seed <= 60; seed++) {
    const records = randomRecords(seed);
    const df = normalize(records);
    const where = `seed ${seed}`;
    assert.equal(df.height, records.length, `${where}: rows`);

    const perRecord = records.map((record) => leaves(record));
    const paths = new Map<string, Json[]>();
    for (const entries of perRecord) {
      for (const [path, value] of entries) paths.set(path, [...(paths.get(path) ?? []), value]);
    }
    // An empty object flattens to nothing, as in pandas.
    assert.deepEqual(new Set(df.columns), new Set(paths.keys()), `${where}: columns`);

    const columns = new Map(df.columns.map((name) => [name, cells(df, name)]));
    perRecord.forEach((entries, row) => {
      const counts = new Map<string, number>();
      for (const [path] of entries) counts.set(path, (counts.get(path) ?? 0) + 1);
      for (const [path, value] of entries) {
        // Keys colliding after flattening in one record: one of them wins, by design.
        if (counts.get(path)! > 1 || isEmptyObject(value) || !columns.has(path)) continue;
        const cell = columns.get(path)![row];
        assert.ok(
          holds(cell, value),
          `${where}: row ${row}, "${path}": ${JSON.stringify(cell)} does not hold ${
            JSON.stringify(value)
          }`,
        );
      }
    });
  }
});

Deno.test("normalize() of random records is the same whatever the records' order of keys", () => {
  for (let seed = 100; seed < 110; seed++) {
    const records = randomRecords(seed) as Record<string, Json>[];
    const reversed = records.map((r) => Object.fromEntries(Object.entries(r).reverse()));
    const a = normalize(records);
    const b = normalize(reversed);
    assert.deepEqual(new Set(a.columns), new Set(b.columns), `seed ${seed}`);
    // Where two keys of one record flatten to the same name, the last one wins: order matters.
    const colliding = new Set(records.flatMap((record) => {
      const paths = leaves(record).map(([path]) => path);
      return paths.filter((path, i) => paths.indexOf(path) !== i);
    }));
    for (const name of a.columns.filter((c) => !colliding.has(c))) {
      assert.deepEqual(
        JSON.stringify(cells(a, name)),
        JSON.stringify(cells(b, name)),
        `seed ${seed}: column "${name}"`,
      );
    }
  }
});
