/**
 * Differential tests of `normalize` against `pandas.json_normalize` itself: the same JSON and
 * options go to Debian's pandas (`/usr/bin/python3`) and to `normalize`, and the column names,
 * their order, the row counts, the types and every value are compared. Cases: pandas'
 * documentation examples and Spotify response shapes (full tracks, an album's track page, playlist
 * entries with `added_by` and `track.album.artists`, top artists), with `recordPath`, `meta`,
 * prefixes, `sep`, `maxLevel` and `errors`.
 *
 * Types are compared through the differences documented in `normalize.ts`: where pandas has an
 * `object` column (or float64 for integers with a gap), the expected polars type is the one the
 * values' kinds give (text String, whole numbers Int64, lists List, dicts Struct).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { syntheticTracks } from "../../emulator/testing.ts";
import { cells } from "./_test_cells.ts";
import { normalize, type NormalizeOptions } from "./normalize.ts";

const PYTHON = "/usr/bin/python3";

async function pandasMissing(): Promise<string | undefined> {
  try {
    const { success } = await new Deno.Command(PYTHON, {
      args: ["-c", "import pandas"],
      stdout: "null",
      stderr: "null",
    }).output();
    return success ? undefined : `${PYTHON} has no pandas (apt-get install python3-pandas)`;
  } catch {
    return `${PYTHON} is missing`;
  }
}

const missing = await pandasMissing();
if (missing !== undefined) console.warn(`Skipping the pandas differential tests: ${missing}`);

const SCRIPT = `
import json, math, sys
import pandas as pd
cases = json.load(open(sys.argv[1]))
def clean(v):
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, list):
        return [clean(x) for x in v]
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items()}
    if hasattr(v, "item"):
        return clean(v.item())
    return v
out = []
for case in cases:
    df = pd.json_normalize(case["data"], **case["kw"])
    out.append({
        "columns": [str(c) for c in df.columns],
        "dtypes": [str(t) for t in df.dtypes],
        "rows": len(df),
        "values": [clean(df.iloc[:, i].tolist()) for i in range(df.shape[1])],
    })
json.dump(out, open(sys.argv[2], "w"))
`;

interface PandasFrame {
  columns: string[];
  dtypes: string[];
  rows: number;
  values: unknown[][];
}

interface Case {
  name: string;
  data: unknown;
  options?: NormalizeOptions;
}

/** Run every case through pandas in one Python process. */
async function pandas(cases: Case[]): Promise<PandasFrame[]> {
  const dir = await Deno.makeTempDir();
  try {
    const input = join(dir, "cases.json");
    const output = join(dir, "frames.json");
    const kw = (o: NormalizeOptions = {}) =>
      Object.fromEntries(
        Object.entries({
          record_path: o.recordPath,
          meta: o.meta,
          meta_prefix: o.metaPrefix,
          record_prefix: o.recordPrefix,
          sep: o.sep,
          max_level: o.maxLevel,
          errors: o.errors,
        }).filter(([, v]) => v !== undefined),
      );
    await Deno.writeTextFile(
      input,
      JSON.stringify(cases.map((c) => ({ data: c.data, kw: kw(c.options) }))),
    );
    const { success, stderr } = await new Deno.Command(PYTHON, {
      args: ["-c", SCRIPT, input, output],
      stdout: "null",
    }).output();
    assert.ok(success, new TextDecoder().decode(stderr));
    return JSON.parse(await Deno.readTextFile(output));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The polars type `normalize` documents for values pandas holds with this dtype. */
function expectedType(dtype: string, values: unknown[]): string {
  if (dtype === "int64") return "Int64";
  if (dtype === "bool") return "Bool";
  const present = values.filter((v) => v !== null);
  if (present.length === 0) return "String"; // a column of nulls only
  if (dtype === "float64") {
    return present.every((v) => Number.isInteger(v)) && present.length < values.length
      ? "Int64"
      : "Float64";
  }
  const kinds = new Set(
    present.map((v) =>
      Array.isArray(v)
        ? "List"
        : typeof v === "object"
        ? "Struct"
        : typeof v === "boolean"
        ? "Bool"
        : typeof v === "number"
        ? (Number.isInteger(v) ? "Int64" : "Float64")
        : "String"
    ),
  );
  if (kinds.size === 2 && kinds.has("Int64") && kinds.has("Float64")) return "Float64";
  return kinds.size === 1 ? [...kinds][0]! : "String";
}

/** Whether our cell equals pandas' value: a struct's extra fields are null where pandas has none. */
function same(ours: unknown, theirs: unknown): boolean {
  if (theirs === null || theirs === undefined) return ours === null || ours === undefined;
  if (Array.isArray(theirs)) {
    return Array.isArray(ours) && ours.length === theirs.length &&
      theirs.every((v, i) => same(ours[i], v));
  }
  if (typeof theirs === "object") {
    if (typeof ours !== "object" || ours === null) return false;
    const o = ours as Record<string, unknown>;
    const t = theirs as Record<string, unknown>;
    if (Object.keys(t).length === 0) return Object.values(o).every((v) => v === null);
    return Object.keys(t).every((k) => same(o[k], t[k])) &&
      Object.keys(o).every((k) => k in t || o[k] === null);
  }
  return ours === theirs;
}

function compare(c: Case, theirs: PandasFrame): void {
  const df = normalize(c.data, c.options);
  assert.deepEqual(df.columns, theirs.columns, `${c.name}: columns`);
  if (df.width > 0) assert.equal(df.height, theirs.rows, `${c.name}: rows`);
  theirs.columns.forEach((name, i) => {
    const values = theirs.values[i]!;
    const ours = String(df.getColumn(name).dtype).replace(/^DataType\((\w+).*$/, "$1");
    assert.equal(
      ours,
      expectedType(theirs.dtypes[i]!, values),
      `${c.name}: type of "${name}" (pandas ${theirs.dtypes[i]})`,
    );
    const mine = cells(df, name);
    values.forEach((value, row) => {
      assert.ok(
        same(mine[row], value),
        `${c.name}: "${name}" row ${row}: ${JSON.stringify(mine[row])} is not pandas' ${
          JSON.stringify(value)
        }`,
      );
    });
  });
}

// ---- pandas' documentation examples (pandas.json_normalize, 1.5) ----

const names = [
  { id: 1, name: { first: "Coleen", last: "Volk" } },
  { name: { given: "Mark", family: "Regner" } },
  { id: 2, name: "Faye Raker" },
];
const fitness = [
  { id: 1, name: "Cole Volk", fitness: { height: 130, weight: 60 } },
  { name: "Mark Reg", fitness: { height: 130, weight: 60 } },
  { id: 2, name: "Faye Raker", fitness: { height: 130, weight: 60 } },
];
const states = [
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
const statesWithoutInfo = [states[0], { ...states[1], info: undefined }].map((s) =>
  JSON.parse(JSON.stringify(s))
);

const DOC_CASES: Case[] = [
  { name: "nested dicts", data: names },
  { name: "max_level 0", data: fitness, options: { maxLevel: 0 } },
  { name: "max_level 1", data: fitness, options: { maxLevel: 1 } },
  { name: "fitness flattened", data: fitness },
  {
    name: "record_path and meta",
    data: states,
    options: { recordPath: "counties", meta: ["state", "shortname", ["info", "governor"]] },
  },
  {
    name: "record_prefix",
    data: { A: [1, 2] },
    options: { recordPath: "A", recordPrefix: "Prefix." },
  },
  {
    name: "meta_prefix, record_prefix, sep",
    data: states,
    options: {
      recordPath: "counties",
      meta: ["state", ["info", "governor"]],
      metaPrefix: "meta_",
      recordPrefix: "county_",
      sep: "_",
    },
  },
  {
    name: "errors ignore",
    data: statesWithoutInfo,
    options: { recordPath: "counties", meta: ["state", ["info", "governor"]], errors: "ignore" },
  },
];

// ---- Spotify response shapes ----

const link = (kind: string, id: string) => ({
  external_urls: { spotify: `https://open.spotify.com/${kind}/${id}` },
  href: `https://api.spotify.com/v1/${kind}s/${id}`,
  id,
  type: kind,
  uri: `spotify:${kind}:${id}`,
});
const artist = (id: string, name: string) => ({ ...link("artist", id), name });
const image = (size: number, id: string) => ({
  url: `https://i.scdn.co/image/${id}${size}`,
  height: size,
  width: size,
});
const albumTracksPage = {
  href: "https://api.spotify.com/v1/albums/al1/tracks?offset=0&limit=3",
  items: [1, 2, 3].map((n) => ({
    artists: n === 2
      ? [artist("ar1", "Björk"), artist("ar2", "Guest ✨")]
      : [artist("ar1", "Björk")],
    available_markets: n === 3 ? [] : ["SE", "GB"],
    disc_number: 1,
    duration_ms: 200_000 + n,
    explicit: n === 2,
    ...link("track", `tr${n}`),
    is_local: false,
    name: `Track ${n}`,
    preview_url: null,
    track_number: n,
  })),
  limit: 3,
  next: null,
  offset: 0,
  previous: null,
  total: 3,
};
const playlistItems = [0, 1, 2].map((n) => ({
  added_at: `2026-0${n + 1}-01T10:00:00Z`,
  added_by: { ...link("user", n === 1 ? "bob" : "alice") },
  is_local: false,
  primary_color: null,
  track: {
    album: {
      album_type: "album",
      artists: [artist(`ar${n}`, `Artist ${n}`)],
      ...link("album", `al${n}`),
      images: n === 2 ? [] : [image(640, `al${n}`), image(64, `al${n}`)],
      name: `Album ${n}`,
      release_date: n === 1 ? "1999" : "2001-02-03",
      release_date_precision: n === 1 ? "year" : "day",
      total_tracks: 10 + n,
    },
    artists: [artist(`ar${n}`, `Artist ${n}`), artist("arX", "Feat. Ünïcode")].slice(0, 1 + n % 2),
    disc_number: 1,
    duration_ms: 180_000 + n,
    explicit: false,
    external_ids: { isrc: `QZ000000000${n}` },
    ...link("track", `pt${n}`),
    is_local: false,
    name: `Song ${n}`,
    popularity: 40 + n,
    preview_url: null,
    track_number: 1 + n,
  },
}));
const topArtists = {
  items: [
    {
      ...artist("ar1", "Björk"),
      followers: { href: null, total: 5_000_000 },
      genres: ["art pop", "electronica"],
      images: [image(640, "ar1"), image(160, "ar1")],
      popularity: 71,
    },
    {
      ...artist("ar2", "日本のバンド"),
      followers: { href: null, total: 12 },
      genres: [],
      images: [],
      popularity: 3,
    },
    // Development Mode strips popularity, followers and genres: late and missing keys.
    { ...artist("ar3", "Dev Mode"), images: [image(300, "ar3")] },
  ],
  total: 3,
  limit: 20,
  offset: 0,
  href: "https://api.spotify.com/v1/me/top/artists",
  next: null,
  previous: null,
};
const tracks = JSON.parse(JSON.stringify(syntheticTracks(40)));

const SPOTIFY_CASES: Case[] = [
  { name: "full tracks", data: tracks },
  { name: "full tracks, max_level 1", data: tracks, options: { maxLevel: 1 } },
  {
    name: "track artists with meta",
    data: tracks,
    options: {
      recordPath: "artists",
      meta: ["id", "name", ["album", "id"]],
      recordPrefix: "artist.",
    },
  },
  { name: "album track page items", data: albumTracksPage.items },
  {
    name: "album track page, record_path items",
    data: albumTracksPage,
    options: { recordPath: "items", meta: ["href", "total"], metaPrefix: "page." },
  },
  { name: "playlist entries", data: playlistItems },
  { name: "playlist entries, max_level 1", data: playlistItems, options: { maxLevel: 1 } },
  {
    name: "playlist entries, track.album.artists",
    data: playlistItems,
    options: {
      recordPath: ["track", "album", "artists"],
      meta: ["added_at", ["added_by", "id"], ["track", "name"]],
      recordPrefix: "album_artist.",
    },
  },
  { name: "top artists", data: topArtists.items },
  {
    name: "top artists, record_path items",
    data: topArtists,
    options: { recordPath: "items", meta: ["total"], sep: "/" },
  },
];

Deno.test({
  name: "normalize() equals pandas.json_normalize on pandas' documentation examples",
  ignore: missing !== undefined,
  async fn() {
    const frames = await pandas(DOC_CASES);
    DOC_CASES.forEach((c, i) => compare(c, frames[i]!));
  },
});

Deno.test({
  name:
    "normalize() equals pandas.json_normalize on Spotify tracks, album pages, playlist entries and top artists",
  ignore: missing !== undefined,
  async fn() {
    const frames = await pandas(SPOTIFY_CASES);
    SPOTIFY_CASES.forEach((c, i) => compare(c, frames[i]!));
  },
});
