/**
 * Differential tests of `normalize` against `pandas.json_normalize` itself (the harness is
 * `frames/_pandas_harness.ts`): the same JSON and options go to Debian's pandas and to
 * `normalize`, and the column names, their order, the row counts, the types and every value are
 * compared. Cases: pandas' documentation examples and Spotify response shapes (full tracks, an
 * album's track page, playlist entries with `added_by` and `track.album.artists`, top artists),
 * with `recordPath`, `meta`, prefixes, `sep`, `maxLevel` and `errors`.
 */
import { syntheticTracks } from "../../emulator/testing.ts";
import { type Case, compare, missing, pandas } from "./_pandas_harness.ts";

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
