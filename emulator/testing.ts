/**
 * What tests and benchmarks use beside the emulator itself: a seeded PRNG, synthetic catalog-shaped
 * data in bulk, and the yardstick of what the bundled catalog implies. Nothing here is served by the
 * emulator; `mod.ts` exports the emulator.
 *
 * ```ts
 * import assert from "node:assert/strict";
 * import { mulberry32 } from "./testing.ts";
 * assert.equal(mulberry32(1)(), mulberry32(1)());
 * ```
 *
 * @module
 */
export { albumGroup, type ExpectedDiscography, expectedDiscography } from "./expected.ts";
export { mulberry32 } from "./random.ts";
export { syntheticTracks } from "./synthetic.ts";
