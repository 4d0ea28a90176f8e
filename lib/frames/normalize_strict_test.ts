/**
 * `normalize` on odd and hostile records: keys named like Object's members, integers beyond what
 * a column holds, and values of the wrong type for a pinned schema. Each comes out exact or is
 * refused in one sentence naming the column (or key), the row and the value.
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { arrowFrame } from "./_arrow.ts";
import { leafColumn, plain } from "./_arrow_columns.ts";
import { cells } from "./_test_cells.ts";
import { normalize } from "./normalize.ts";

const MEMBERS = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"];

Deno.test("normalize() never finds Object's members as meta keys or record paths of records without them", () => {
  const data = [{ id: 1, rows: [{ v: 1 }], info: { name: "x" } }];
  for (const key of MEMBERS) {
    assert.throws(() => normalize(data, { recordPath: "rows", meta: [key] }), {
      name: "TypeError",
      message:
        `Cannot find meta key "${key}" at data[0]: it is missing; pass errors: "ignore" to get null instead`,
    });
    assert.throws(
      () => normalize(data, { recordPath: "rows", meta: [["info", key]] }),
      new RegExp(`meta key "info.${key}"`),
    );
    const df = normalize(data, { recordPath: "rows", meta: [key], errors: "ignore" });
    assert.deepEqual(df.columns, ["v", key]);
    assert.deepEqual(df.getColumn(key).toArray(), [null]);
    assert.throws(() => normalize(data, { recordPath: key }), {
      name: "TypeError",
      message:
        `Cannot follow recordPath at data[0]: key "${key}" is missing; every record must have the path`,
    });
  }
});

Deno.test("normalize() reads keys named like Object's members as ordinary keys, __proto__ from JSON.parse included", () => {
  const data = JSON.parse(
    '[{"constructor": 1, "toString": "t", "hasOwnProperty": true, "__proto__": {"x": 2}, "rows": [{"__proto__": 3}]}]',
  );
  const df = normalize(data);
  assert.deepEqual(df.columns, [
    "constructor",
    "toString",
    "hasOwnProperty",
    "rows",
    "__proto__.x",
  ]);
  assert.deepEqual(
    df.columns.map((name) => cells(df, name)[0]),
    [1, "t", true, JSON.parse('[{"__proto__": 3}]'), 2],
  );
  const meta = normalize(data, {
    recordPath: "rows",
    meta: ["__proto__", "constructor"],
    metaPrefix: "meta.",
  });
  assert.deepEqual(meta.columns, ["__proto__", "meta.__proto__", "meta.constructor"]);
  assert.deepEqual(meta.columns.map((name) => cells(meta, name)[0]), [3, { x: 2 }, 1]);
});

Deno.test("normalize() walks a record's own keys only, never inherited enumerable ones", () => {
  const inherited = { leaked: "from the prototype", nested: { deep: 1 } };
  const record = Object.assign(Object.create(inherited), { id: "a", album: { name: "A" } });
  const album = Object.assign(Object.create({ alsoLeaked: 1 }), { name: "B" });
  const df = normalize([record, { id: "b", album }, { id: "c", list: [album] }]);
  assert.deepEqual(df.columns, ["id", "album.name", "list"]);
  assert.deepEqual(cells(df, "list"), [null, null, [{ name: "B" }]]);
  assert.throws(
    () =>
      normalize([{ rows: [{}] }].map((r) => Object.assign(Object.create(inherited), r)), {
        recordPath: "rows",
        meta: ["leaked"],
      }),
    /meta key "leaked"/,
  );
});

Deno.test("normalize() keeps bigints exact beside fractions and beyond Int64, as text", () => {
  const big = 2n ** 60n + 1n;
  const mixed = normalize([{ n: big }, { n: 1.5 }, { n: 2 }]);
  assert.equal(String(mixed.dtypes[0]), "DataType(String)");
  assert.deepEqual(mixed.getColumn("n").toArray(), [String(big), "1.5", "2"]);
  const beyond = normalize([{ n: 2n ** 63n }, { n: -(2n ** 63n) - 1n }]);
  assert.deepEqual(beyond.getColumn("n").toArray(), [String(2n ** 63n), String(-(2n ** 63n) - 1n)]);
  // Numbers beyond 2^53 arrive rounded; Float64 keeps exactly what arrived.
  const float = normalize([{ n: 2 ** 60 }, { n: 1 }]);
  assert.equal(String(float.dtypes[0]), "DataType(Float64)");
  assert.deepEqual(float.getColumn("n").toArray(), [2 ** 60, 1]);
});

Deno.test("the Int64 column writer refuses a value it would truncate or wrap, naming the column and row", () => {
  const cases: [unknown, string][] = [
    [2 ** 63, "9223372036854776000"],
    [2 ** 53, "9007199254740992"],
    [1.5, "1.5"],
    [NaN, "NaN"],
    [Infinity, "Infinity"],
    [2n ** 63n, "9223372036854775808n"],
    ["12", '"12"'],
  ];
  for (const [value, shown] of cases) {
    const column = leafColumn("ms_played", { id: "int64" }, plain([1, null, value]), 3);
    assert.throws(() => arrowFrame([column], 3), {
      name: "RangeError",
      message:
        `Cannot put ${shown} in the Int64 column "ms_played" (row 2): it holds whole numbers within ±(2^53 - 1), or bigints within Int64, exactly, and would truncate or wrap this one`,
    });
  }
  const edge = [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2n ** 63n - 1n, -(2n ** 63n)];
  const df = arrowFrame([leafColumn("n", { id: "int64" }, plain(edge), 4)], 4);
  assert.deepEqual(df.getColumn("n").cast(pl.Utf8).toArray(), edge.map(String));
});

const refused = (data: unknown, schema: Record<string, pl.DataType>, maxLevel = Infinity) => {
  try {
    normalize(data, { schema, maxLevel });
  } catch (error) {
    assert.equal((error as Error).name, "TypeError");
    return (error as Error).message;
  }
  return "accepted";
};

Deno.test("normalize() refuses a schema type that a value cannot hold exactly, naming the column, row and value", () => {
  const cases: [unknown[], Record<string, pl.DataType>, string][] = [
    [
      [{ g: ["a"] }, { g: "rock" }],
      { g: pl.List(pl.Utf8) },
      'List(Utf8) as the schema asks: row 1 holds "rock" (text), which List(Utf8)',
    ],
    [
      [{ n: 1 }, { n: [2] }],
      { n: pl.Int64 },
      "Int64 as the schema asks: row 1 holds [2] (a list), which Int64",
    ],
    [
      [{ n: "12" }],
      { n: pl.Int64 },
      'Int64 as the schema asks: row 0 holds "12" (text), which Int64',
    ],
    [
      [{ n: 1.5 }],
      { n: pl.Int64 },
      "Int64 as the schema asks: row 0 holds 1.5 (a number), which Int64",
    ],
    [
      [{ n: 2 ** 60 }],
      { n: pl.Int64 },
      "Int64 as the schema asks: row 0 holds 1152921504606847000 (a number), which Int64",
    ],
    [
      [{ n: 300 }],
      { n: pl.Int8 },
      "Int8 as the schema asks: row 0 holds 300 (a number), which Int8",
    ],
    [
      [{ n: -1 }],
      { n: pl.UInt32 },
      "UInt32 as the schema asks: row 0 holds -1 (a number), which UInt32",
    ],
    [
      [{ n: 1e300 }],
      { n: pl.Float32 },
      "Float32 as the schema asks: row 0 holds 1e+300 (a number), which Float32",
    ],
    [
      [{ n: 1 }, { n: 16777217 }],
      { n: pl.Float32 },
      "Float32 as the schema asks: row 1 holds 16777217 (a number), which Float32",
    ],
    [
      [{ n: 0.5 }, { n: 3.5e38 }],
      { n: pl.Float32 },
      "Float32 as the schema asks: row 1 holds 3.5e+38 (a number), which Float32",
    ],
    [
      [{ n: [1, 2 ** 24 + 1] }],
      { n: pl.List(pl.Float32) },
      "List(Float32) as the schema asks: an item of row 0 holds 16777217 (a number), which Float32",
    ],
    [
      [{ n: 2n ** 24n + 1n }],
      { n: pl.Float32 },
      "Float32 as the schema asks: row 0 holds 16777217n (a bigint), which Float32",
    ],
    [
      [{ n: 2n ** 60n + 1n }],
      { n: pl.Float64 },
      "Float64 as the schema asks: row 0 holds 1152921504606846977n (a bigint), which Float64",
    ],
    [[{ b: 1 }], { b: pl.Bool }, "Bool as the schema asks: row 0 holds 1 (a number), which Bool"],
    [
      [{ d: "2026-0:-01" }],
      { d: pl.Date },
      'Date as the schema asks: row 0 holds "2026-0:-01" (text), which Date',
    ],
    [
      [{ d: "2026-02-30" }],
      { d: pl.Date },
      'Date as the schema asks: row 0 holds "2026-02-30" (text), which Date',
    ],
    [
      [{ t: "2026-05-01T10:00:00Zjunk" }],
      { t: pl.Datetime("ms") },
      'Datetime("ms") as the schema asks: row 0 holds "2026-05-01T10:00:00Zjunk" (text), which Datetime("ms")',
    ],
    [
      [{ l: [1] }, { l: [2, 3.5] }],
      { l: pl.List(pl.Int64) },
      "List(Int64) as the schema asks: an item of row 1 holds 3.5 (a number), which Int64",
    ],
  ];
  for (const [data, schema, what] of cases) {
    const col = Object.keys(schema)[0]!;
    assert.equal(
      refused(data, schema),
      `Cannot make column "${col}" ${what} cannot hold exactly`,
      what,
    );
  }
  // An object kept whole (below maxLevel) where a number belongs.
  assert.equal(
    refused([{ n: 1 }, { n: { v: 2 } }], { n: pl.Int64 }, 0),
    'Cannot make column "n" Int64 as the schema asks: row 1 holds {"v":2} (an object), which Int64 cannot hold exactly',
  );
  // What polars itself cannot convert is caught too: it would have made the value null.
  assert.equal(
    refused([{ n: 1.5 }, { n: 1e30 }], { n: pl.Decimal(10, 2) }),
    'Cannot make column "n" Decimal as the schema asks: row 1 holds 1e+30 (a number), which Decimal cannot hold exactly',
  );
  assert.equal(
    refused([{ d: 2 ** 40 }], { d: pl.Date }),
    'Cannot make column "d" Date as the schema asks: row 0 holds 1099511627776 (a number), which Date cannot hold exactly',
  );
  assert.equal(
    refused([{ t: 1.5 }], { t: pl.Time }),
    'Cannot make column "t" Time as the schema asks: row 0 holds 1.5 (a number), which Time cannot hold exactly',
  );
  // What polars itself refuses to cast to is said in a sentence naming the column.
  assert.match(
    refused([{ e: "x" }], { e: pl.Null }),
    /^Cannot make columns "e" Null as the schema asks: polars cannot convert their values \(.+\)$/,
  );
  assert.match(
    refused([{ e: 1 }], { e: pl.Object }),
    /^Cannot pin column "e": the schema gives Object, not a polars DataType a column can be cast to/,
  );
  const nested = pl.Struct([new pl.Field("a", pl.Struct([new pl.Field("x", pl.Int64)]))]);
  assert.equal(
    refused([{ s: { a: { x: "1" } } }], { s: nested }, 0),
    'Cannot make column "s" Struct(a: Struct(x: Int64)) as the schema asks: field "x" of field "a" of row 0 holds "1" (text), which Int64 cannot hold exactly',
  );
  assert.match(
    refused([{ n: 1 }], { n: "Int64" as unknown as pl.DataType }),
    /^Cannot pin column "n": the schema gives "Int64" \(text\), not a polars DataType a column can be cast to; use pl.Int64/,
  );
});

Deno.test("normalize() converts what fits a schema exactly: whole dates, strict times with offsets, numbers", () => {
  const df = normalize([
    { d: "2024-02-29", t: "2026-05-01T12:00:00.250+02:00", n: 2.0, f: 7, s: 5, l: [1, 2] },
    { d: 19_000, t: 0, n: null, f: 2n ** 52n, s: true, l: null },
  ], {
    schema: {
      d: pl.Date,
      t: pl.Datetime("ms", "UTC"),
      n: pl.Int8,
      f: pl.Float64,
      s: pl.Utf8,
      l: pl.List(pl.Int16),
    },
  });
  assert.deepEqual(df.getColumn("d").toArray(), [
    new Date("2024-02-29"),
    new Date(19_000 * 86_400_000),
  ]);
  assert.deepEqual(df.getColumn("t").toArray(), [
    new Date("2026-05-01T10:00:00.250Z"),
    new Date(0),
  ]);
  assert.deepEqual(df.getColumn("n").toArray(), [2, null]);
  assert.deepEqual(df.getColumn("f").toArray(), [7, 2 ** 52]);
  assert.deepEqual(df.getColumn("s").toArray(), ["5", "true"]);
  assert.deepEqual(cells(df, "l"), [[1, 2], null]);
  assert.equal(String(df.getColumn("l").dtype), "DataType(List(DataType(Int16)))");
});

Deno.test("normalize() keeps ±Infinity and NaN given as numbers in Float64 and Float32 columns, at the top and inside lists", () => {
  const data = [{ n: Infinity, l: [-Infinity, NaN] }, { n: -Infinity, l: [] }, {
    n: NaN,
    l: [1.5],
  }];
  for (const type of [pl.Float64, pl.Float32]) {
    const df = normalize(data, { schema: { n: type, l: pl.List(type) } });
    assert.equal(String(df.getColumn("n").dtype), `DataType(${String(type).slice(9, -1)})`);
    assert.deepEqual(df.getColumn("n").toArray(), [Infinity, -Infinity, NaN]);
    assert.deepEqual(df.getColumn("l").toArray().map((l) => [...(l as Iterable<number>)]), [
      [-Infinity, NaN],
      [],
      [1.5],
    ]);
  }
  const exact = normalize([{ n: 2 ** 24 }, { n: 0.375 }, { n: -3.4028234663852886e38 }], {
    schema: { n: pl.Float32 },
  });
  assert.deepEqual(exact.getColumn("n").toArray(), [2 ** 24, 0.375, -3.4028234663852886e38]);
  assert.match(refused([{ n: Infinity }], { n: pl.Int64 }), /row 0 holds Infinity \(a number\)/);
});

Deno.test("normalize() rounds a fraction to Float32's nearest value, as any float32 cast does", () => {
  const df = normalize([{ n: 0.1 }, { n: 2.5 }], { schema: { n: pl.Float32 } });
  assert.deepEqual(df.getColumn("n").toArray(), [Math.fround(0.1), 2.5]);
});
