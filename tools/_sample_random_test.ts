import assert from "node:assert/strict";
import { mulberry32 } from "../emulator/testing.ts";
import { sampleRandom, shuffle } from "./_sample_random.ts";

const ITEMS = ["a", "b", "c", "d", "e"] as const;

Deno.test("shuffle() returns a permutation of its input and leaves the input as it was", () => {
  const input = [...ITEMS, "a"]; // a repeated item stays repeated
  for (let seed = 1; seed <= 50; seed++) {
    const out = shuffle(input, mulberry32(seed));
    assert.notEqual(out, input);
    assert.deepEqual([...out].sort(), [...input].sort());
  }
  assert.deepEqual(input, [...ITEMS, "a"]);
  assert.deepEqual(shuffle([], mulberry32(1)), []);
  assert.deepEqual(shuffle(["only"], mulberry32(1)), ["only"]);
});

Deno.test("shuffle() gives the same order for the same seed and other orders for other seeds", () => {
  const first = shuffle(ITEMS, mulberry32(20261125));
  assert.deepEqual(shuffle(ITEMS, mulberry32(20261125)), first);
  const orders = new Set(
    Array.from({ length: 20 }, (_, seed) => shuffle(ITEMS, mulberry32(seed)).join("")),
  );
  assert.ok(orders.size >= 10, `20 seeds gave only ${orders.size} orders`);
});

Deno.test("shuffle() swaps each position with one drawn at or below it (Fisher-Yates)", () => {
  // random() = 0 draws index 0 every time; a number just under 1 draws the position itself.
  assert.deepEqual(shuffle([1, 2, 3, 4], () => 0), [2, 3, 4, 1]);
  assert.deepEqual(shuffle([1, 2, 3, 4], () => 0.999999), [1, 2, 3, 4]);
  let calls = 0;
  shuffle([1, 2, 3, 4], () => (calls++, 0.5));
  assert.equal(calls, 3, "one draw per item after the first");
});

Deno.test("shuffle() puts every item in every position about equally often over many seeds", () => {
  const runs = 3000;
  const counts = ITEMS.map(() => ITEMS.map(() => 0));
  for (let seed = 0; seed < runs; seed++) {
    shuffle(ITEMS, mulberry32(seed)).forEach((item, position) => {
      counts[ITEMS.indexOf(item)]![position]!++;
    });
  }
  const expected = runs / ITEMS.length; // 600; a binomial's spread here is about 22
  for (const [k, row] of counts.entries()) {
    for (const [position, n] of row.entries()) {
      const item = ITEMS[k];
      assert.ok(
        Math.abs(n - expected) < 100,
        `"${item}" landed in position ${position} ${n} times in ${runs}, not about ${expected}`,
      );
    }
  }
});

Deno.test("sampleRandom().shuffle() draws from the stream's own generator", () => {
  const r = sampleRandom(42);
  const next = mulberry32(42);
  assert.deepEqual(r.shuffle(ITEMS), shuffle(ITEMS, next));
  assert.equal(r.next(), next(), "the stream and the bare generator stay in step");
});
