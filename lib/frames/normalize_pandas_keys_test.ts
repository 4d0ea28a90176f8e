/**
 * Differential tests of `normalize` against `pandas.json_normalize` on keys named like Object's
 * members: missing ones raise pandas' KeyError (a TypeError here naming the key) or give null under
 * `errors: "ignore"`, own ones (`"__proto__"` from `JSON.parse` included) are ordinary keys.
 */
import assert from "node:assert/strict";
import { type Case, compare, missing, pandas } from "./_pandas_harness.ts";

const MEMBERS = ["constructor", "toString", "__proto__", "hasOwnProperty"];
const counties = [{ name: "Dade", rows: [{ v: 1 }, { v: 2 }], info: { governor: "R" } }];
// JSON.parse makes "__proto__" an own key, as Python's json makes it a dict key.
const memberKeys = JSON.parse(
  JSON.stringify([{
    id: 1,
    constructor: "c",
    toString: 2,
    hasOwnProperty: true,
    valueOf: null,
    rows: [{ v: 1, constructor: 5 }, { v: 2 }],
  }]).replace('{"id":1,', '{"id":1,"__proto__":{"x":3,"y":"p"},'),
);

const OWN_KEY_CASES: Case[] = [
  ...MEMBERS.flatMap((key): Case[] => [
    { name: `meta ${key}, missing`, data: counties, options: { recordPath: "rows", meta: [key] } },
    {
      name: `meta info.${key}, missing`,
      data: counties,
      options: { recordPath: "rows", meta: [["info", key]] },
    },
    {
      name: `meta ${key}, missing, errors ignore`,
      data: counties,
      options: { recordPath: "rows", meta: ["name", key], errors: "ignore" },
    },
    { name: `record_path ${key}, missing`, data: counties, options: { recordPath: key } },
  ]),
  { name: "own keys named like members", data: memberKeys },
  { name: "own keys named like members, max_level 0", data: memberKeys, options: { maxLevel: 0 } },
  {
    name: "own keys named like members, as meta",
    data: memberKeys,
    options: {
      recordPath: "rows",
      meta: ["__proto__", "constructor", "toString", ["__proto__", "x"]],
      metaPrefix: "meta.",
    },
  },
];

Deno.test({
  name:
    "normalize() equals pandas.json_normalize on keys named like Object's members: KeyError where missing, columns where own",
  ignore: missing !== undefined,
  async fn() {
    const frames = await pandas(OWN_KEY_CASES);
    assert.equal(frames.filter((f) => f.error === "KeyError").length, 12);
    OWN_KEY_CASES.forEach((c, i) => compare(c, frames[i]!));
  },
});
