import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { normalize } from "./normalize.ts";

const dtypes = (df: pl.DataFrame) =>
  Object.fromEntries(df.columns.map((c, i) => [c, String(df.dtypes[i])]));
const column = (df: pl.DataFrame, name: string) => df.getColumn(name).toArray();

Deno.test("normalize() turns nested objects into dotted columns in order of appearance", () => {
  const df = normalize([
    { id: "a", album: { name: "First", release: { year: 2001 } } },
    { id: "b", album: { name: "Second", release: { year: 2002 } } },
  ]);
  assert.deepEqual(df.columns, ["id", "album.name", "album.release.year"]);
  assert.deepEqual(column(df, "album.name"), ["First", "Second"]);
});

Deno.test("normalize() keeps integer columns as Int64 and booleans as Boolean", () => {
  const df = normalize([{ n: 1, ok: true, x: 1.5 }, { n: 2, ok: false, x: 2 }]);
  assert.deepEqual(dtypes(df), {
    n: "DataType(Int64)",
    ok: "DataType(Bool)",
    x: "DataType(Float64)",
  });
});

Deno.test("normalize() keeps integers beyond 2^53 exact", () => {
  const df = normalize([{ n: 9007199254740993n }, { n: -9007199254740993n }, { n: null }]);
  assert.equal(String(df.dtypes[0]), "DataType(Int64)");
  assert.deepEqual(df.getColumn("n").cast(pl.Utf8).toArray(), [
    "9007199254740993",
    "-9007199254740993",
    null,
  ]);
});

Deno.test("normalize() turns missing keys into nulls and keeps keys seen only late", () => {
  const records: Record<string, unknown>[] = Array.from({ length: 300 }, (_, i) => ({ i }));
  records.push({ i: 300, late: "here" });
  const df = normalize(records);
  assert.deepEqual(df.columns, ["i", "late"]);
  assert.equal(df.getColumn("late").nullCount(), 300);
  assert.equal(df.getColumn("late").get(300), "here");
});

Deno.test("normalize() reproduces the pandas json_normalize documentation example", () => {
  const data = [
    {
      state: "Florida",
      shortname: "FL",
      info: { governor: "Rick Scott" },
      counties: [
        { name: "Dade", population: 12345 },
        { name: "Broward", population: 40000 },
        { name: "Palm Beach", population: 60000 },
      ],
    },
    {
      state: "Ohio",
      shortname: "OH",
      info: { governor: "John Kasich" },
      counties: [{ name: "Summit", population: 1234 }, { name: "Cuyahoga", population: 1337 }],
    },
  ];
  const df = normalize(data, {
    recordPath: "counties",
    meta: ["state", "shortname", ["info", "governor"]],
  });
  assert.deepEqual(df.toRecords(), [
    {
      name: "Dade",
      population: 12345,
      state: "Florida",
      shortname: "FL",
      "info.governor": "Rick Scott",
    },
    {
      name: "Broward",
      population: 40000,
      state: "Florida",
      shortname: "FL",
      "info.governor": "Rick Scott",
    },
    {
      name: "Palm Beach",
      population: 60000,
      state: "Florida",
      shortname: "FL",
      "info.governor": "Rick Scott",
    },
    {
      name: "Summit",
      population: 1234,
      state: "Ohio",
      shortname: "OH",
      "info.governor": "John Kasich",
    },
    {
      name: "Cuyahoga",
      population: 1337,
      state: "Ohio",
      shortname: "OH",
      "info.governor": "John Kasich",
    },
  ]);
});

Deno.test("normalize() keeps lists of scalars as List columns and lists of objects as List of Struct", () => {
  const df = normalize([
    { tags: ["a", "b"], artists: [{ id: "x", name: "X" }] },
    { tags: [], artists: [] },
  ]);
  assert.equal(String(df.dtypes[0]), "DataType(List(DataType(String)))");
  assert.match(String(df.dtypes[1]), /^DataType\(List\(DataType\(Struct/);
  assert.deepEqual(column(df, "artists"), [[{ id: "x", name: "X" }], []]);
});

Deno.test("normalize() of a single object gives one row", () => {
  const df = normalize({ a: 1, b: { c: "x" } });
  assert.equal(df.height, 1);
  assert.deepEqual(df.columns, ["a", "b.c"]);
});

Deno.test("normalize() raises a clear error when a record path is not a list", () => {
  assert.throws(
    () => normalize([{ items: [] }, { items: "oops" }], { recordPath: "items" }),
    /recordPath "items" at data\[1\].*not a list/,
  );
});

Deno.test("normalize() raises on a missing meta key, or gives null with errors: ignore", () => {
  const data = [{ id: 1, rows: [{ v: 1 }] }, { rows: [{ v: 2 }] }];
  assert.throws(() => normalize(data, { recordPath: "rows", meta: ["id"] }), /meta key "id"/);
  const df = normalize(data, { recordPath: "rows", meta: ["id"], errors: "ignore" });
  assert.deepEqual(column(df, "id"), [1, null]);
});

Deno.test("normalize() pins columns and types with schema, absent ones as null columns", () => {
  const df = normalize([{ id: "a" }], {
    schema: { id: pl.Utf8, popularity: pl.Int64, genres: pl.List(pl.Utf8) },
  });
  assert.deepEqual(dtypes(df), {
    id: "DataType(String)",
    popularity: "DataType(Int64)",
    genres: "DataType(List(DataType(String)))",
  });
  assert.equal(df.getColumn("genres").nullCount(), 1);
});
