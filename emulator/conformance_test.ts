/**
 * Conformance: every object the emulator serves, in each mode, against the field lists of
 * `spotify-web-api.md` §4 — no field the mode lacks (DEV-stripped fields absent in Development
 * Mode, present in Extended), no field the API does not have, types as documented.
 */
import assert from "node:assert/strict";
import type { EmulatorMode } from "./objects.ts";
import { appHeaders, call, emulator, signIn } from "./_test_helpers.ts";
import { loadSampleCatalog } from "./sample.ts";

type Scalar = "str" | "int" | "bool" | "url" | "null";
type Kind =
  | "artistSimple"
  | "artistFull"
  | "albumSimple"
  | "albumFull"
  | "trackSimple"
  | "trackFull"
  | "playlistSimple"
  | "playlistFull"
  | "entry"
  | "owner"
  | "addedBy"
  | "userPrivate"
  | "image"
  | "externalUrls"
  | "followers"
  | "copyright"
  | "externalIds"
  | "entriesRef"
  | "savedTrack"
  | "savedAlbum"
  | "playHistory"
  | "context"
  | "explicitContent"
  | "thumbnail"
  | "restrictions"
  | "linked";
/** A field's type: scalars joined by `|`, a kind, `[kind]` for arrays, `page<kind>`. */
interface Field {
  type: string;
  /** Stripped in Development Mode: absent there, present in Extended. */
  dev?: boolean;
  /** May be absent in either mode. */
  optional?: boolean;
  /** Present in this mode only (playlist `items`/`item` in Development, `tracks`/`track` in Extended). */
  only?: EmulatorMode;
}
const f = (type: string, flags: Partial<Omit<Field, "type">> = {}): Field => ({ type, ...flags });
const DEV = { dev: true };
const DEV_ONLY = { only: "development" } as const;
const EXT_ONLY = { only: "extended" } as const;
const LINKS = {
  external_urls: f("externalUrls"),
  href: f("url"),
  id: f("str"),
  type: f("str"),
  uri: f("str"),
};

const SCHEMAS: Record<Kind, Record<string, Field>> = {
  externalUrls: { spotify: f("url") },
  image: { url: f("url"), height: f("int|null"), width: f("int|null") },
  followers: { href: f("null"), total: f("int") },
  copyright: { text: f("str"), type: f("str") },
  externalIds: {
    isrc: f("str", { optional: true }),
    upc: f("str", { optional: true }),
    ean: f("str", { optional: true }),
  },
  explicitContent: { filter_enabled: f("bool"), filter_locked: f("bool") },
  thumbnail: { url: f("null") },
  restrictions: { reason: f("str") },
  linked: { ...LINKS },
  artistSimple: { ...LINKS, name: f("str") },
  artistFull: {
    ...LINKS,
    name: f("str"),
    images: f("[image]"),
    followers: f("followers", DEV),
    genres: f("[str]", DEV),
    popularity: f("int", DEV),
  },
  albumSimple: {
    ...LINKS,
    album_type: f("str"),
    total_tracks: f("int"),
    available_markets: f("[str]", DEV),
    images: f("[image]"),
    name: f("str"),
    release_date: f("str"),
    release_date_precision: f("str"),
    artists: f("[artistSimple]"),
    album_group: f("str", { optional: true }),
    is_playable: f("bool", { optional: true }),
    restrictions: f("restrictions", { optional: true }),
  },
  albumFull: {},
  trackSimple: {
    ...LINKS,
    artists: f("[artistSimple]"),
    available_markets: f("[str]", DEV),
    disc_number: f("int"),
    duration_ms: f("int"),
    explicit: f("bool"),
    is_local: f("bool"),
    name: f("str"),
    preview_url: f("url|null"),
    track_number: f("int"),
    is_playable: f("bool", { optional: true }),
    linked_from: f("linked", { optional: true }),
    restrictions: f("restrictions", { optional: true }),
  },
  trackFull: {},
  entriesRef: { href: f("url"), total: f("int") },
  owner: { ...LINKS, display_name: f("str|null") },
  addedBy: { ...LINKS },
  playlistSimple: {
    ...LINKS,
    collaborative: f("bool"),
    description: f("str|null"),
    images: f("[image]"),
    name: f("str"),
    owner: f("owner"),
    primary_color: f("str|null"),
    public: f("bool|null"),
    snapshot_id: f("str"),
    items: f("entriesRef", DEV_ONLY),
    tracks: f("entriesRef", EXT_ONLY),
  },
  playlistFull: {},
  entry: {
    added_at: f("str|null"),
    added_by: f("addedBy"),
    is_local: f("bool"),
    primary_color: f("null"),
    video_thumbnail: f("thumbnail"),
    item: f("trackFull|null", DEV_ONLY),
    track: f("trackFull|null", EXT_ONLY),
  },
  userPrivate: {
    ...LINKS,
    account_id: f("str"),
    display_name: f("str|null"),
    images: f("[image]"),
    country: f("str", DEV),
    email: f("str", DEV),
    explicit_content: f("explicitContent", DEV),
    followers: f("followers", DEV),
    product: f("str", DEV),
  },
  savedTrack: { added_at: f("str"), track: f("trackFull") },
  savedAlbum: { added_at: f("str"), album: f("albumFull") },
  playHistory: { track: f("trackFull"), played_at: f("str"), context: f("context|null") },
  context: { type: f("str"), href: f("url"), external_urls: f("externalUrls"), uri: f("str") },
};
SCHEMAS.albumFull = {
  ...SCHEMAS.albumSimple,
  tracks: f("page<trackSimple>"),
  copyrights: f("[copyright]"),
  external_ids: f("externalIds"),
  genres: f("[str]"),
  label: f("str", DEV),
  popularity: f("int", DEV),
};
SCHEMAS.playlistFull = {
  ...SCHEMAS.playlistSimple,
  items: f("page<entry>", DEV_ONLY),
  tracks: f("page<entry>", EXT_ONLY),
};
SCHEMAS.trackFull = {
  ...SCHEMAS.trackSimple,
  album: f("albumSimple"),
  external_ids: f("externalIds"),
  popularity: f("int", DEV),
  // Undocumented, seen in playlist contexts.
  episode: f("bool", { optional: true }),
  track: f("bool", { optional: true }),
};

