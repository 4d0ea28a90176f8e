import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { normalize } from "./normalize.ts";
import { cells } from "./_test_cells.ts";

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

Deno.test("normalize() reproduces pandas' nested-dict example, with every path a column", () => {
  const data = [
    { id: 1, name: { first: "Coleen", last: "Volk" } },
    { name: { given: "Mark", family: "Regner" } },
    { id: 2, name: "Faye Raker" },
  ];
  const df = normalize(data);
  assert.deepEqual(df.columns, [
    "id",
    "name.first",
    "name.last",
    "name.given",
    "name.family",
    "name",
  ]);
  assert.deepEqual(df.toRecords(), [
    {
      id: 1,
      "name.first": "Coleen",
      "name.last": "Volk",
      "name.given": null,
      "name.family": null,
      name: null,
    },
    {
      id: null,
      "name.first": null,
      "name.last": null,
      "name.given": "Mark",
      "name.family": "Regner",
      name: null,
    },
    {
      id: 2,
      "name.first": null,
      "name.last": null,
      "name.given": null,
      "name.family": null,
      name: "Faye Raker",
    },
  ]);
});

Deno.test("normalize() honours maxLevel as pandas' max_level example does", () => {
  const fitness = { height: 130, weight: 60 };
  const data = [
    { id: 1, name: "Cole Volk", fitness },
    { name: "Mark Reg", fitness },
    { id: 2, name: "Faye Raker", fitness },
  ];
  const flat0 = normalize(data, { maxLevel: 0 });
  assert.deepEqual(flat0.columns, ["id", "name", "fitness"]);
  assert.match(String(flat0.getColumn("fitness").dtype), /^DataType\(Struct/);
  assert.deepEqual(column(flat0, "fitness"), [fitness, fitness, fitness]);
  const flat1 = normalize(data, { maxLevel: 1 });
  assert.deepEqual(flat1.columns, ["id", "name", "fitness.height", "fitness.weight"]);
  assert.deepEqual(column(flat1, "fitness.weight"), [60, 60, 60]);
});

Deno.test("normalize() applies recordPrefix and metaPrefix, and scalar records as pandas does", () => {
  const df = normalize({ A: [1, 2] }, { recordPath: "A", recordPrefix: "Prefix." });
  assert.deepEqual(df.toRecords(), [{ "Prefix.0": 1 }, { "Prefix.0": 2 }]);
  const meta = normalize([{ id: "x", rows: [{ id: 1 }, { id: 2 }] }], {
    recordPath: "rows",
    meta: ["id"],
    metaPrefix: "parent.",
  });
  assert.deepEqual(meta.toRecords(), [{ id: 1, "parent.id": "x" }, { id: 2, "parent.id": "x" }]);
  assert.throws(
    () => normalize([{ id: "x", rows: [{ id: 1 }] }], { recordPath: "rows", meta: ["id"] }),
    /Conflicting metadata name "id"/,
  );
});

Deno.test("normalize() follows a nested record path with meta from each level", () => {
  const data = [
    {
      country: "SE",
      cities: [
        { city: "Malmö", streets: [{ street: "Storgatan", no: 1 }, { street: "Lilla", no: 2 }] },
        { city: "Lund", streets: [] },
        { city: "Ystad", streets: [{ street: "Hamngatan", no: 3 }] },
      ],
    },
  ];
  const df = normalize(data, {
    recordPath: ["cities", "streets"],
    meta: ["country", ["cities", "city"]],
  });
  assert.deepEqual(df.toRecords(), [
    { street: "Storgatan", no: 1, country: "SE", "cities.city": "Malmö" },
    { street: "Lilla", no: 2, country: "SE", "cities.city": "Malmö" },
    { street: "Hamngatan", no: 3, country: "SE", "cities.city": "Ystad" },
  ]);
  assert.throws(
    () => normalize([{ cities: [{ streets: 5 }] }], { recordPath: ["cities", "streets"] }),
    /recordPath "streets" at data\[0\]\.cities\[0\]: its value is number, not a list/,
  );
});

Deno.test("normalize() joins nested keys with sep", () => {
  const df = normalize([{ a: { b: { c: 1 } } }], { sep: "_" });
  assert.deepEqual(df.columns, ["a_b_c"]);
});

Deno.test("normalize() makes a column of numbers and strings Utf8 (documented), keeping every value", () => {
  const df = normalize([{ v: 1 }, { v: "two" }, { v: 3.5 }, { v: true }, { v: null }]);
  assert.equal(String(df.getColumn("v").dtype), "DataType(String)");
  assert.deepEqual(column(df, "v"), ["1", "two", "3.5", "true", null]);
});

Deno.test("normalize() keeps empty lists and null rows apart, and flattens empty objects to nothing as pandas does", () => {
  const df = normalize([
    { tags: [], extra: {}, artists: [{ id: "a" }], info: {} },
    { tags: null, extra: {}, artists: [], info: { x: 1 } },
    { tags: ["x"], extra: {}, artists: null, info: 5 },
  ]);
  assert.deepEqual(df.columns, ["tags", "artists", "info.x", "info"]);
  assert.deepEqual(column(df, "tags"), [[], null, ["x"]]);
  assert.deepEqual(column(df, "artists"), [[{ id: "a" }], [], null]);
  assert.deepEqual(column(df, "info.x"), [null, 1, null]);
  assert.deepEqual(column(df, "info"), [null, null, 5]);
  const kept = normalize([{ extra: {} }, { extra: null }], { maxLevel: 0 });
  assert.deepEqual(column(kept, "extra"), ["{}", null]);
});

Deno.test("normalize() builds List of Struct that explode and unnest", () => {
  const df = normalize([
    { id: "t1", artists: [{ id: "a", name: "A", n: 1 }, { id: "b", name: "B", n: 2 }] },
    { id: "t2", artists: [{ id: "c", name: "C", late: true }] },
  ]);
  const exploded = df.select("artists").explode("artists").unnest("artists");
  assert.deepEqual(exploded.columns, ["id", "name", "n", "late"]);
  assert.deepEqual(exploded.getColumn("name").toArray(), ["A", "B", "C"]);
  assert.deepEqual(exploded.getColumn("n").toArray(), [1, 2, null]);
  assert.equal(String(exploded.getColumn("n").dtype), "DataType(Int64)");
  assert.deepEqual(exploded.getColumn("late").toArray(), [null, null, true]);
});

Deno.test("normalize() keeps integers beyond 2^53 exact inside lists of objects too", () => {
  const df = normalize([{ rows: [{ n: 9007199254740993n }, { n: 1n }] }]);
  const inner = df.explode("rows").unnest("rows");
  assert.equal(String(inner.getColumn("n").dtype), "DataType(Int64)");
  assert.deepEqual(inner.getColumn("n").cast(pl.Utf8).toArray(), ["9007199254740993", "1"]);
});

Deno.test("normalize() refuses an object that contains itself with one TypeError sentence", () => {
  const track: Record<string, unknown> = { id: "t", album: { name: "A" } };
  (track.album as Record<string, unknown>).track = track;
  assert.throws(() => normalize([{ id: "ok" }, track]), {
    name: "TypeError",
    message:
      "Cannot normalize record 1: it contains itself (a cyclic reference), which JSON cannot hold",
  });
  const list: unknown[] = [];
  list.push({ items: list });
  assert.throws(() => normalize([{ list }]), TypeError);
  assert.throws(() => normalize([{ list }], { maxLevel: 0 }), TypeError);
});

Deno.test("normalize() refuses data nested 10,000 levels deep with one RangeError sentence", () => {
  let objects: unknown = 1;
  let lists: unknown = 1;
  for (let i = 0; i < 10_000; i++) {
    objects = { next: objects };
    lists = [lists];
  }
  const message = "Cannot normalize record 0: it is nested deeper than 100 levels";
  assert.throws(() => normalize(objects), { name: "RangeError", message });
  assert.throws(() => normalize([{ lists }]), { name: "RangeError", message });
  assert.throws(() => normalize([{ objects }], { maxLevel: 1 }), { name: "RangeError", message });
  // Ninety levels are fine.
  let ok: unknown = "leaf";
  for (let i = 0; i < 90; i++) ok = [ok];
  assert.equal(normalize([{ ok }]).getColumn("ok").dtype.toString().split("List").length, 91);
});

Deno.test("normalize() of 1,000,000 flat records finishes with every row", () => {
  const records = Array.from({ length: 1_000_000 }, (_, i) => ({ i, even: i % 2 === 0 }));
  const df = normalize(records);
  assert.deepEqual(df.shape, { height: 1_000_000, width: 2 });
  assert.deepEqual(df.slice(765_432, 2).toRecords(), [
    { i: 765_432, even: true },
    { i: 765_433, even: false },
  ]);
});

Deno.test("normalize() keeps non-ASCII text exact and turns lone surrogates into U+FFFD one by one", () => {
  const names = ["Björk", "日本語", "emoji 🎧", "", "plain", "a\uD800b", "\uD83C", "\uDFA7", "Zoë"];
  const df = normalize(names.map((name) => ({ name, tags: [name, "x"] })));
  const expected = names.map((n) => n.replace(/\p{Surrogate}/gu, "\uFFFD"));
  assert.deepEqual(column(df, "name"), expected);
  assert.deepEqual((column(df, "tags") as unknown as string[][]).map((t) => t[0]), expected);
  // Long columns: chunks of ASCII and non-ASCII text side by side.
  const many = Array.from({ length: 5000 }, (_, i) => ({ s: i % 1500 === 7 ? `ü${i}` : `a${i}` }));
  assert.deepEqual(column(normalize(many), "s"), many.map((r) => r.s));
  // Lone halves of a pair in neighbouring rows, within a chunk of rows and across one, with nulls.
  const split = Array.from({ length: 3000 }, (_, i) => ({
    s: i % 97 === 0
      ? null
      : i === 1500 || i === 1023
      ? "x\uD83C"
      : i === 1501 || i === 1024
      ? "\uDFA7y"
      : `r${i}`,
  }));
  assert.deepEqual(
    column(normalize(split), "s"),
    split.map((r) => r.s?.replace(/\p{Surrogate}/gu, "\uFFFD") ?? null),
  );
});

Deno.test("normalize() keeps text exact when neighbouring rows hold millions of characters", () => {
  const long = (c: string, i: number) => c.repeat(6_000_000 + i);
  const rows = [long("a", 0), null, long("b", 1), "é", long("c", 2), long("d", 3), "z"];
  const df = normalize(rows.map((s) => ({ s })));
  const got = column(df, "s") as (string | null)[];
  assert.deepEqual(got.map((s) => s?.length ?? null), rows.map((s) => s?.length ?? null));
  assert.deepEqual(got.map((s) => s?.slice(-2) ?? null), rows.map((s) => s?.slice(-2) ?? null));
});

Deno.test("normalize() writes Int64 exactly across the 32-bit halves, negatives included", () => {
  const ns = [
    0,
    -1,
    1,
    2 ** 32,
    -(2 ** 32),
    2 ** 40 + 7,
    -(2 ** 40) - 5,
    2 ** 53 - 1,
    -(2 ** 53 - 1),
  ];
  const df = normalize(ns.map((n) => ({ n })));
  assert.equal(String(df.dtypes[0]), "DataType(Int64)");
  assert.deepEqual(column(df, "n"), ns);
  const huge = normalize([{ n: 2n ** 70n }, { n: 1n }]);
  assert.deepEqual(column(huge, "n"), [String(2n ** 70n), "1"]);
});

Deno.test("normalize() merges a dotted key with the path it collides with, the later winning as in pandas", () => {
  const df = normalize([{ "a.b": 1, a: { b: 2 } }, { "a.b": 3 }, { a: { b: [4] } }]);
  assert.deepEqual(df.columns, ["a.b"]);
  assert.deepEqual(column(df, "a.b"), ["2", "3", "[4]"]);
});

Deno.test("normalize() frames keep their values when later frames are built", () => {
  const first = normalize([{ s: "first", n: 1, tags: ["x"] }]);
  normalize(Array.from({ length: 2000 }, (_, i) => ({ s: `other ${i}`, n: i, tags: ["y"] })));
  assert.deepEqual(first.toRecords(), [{ s: "first", n: 1, tags: ["x"] }]);
});

Deno.test("normalize() keeps null objects inside lists as null items, apart from objects of nulls", () => {
  const df = normalize([{ a: [{ x: 1 }, null, { y: "z" }] }, { a: [null] }]);
  assert.match(String(df.dtypes[0]), /^DataType\(List\(DataType\(Struct/);
  assert.deepEqual(cells(df, "a"), [[{ x: 1, y: null }, null, { x: null, y: "z" }], [null]]);
});

Deno.test("a missing meta key is located at the object that lacks it, with [i] only for lists", () => {
  const data = [{ name: "A", tracks: { items: [{ id: "t1" }] } }];
  assert.throws(
    () => normalize(data, { recordPath: ["tracks", "items"], meta: [["tracks", "total"]] }),
    {
      message:
        'Cannot find meta key "total" at data[0].tracks: it is missing; pass errors: "ignore" to get null instead',
    },
  );
  const one = { album: { tracks: { items: [{ id: "t1" }] } } };
  assert.throws(
    () => normalize(one, { recordPath: ["album", "tracks", "items"], meta: [["album", "label"]] }),
    { message: /^Cannot find meta key "label" at data\.album: / },
  );
});
