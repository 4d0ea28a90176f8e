import assert from "node:assert/strict";
import { appHeaders, call, emulator, signIn } from "./_test_helpers.ts";
import { loadSampleCatalog } from "./sample.ts";

const catalog = loadSampleCatalog();
const owned = catalog.playlists.find((p) => p.owner_id === catalog.user.id && !p.collaborative)!;
const others = catalog.playlists.find((p) => p.owner_id !== catalog.user.id)!;

Deno.test("batch endpoints answer 403 Forbidden in Development Mode and null for unknown ids in Extended", async () => {
  const dev = emulator({ mode: "development" });
  const ids = catalog.artists.slice(0, 3).map((a) => a.id).join(",");
  assert.deepEqual(
    await call(dev, `/v1/artists?ids=${ids}`, { headers: await appHeaders(dev) }).then((r) =>
      r.body
    ),
    {
      error: { status: 403, message: "Forbidden" },
    },
  );
  const ext = emulator({ mode: "extended" });
  const headers = await appHeaders(ext);
  const found = await call(ext, `/v1/artists?ids=${ids},0000000000000000000000`, { headers });
  assert.deepEqual(found.body.artists.map((a: { id?: string } | null) => a?.id ?? null), [
    ...catalog.artists.slice(0, 3).map((a) => a.id),
    null,
  ]);
  const tooMany = Array.from({ length: 21 }, () => catalog.albums[0]!.id).join(",");
  assert.equal((await call(ext, `/v1/albums?ids=${tooMany}`, { headers })).status, 400);
});

Deno.test("endpoints removed in 2026 answer 403 in Development Mode; the 2024 removals answer as observed", async () => {
  const dev = emulator({ mode: "development" });
  const headers = await appHeaders(dev);
  const artist = catalog.artists[0]!.id;
  for (
    const path of [
      `/v1/artists/${artist}/top-tracks`,
      "/v1/browse/new-releases",
      "/v1/markets",
      "/v1/users/x",
      `/v1/playlists/${owned.id}/tracks`,
    ]
  ) {
    assert.deepEqual((await call(dev, path, { headers })).body, {
      error: { status: 403, message: "Forbidden" },
    }, path);
  }
  assert.deepEqual((await call(dev, `/v1/artists/${artist}/related-artists`, { headers })).body, {
    error: { status: 404, message: "Not Found" },
  });
  assert.deepEqual(
    (await call(dev, `/v1/audio-features/${catalog.albums[0]!.tracks[0]!.id}`, { headers })).body,
    {
      error: { status: 403 },
    },
  );
  const ext = emulator({ mode: "extended" });
  const extHeaders = await appHeaders(ext);
  const top = await call(ext, `/v1/artists/${artist}/top-tracks`, { headers: extHeaders });
  assert.equal(top.status, 200);
  assert.ok(top.body.tracks.length > 0 && top.body.tracks.length <= 10);
  assert.equal(
    (await call(ext, `/v1/artists/${artist}/related-artists`, { headers: extHeaders })).status,
    404,
  );
});

Deno.test("Development Mode serves playlist items only for the user's own playlists, as item", async () => {
  const dev = emulator({ mode: "development" });
  const app = await appHeaders(dev);
  assert.equal((await call(dev, `/v1/playlists/${owned.id}/items`, { headers: app })).status, 403);
  const meta = await call(dev, `/v1/playlists/${owned.id}`, { headers: app });
  assert.equal(meta.status, 200);
  assert.equal(meta.body.items, undefined);
  assert.equal(meta.body.tracks, undefined);
  const { headers } = await signIn(dev);
  const mine = await call(dev, `/v1/playlists/${owned.id}/items?limit=50`, { headers });
  assert.equal(mine.body.total, owned.items.length);
  assert.ok(mine.body.items[0].item.id && !("track" in mine.body.items[0]));
  const full = await call(dev, `/v1/playlists/${owned.id}`, { headers });
  assert.equal(full.body.items.total, owned.items.length);
  assert.equal((await call(dev, `/v1/playlists/${others.id}/items`, { headers })).status, 403);
});

Deno.test("Extended mode serves every playlist's entries under tracks/track", async () => {
  const ext = emulator({ mode: "extended" });
  const headers = await appHeaders(ext);
  const page = await call(ext, `/v1/playlists/${others.id}/items`, { headers });
  assert.equal(page.status, 200);
  assert.ok(page.body.items[0].track.id && !("item" in page.body.items[0]));
  const full = await call(ext, `/v1/playlists/${others.id}`, { headers });
  assert.equal(full.body.tracks.total, others.items.length);
});

Deno.test("user endpoints need a user token and the right scope", async () => {
  const em = emulator();
  const app = await appHeaders(em);
  assert.deepEqual((await call(em, "/v1/me", { headers: app })).body, {
    error: { status: 401, message: "This request requires user authentication." },
  });
  const { headers } = await signIn(em, ["user-read-recently-played"]);
  assert.equal((await call(em, "/v1/me", { headers })).body.id, catalog.user.id);
  assert.deepEqual((await call(em, "/v1/me/top/artists", { headers })).body, {
    error: { status: 403, message: "Insufficient client scope" },
  });
});

Deno.test("top items differ by time range and page like the real endpoint", async () => {
  const em = emulator();
  const { headers } = await signIn(em);
  const short = await call(em, "/v1/me/top/tracks?time_range=short_term&limit=50", { headers });
  const long = await call(em, "/v1/me/top/tracks?time_range=long_term&limit=50", { headers });
  assert.equal(short.body.items.length, catalog.user.top.tracks.short_term!.length);
  assert.notDeepEqual(
    short.body.items.map((t: { id: string }) => t.id),
    long.body.items.map((t: { id: string }) => t.id),
  );
  assert.equal((await call(em, "/v1/me/top/artists?time_range=forever", { headers })).status, 400);
});

Deno.test("recently played pages backwards with before cursors until the 50 plays run out", async () => {
  const em = emulator();
  const { headers } = await signIn(em);
  const seen: string[] = [];
  let path: string | null = "/v1/me/player/recently-played?limit=20";
  while (path) {
    const { body } = await call(em, path, { headers });
    seen.push(...body.items.map((p: { played_at: string }) => p.played_at));
    path = body.next ? new URL(body.next).pathname + new URL(body.next).search : null;
  }
  assert.equal(seen.length, catalog.user.recently_played.length);
  assert.deepEqual(seen, [...seen].sort().reverse());
});

Deno.test("followed artists page with an after cursor", async () => {
  const em = emulator();
  const { headers } = await signIn(em);
  const first = await call(em, "/v1/me/following?type=artist&limit=5", { headers });
  assert.equal(first.body.artists.items.length, 5);
  const next = new URL(first.body.artists.next);
  const second = await call(em, next.pathname + next.search, { headers });
  assert.equal(second.body.artists.items[0].id, catalog.user.followed_artists[5]);
});