/** Checks `value` against a type; returns the problems found, with their paths. */
function check(
  value: unknown,
  type: string,
  mode: EmulatorMode,
  path: string,
  problems: string[],
): void {
  const alternatives = type.split("|");
  if (alternatives.length > 1) {
    if (value === null && alternatives.includes("null")) return;
    const nonNull = alternatives.filter((t) => t !== "null");
    return check(value, nonNull.join("|"), mode, path, problems);
  }
  if (type.startsWith("[")) {
    if (!Array.isArray(value)) return void problems.push(`${path}: expected a list`);
    value.forEach((item, i) => check(item, type.slice(1, -1), mode, `${path}[${i}]`, problems));
    return;
  }
  if (type.startsWith("page<")) {
    if (typeof value !== "object" || value === null) {
      return void problems.push(`${path}: expected a page`);
    }
    const page = value as Record<string, unknown>;
    const keys = ["href", "items", "limit", "next", "offset", "previous", "total"];
    assert.deepEqual(Object.keys(page).sort(), keys, `${path}: paging keys`);
    return check(page.items, `[${type.slice(5, -1)}]`, mode, `${path}.items`, problems);
  }
  switch (type) {
    case "str":
      return void (typeof value !== "string" && problems.push(`${path}: expected a string`));
    case "url":
      return void ((typeof value !== "string" || !/^https?:\/\//.test(value)) &&
        problems.push(`${path}: expected a URL`));
    case "int":
      return void (!Number.isInteger(value) && problems.push(`${path}: expected an integer`));
    case "bool":
      return void (typeof value !== "boolean" && problems.push(`${path}: expected a boolean`));
    case "null":
      return void (value !== null && problems.push(`${path}: expected null`));
  }
  const schema = SCHEMAS[type as Kind];
  if (!schema) throw new Error(`unknown type ${type}`);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return void problems.push(`${path}: expected an object (${type})`);
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!(key in schema)) problems.push(`${path}.${key}: not a field of ${type}`);
  }
  for (const [key, field] of Object.entries(schema)) {
    const present = key in object;
    if (field.only !== undefined && field.only !== mode) {
      if (present) problems.push(`${path}.${key}: only served in ${field.only} mode`);
      continue;
    }
    if (field.dev && mode === "development" && present) {
      problems.push(`${path}.${key}: stripped in Development Mode`);
    }
    if (!present) {
      if (!field.optional && !(field.dev && mode === "development")) {
        problems.push(`${path}.${key}: missing`);
      }
      continue;
    }
    check(object[key], field.type, mode, `${path}.${key}`, problems);
  }
}

