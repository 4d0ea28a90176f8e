import assert from "node:assert/strict";
import { createEmulator } from "./handler.ts";
import { loadSampleCatalog } from "./sample.ts";

const ID = "emulatorclient1";
const SECRET = "emulatorSecret123";
const BASE = "http://127.0.0.1:9999";

async function call(emulator: ReturnType<typeof createEmulator>, path: string, init?: RequestInit) {
  const response = await emulator.handler(new Request(`${BASE}${path}`, init));
  return { status: response.status, body: await response.json() };
}

async function tokenFor(emulator: ReturnType<typeof createEmulator>) {
  const { body } = await call(emulator, "/api/token", {
    method: "POST",
    headers: {
      authorization: `Basic ${btoa(`${ID}:${SECRET}`)}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  return { authorization: `Bearer ${body.access_token}` };
}

Deno.test("emulator issues client-credentials tokens by Basic header or form fields", async () => {
  const emulator = createEmulator({ clientId: ID, clientSecret: SECRET });
  const basic = await call(emulator, "/api/token", {
    method: "POST",
    headers: {
      authorization: `Basic ${btoa(`${ID}:${SECRET}`)}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  assert.equal(basic.status, 200);
  assert.equal(basic.body.token_type, "Bearer");
  assert.equal(basic.body.expires_in, 3600);
  assert.equal(basic.body.refresh_token, undefined);
  const form = await call(emulator, "/api/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `grant_type=client_credentials&client_id=${ID}&client_secret=${SECRET}`,
  });
  assert.equal(form.status, 200);
});

Deno.test("emulator answers the real OAuth error bodies for bad credentials and bad forms", async () => {
  const emulator = createEmulator({ clientId: ID, clientSecret: SECRET });
  const wrongSecret = await call(emulator, "/api/token", {
    method: "POST",
    headers: {
      authorization: `Basic ${btoa(`${ID}:nope`)}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  assert.deepEqual(wrongSecret, {
    status: 400,
    body: { error: "invalid_client", error_description: "Invalid client secret" },
  });
  const json = await call(emulator, "/api/token", {
    method: "POST",
    headers: {
      authorization: `Basic ${btoa(`${ID}:${SECRET}`)}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ grant_type: "client_credentials" }),
  });
  assert.deepEqual(json, {
    status: 400,
    body: { error: "unsupported_grant_type", error_description: "grant_type parameter is missing" },
  });
});

Deno.test("emulator rejects missing, unknown and expired bearer tokens with the real 401 bodies", async () => {
  let now = 0;
  const emulator = createEmulator({
    clientId: ID,
    clientSecret: SECRET,
    tokenLifetime: 10,
    now: () => now,
  });
  assert.deepEqual(await call(emulator, "/v1/search?q=a&type=artist"), {
    status: 401,
    body: { error: { status: 401, message: "No token provided" } },
  });
  assert.deepEqual(
    await call(emulator, "/v1/search?q=a&type=artist", {
      headers: { authorization: "Bearer nope" },
    }),
    {
      status: 401,
      body: { error: { status: 401, message: "Invalid access token" } },
    },
  );
  const headers = await tokenFor(emulator);
  assert.equal((await call(emulator, "/v1/search?q=a&type=artist", { headers })).status, 200);
  now = 10_000;
  assert.deepEqual(await call(emulator, "/v1/search?q=a&type=artist", { headers }), {
    status: 401,
    body: { error: { status: 401, message: "The access token expired" } },
  });
});

Deno.test("emulator in Development Mode caps search at 10 and strips popularity, followers, genres", async () => {
  const emulator = createEmulator({ clientId: ID, clientSecret: SECRET, mode: "development" });
  const headers = await tokenFor(emulator);
  const big = await call(emulator, "/v1/search?q=the&type=artist&limit=11", { headers });
  assert.deepEqual(big, {
    status: 400,
    body: { error: { status: 400, message: "Invalid limit" } },
  });
  const page = await call(emulator, "/v1/search?q=the&type=artist", { headers });
  assert.equal(page.body.artists.limit, 5);
  const artist = page.body.artists.items[0];
  assert.deepEqual(Object.keys(artist).sort(), [
    "external_urls",
    "href",
    "id",
    "images",
    "name",
    "type",
    "uri",
  ]);
});

Deno.test("emulator in Extended mode serves full artists and search pages up to 50", async () => {
  const emulator = createEmulator({ clientId: ID, clientSecret: SECRET, mode: "extended" });
  const headers = await tokenFor(emulator);
  const page = await call(emulator, "/v1/search?q=the&type=artist&limit=50", { headers });
  assert.equal(page.status, 200);
  const artist = page.body.artists.items[0];
  assert.equal(typeof artist.popularity, "number");
  assert.equal(typeof artist.followers.total, "number");
  assert.ok(Array.isArray(artist.genres));
});

Deno.test("emulator pages artist albums with real paging objects and next links", async () => {
  const emulator = createEmulator({ clientId: ID, clientSecret: SECRET });
  const headers = await tokenFor(emulator);
  const catalog = loadSampleCatalog();
  const artist = catalog.artists.find((a) =>
    catalog.albums.filter((al) => al.artist_ids[0] === a.id).length > 10
  )!;
  const first = await call(emulator, `/v1/artists/${artist.id}/albums?limit=10`, { headers });
  assert.equal(first.status, 200);
  assert.equal(first.body.offset, 0);
  assert.equal(first.body.limit, 10);
  assert.equal(first.body.previous, null);
  assert.ok(first.body.total > 10);
  assert.equal(first.body.items.length, 10);
  const next = new URL(first.body.next);
  assert.equal(next.searchParams.get("offset"), "10");
  const second = await call(emulator, next.pathname + next.search, { headers });
  assert.equal(second.body.offset, 10);
  assert.ok(second.body.previous);
});

Deno.test("emulator answers unknown and malformed ids with the real error bodies", async () => {
  const emulator = createEmulator({ clientId: ID, clientSecret: SECRET });
  const headers = await tokenFor(emulator);
  assert.deepEqual(await call(emulator, "/v1/albums/0000000000000000000000", { headers }), {
    status: 404,
    body: { error: { status: 404, message: "Resource not found" } },
  });
  assert.deepEqual(await call(emulator, "/v1/albums/bad-id", { headers }), {
    status: 400,
    body: { error: { status: 400, message: "Invalid base62 id" } },
  });
});

Deno.test("emulator serves an album with its first page of tracks, and album tracks paged", async () => {
  const emulator = createEmulator({ clientId: ID, clientSecret: SECRET });
  const headers = await tokenFor(emulator);
  const album = loadSampleCatalog().albums.find((a) => a.tracks.length > 12)!;
  const full = await call(emulator, `/v1/albums/${album.id}`, { headers });
  assert.equal(full.body.tracks.total, album.tracks.length);
  assert.equal(full.body.label, undefined);
  assert.equal(full.body.external_ids.upc, album.upc);
  const page = await call(emulator, `/v1/albums/${album.id}/tracks?limit=5&offset=5`, { headers });
  assert.equal(page.body.items[0].track_number, album.tracks[5]!.track_number);
  assert.equal(page.body.items[0].available_markets, undefined);
});
