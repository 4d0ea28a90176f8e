/**
 * The normalize benchmark: 100,000 full track objects shaped like `GET /tracks/{id}` in Extended
 * mode (album with images and artists, several artists, markets, external ids), flattened by
 * `normalize`, against `JSON.parse` of the same data in the same run and, where `/usr/bin/python3`
 * has pandas, against `pandas.json_normalize` on the same file. JSON parsing is excluded from the
 * timings of both flatteners.
 *
 * @module
 */
import { normalize, type NormalizeOptions } from "../lib/mod.ts";

const ROWS = 100_000;
const MARKETS = ["AR", "AU", "BR", "CA", "DE", "ES", "FR", "GB", "JP", "MX", "SE", "US"];

/** A deterministic generator of track objects in Extended mode's full shape. */
export function syntheticTracks(count: number, seed = 42): Record<string, unknown>[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const id = (n: number, kind: string) => `${kind}${n.toString(36).padStart(18, "0")}`;
  const link = (kind: string, key: string) => ({
    external_urls: { spotify: `https://open.spotify.com/${kind}/${key}` },
    href: `https://api.spotify.com/v1/${kind}s/${key}`,
    id: key,
    type: kind,
    uri: `spotify:${kind}:${key}`,
  });
  const artist = (n: number) => ({ ...link("artist", id(n, "ar")), name: `Artist ${n}` });
  return Array.from({ length: count }, (_, i) => {
    const albumKey = id(Math.floor(i / 12), "al");
    const artists = Array.from(
      { length: 1 + Math.floor(random() * 2.4) },
      () => artist(Math.floor(random() * 5000)),
    );
    const markets = MARKETS.filter(() => random() < 0.8);
    return {
      album: {
        album_type: random() < 0.7 ? "album" : "single",
        artists: artists.slice(0, 1),
        available_markets: markets,
        ...link("album", albumKey),
        images: [640, 300, 64].map((size) => ({
          url: `https://i.scdn.co/image/${albumKey}${size}`,
          height: size,
          width: size,
        })),
        name: `Album ${Math.floor(i / 12)}`,
        release_date: `${1970 + Math.floor(random() * 56)}-0${1 + Math.floor(random() * 9)}-1${
          Math.floor(random() * 9)
        }`,
        release_date_precision: "day",
        total_tracks: 12,
      },
      artists,
      available_markets: markets,
      disc_number: 1,
      duration_ms: 120_000 + Math.floor(random() * 240_000),
      explicit: random() < 0.15,
      external_ids: { isrc: `QZ${String(i).padStart(10, "0")}` },
      ...link("track", id(i, "tr")),
      is_local: false,
      name: `Track ${i}`,
      popularity: Math.floor(random() * 100),
      preview_url: null,
      track_number: 1 + (i % 12),
    };
  });
}

function time<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const value = fn();
  return [value, performance.now() - started];
}

/** Best of `n` runs, in ms. */
function best(n: number, fn: () => unknown): number {
  let min = Infinity;
  for (let i = 0; i < n; i++) min = Math.min(min, time(fn)[1]);
  return min;
}

async function pandasMs(file: string, options: NormalizeOptions): Promise<number | undefined> {
  const script = `
import json, sys, time
import pandas as pd
data = json.load(open(sys.argv[1]))
kw = json.loads(sys.argv[2])
best = float("inf")
for _ in range(3):
    t = time.perf_counter()
    df = pd.json_normalize(data, **kw)
    best = min(best, time.perf_counter() - t)
print(best * 1000, df.shape[0], df.shape[1])`;
  const kw = options.recordPath === undefined
    ? {}
    : { record_path: options.recordPath, meta: options.meta, record_prefix: options.recordPrefix };
  try {
    const { success, stdout } = await new Deno.Command("/usr/bin/python3", {
      args: ["-c", script, file, JSON.stringify(kw)],
      stderr: "null",
    }).output();
    if (!success) return undefined;
    return Number(new TextDecoder().decode(stdout).split(" ")[0]);
  } catch {
    return undefined;
  }
}

/**
 * Run the normalize benchmark and print its table.
 *
 * @returns Whether every target was met.
 */
export async function benchNormalize(): Promise<boolean> {
  const text = JSON.stringify(syntheticTracks(ROWS));
  const file = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(file, text);
  const parseMs = best(3, () => JSON.parse(text));
  const data = JSON.parse(text);
  console.log(
    `\nnormalize: ${ROWS.toLocaleString("en")} full tracks (${
      (text.length / 1e6).toFixed(0)
    } MB of JSON), best of 3`,
  );
  console.log(
    "  case                         rows   normalize ms     rows/s   ÷ JSON.parse   pandas ms   pandas ÷ normalize",
  );
  let met = true;
  const cases: [string, NormalizeOptions][] = [
    ["whole tracks", {}],
    ["recordPath artists + meta", {
      recordPath: "artists",
      meta: ["id", "name"],
      recordPrefix: "artist.",
    }],
  ];
  for (const [name, options] of cases) {
    const heapBefore = Deno.memoryUsage().rss;
    const [df] = time(() => normalize(data, options));
    const peak = Deno.memoryUsage().rss - heapBefore;
    const ms = best(3, () => normalize(data, options));
    const pandas = await pandasMs(file, options);
    const ratio = ms / parseMs;
    const pandasText = pandas === undefined
      ? "no pandas in /usr/bin/python3"
      : `${pandas.toFixed(0).padStart(9)}   ${(pandas / ms).toFixed(2)}`;
    console.log(
      `  ${name.padEnd(26)}${String(df.height).padStart(7)}${ms.toFixed(0).padStart(15)}${
        Math.round(df.height / ms * 1000).toLocaleString("en").padStart(11)
      }${ratio.toFixed(2).padStart(15)}   ${pandasText}`,
    );
    console.log(
      `  ${"".padEnd(26)}${df.width} columns; resident memory grew ${(peak / 1e6).toFixed(0)} MB`,
    );
    met &&= ratio <= 0.5 && (pandas === undefined || pandas / ms >= 5);
  }
  console.log(`  JSON.parse of the same text: ${parseMs.toFixed(0)} ms`);
  await Deno.remove(file);
  return met;
}