const catalog = loadSampleCatalog();
const artist = catalog.artists.find((a) =>
  catalog.albums.some((al) =>
    al.artist_ids[0] !== a.id && al.tracks.some((t) => t.artist_ids.includes(a.id))
  )
)!;
const album = catalog.albums[0]!;
const owned = catalog.playlists.find((p) => p.owner_id === catalog.user.id)!;

for (const mode of ["development", "extended"] as const) {
  Deno.test(`every object the emulator serves in ${mode} mode has exactly the documented fields`, async () => {
    const em = emulator({ mode });
    const app = await appHeaders(em);
    const { headers: user } = await signIn(em);
    const entries = mode === "development" ? "items" : "tracks";
    const entryKey = mode === "development" ? "item" : "track";
    const problems: string[] = [];
    const get = async (path: string, headers = app) => {
      const { status, body } = await call(em, path, { headers });
      assert.equal(status, 200, `${path}: ${JSON.stringify(body)}`);
      return body;
    };
    const search = await get("/v1/search?q=the&type=artist,album,track,playlist&limit=10");
    check(search.artists, "page<artistFull>", mode, "search.artists", problems);
    check(search.albums, "page<albumSimple>", mode, "search.albums", problems);
    check(search.tracks, "page<trackFull>", mode, "search.tracks", problems);
    check(search.playlists.items, "[playlistSimple]", mode, "search.playlists", problems);
    check(await get(`/v1/artists/${artist.id}`), "artistFull", mode, "artist", problems);
    const albums = await get(
      `/v1/artists/${artist.id}/albums?include_groups=album,single,compilation,appears_on&limit=10`,
    );
    check(albums, "page<albumSimple>", mode, "artistAlbums", problems);
    assert.equal(
      albums.items.every((a: Record<string, unknown>) => "album_group" in a),
      mode === "extended",
    );
    check(await get(`/v1/albums/${album.id}`), "albumFull", mode, "album", problems);
    check(
      await get(`/v1/albums/${album.id}/tracks`),
      "page<trackSimple>",
      mode,
      "albumTracks",
      problems,
    );
    check(await get(`/v1/tracks/${album.tracks[0]!.id}`), "trackFull", mode, "track", problems);
    const withMarket = await get(`/v1/tracks/${album.tracks[0]!.id}?market=SE`);
    assert.equal(typeof withMarket.is_playable, "boolean");
    assert.equal("available_markets" in withMarket, false);
    const playlist = await get(`/v1/playlists/${owned.id}`, user);
    check(playlist, "playlistFull", mode, "playlist", problems);
    assert.ok(entries in playlist, `the owned playlist carries its entries under "${entries}"`);
    const page = await get(`/v1/playlists/${owned.id}/items`, user);
    check(page, "page<entry>", mode, "playlistItems", problems);
    assert.ok(page.items.every((e: Record<string, unknown>) => e[entryKey] !== undefined));
    check(await get("/v1/me", user), "userPrivate", mode, "me", problems);
    check(
      await get("/v1/me/top/artists?time_range=short_term", user),
      "page<artistFull>",
      mode,
      "topArtists",
      problems,
    );
    check(
      await get("/v1/me/top/tracks?time_range=long_term", user),
      "page<trackFull>",
      mode,
      "topTracks",
      problems,
    );
    check(
      (await get("/v1/me/player/recently-played?limit=50", user)).items,
      "[playHistory]",
      mode,
      "recent",
      problems,
    );
    check(await get("/v1/me/tracks", user), "page<savedTrack>", mode, "savedTracks", problems);
    check(await get("/v1/me/albums", user), "page<savedAlbum>", mode, "savedAlbums", problems);
    const mine = await get("/v1/me/playlists", user);
    check(mine.items, "[playlistSimple]", mode, "myPlaylists", problems);
    check(
      (await get("/v1/me/following?type=artist", user)).artists.items,
      "[artistFull]",
      mode,
      "following",
      problems,
    );
    if (mode === "extended") {
      const ids = catalog.albums.slice(0, 3).map((a) => a.id).join(",");
      check((await get(`/v1/albums?ids=${ids}`)).albums, "[albumFull]", mode, "albums", problems);
    }
    assert.deepEqual(problems, []);
  });
}
