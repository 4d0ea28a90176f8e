/**
 * The seeded drawing helpers of the sample generators (`gen_sample.ts`, `gen_sample_spoken.ts`):
 * numbers, picks, Spotify-like base62 ids and image URLs, all from one mulberry32 stream, so a
 * generator run repeats exactly. Private to `tools/`.
 *
 * @module
 */
import { type CatalogImage } from "../emulator/mod.ts";
import { mulberry32 } from "../emulator/testing.ts";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const IMAGE_PREFIX = {
  artist: "ab6761610000",
  album: "ab67616d0000",
  playlist: "ab67706c0000",
  show: "ab6765630000",
} as const;

/** The helpers of one seeded stream. */
export type SampleRandom = ReturnType<typeof sampleRandom>;

/**
 * Seeded helpers over one stream.
 *
 * @param seed The stream's seed.
 * @param usedIds Ids already taken (shared between streams so that no id repeats); new ids are
 *   added to it.
 * @returns The helpers.
 */
export function sampleRandom(seed: number, usedIds: Set<string> = new Set()) {
  const next = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const normal = () => {
    const u = 1 - next(), v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const id = (): string => {
    let s = "";
    do s = Array.from({ length: 22 }, () => pick([...BASE62])).join(""); while (usedIds.has(s));
    usedIds.add(s);
    return s;
  };
  const hex = (n: number) => Array.from({ length: n }, () => int(0, 15).toString(16)).join("");
  const images = (kind: keyof typeof IMAGE_PREFIX): CatalogImage[] => {
    const key = hex(28);
    return [640, 300, 64].map((size) => ({
      url: `https://i.scdn.co/image/${IMAGE_PREFIX[kind]}${
        size === 640 ? "e5eb" : size === 300 ? "1e02" : "4851"
      }${key}`,
      height: size,
      width: size,
    }));
  };
  return {
    next,
    int,
    pick,
    normal,
    chance: (p: number) => next() < p,
    id,
    hex,
    images,
    /** A uniform Fisher-Yates shuffle of `xs` from this stream (a copy). */
    shuffle: <T>(xs: readonly T[]): T[] => shuffle(xs, next),
    usedIds,
  };
}

/**
 * A uniform Fisher-Yates shuffle: every order equally likely, whatever the engine's sort, and the
 * same order for the same stream. The input is left as it was.
 *
 * @param xs The items.
 * @param random A generator of numbers in [0, 1), such as a seeded `mulberry32`; called once per
 *   item after the first.
 * @returns A shuffled copy of `xs`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mulberry32 } from "../emulator/testing.ts";
 * import { shuffle } from "./_sample_random.ts";
 * const xs = [1, 2, 3, 4, 5];
 * const shuffled = shuffle(xs, mulberry32(7));
 * assert.deepEqual([...shuffled].sort(), xs);
 * assert.deepEqual(shuffle(xs, mulberry32(7)), shuffled);
 * ```
 */
export function shuffle<T>(xs: readonly T[], random: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
