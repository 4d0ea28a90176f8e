import assert from "node:assert/strict";
import { join } from "node:path";
import { createCache, DEFAULT_TTL, forgetAccount, kindOf } from "./cache.ts";

async function withDir(fn: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "spotify-cache-test-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function fileOf(dir: string, key: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  return join(dir, `${hex.slice(0, 40)}.json`);
}

Deno.test("kindOf() sets each path's time-to-live kind", () => {
  const cases: [string, keyof typeof DEFAULT_TTL][] = [
    ["/me/player/recently-played?limit=50", "recent"],
    ["/me/top/tracks", "user"],
    ["/me", "user"],
    ["/search?q=x", "search"],
    ["/playlists/x/items", "playlist"],
    ["/artists/x/albums?limit=10", "listing"],
    ["/artists/x", "catalog"],
    ["/albums/x/tracks", "catalog"],
  ];
  for (const [path, kind] of cases) assert.equal(kindOf(path), kind, path);
});

Deno.test("an entry is fresh within its kind's time-to-live and stale after", async () => {
  await withDir(async (dir) => {
    let now = 1_000_000;
    const cache = createCache({ dir, now: () => now, ttl: { search: 10 } });
    await cache.write("GET /search?q=x", undefined, '{"a":1}');
    const entry = (await cache.read("GET /search?q=x"))!;
    assert.equal(cache.isFresh(entry), true);
    now += 9_999;
    assert.equal(cache.isFresh(entry), true);
    now += 1;
    assert.equal(cache.isFresh(entry), false);
  });
});

Deno.test("an entry stamped in the future is stale, not fresh for a year", async () => {
  await withDir(async (dir) => {
    let now = Date.now() + 365 * 86_400_000;
    const cache = createCache({ dir, now: () => now });
    await cache.write("GET /albums/x", undefined, '{"id":"x"}');
    now = Date.now();
    const entry = (await cache.read("GET /albums/x"))!;
    assert.equal(entry.body && (entry.body as { id: string }).id, "x");
    assert.equal(cache.isFresh(entry), false);
  });
});

Deno.test("an entry whose body is null is a miss", async () => {
  await withDir(async (dir) => {
    const cache = createCache({ dir });
    await cache.write("GET /albums/x", undefined, "null");
    assert.equal(await cache.read("GET /albums/x"), undefined);
  });
});

Deno.test("an entry shaped like a folder is a miss, and writing over it warns once and never throws", async () => {
  await withDir(async (dir) => {
    const warnings: string[] = [];
    const cache = createCache({ dir, onWarning: (m) => warnings.push(m) });
    const file = await fileOf(dir, "GET /albums/x");
    await Deno.mkdir(file, { recursive: true });
    assert.equal(await cache.read("GET /albums/x"), undefined);
    await cache.write("GET /albums/x", undefined, '{"id":"x"}');
    await cache.write("GET /albums/y", undefined, '{"id":"y"}');
    assert.equal(warnings.length, 1);
    assert.ok(await cache.read("GET /albums/y"), "other entries are still cached");
    assert.match(
      warnings[0]!,
      /^Cannot write the response cache in ".*" \(Is a directory.*\): this session carries on without caching/,
    );
  });
});

Deno.test("a cache folder that cannot be made warns once and never throws", async () => {
  await withDir(async (dir) => {
    const blocker = join(dir, "file");
    await Deno.writeTextFile(blocker, "not a folder");
    const warnings: string[] = [];
    const cache = createCache({ dir: join(blocker, "cache"), onWarning: (m) => warnings.push(m) });
    await cache.write("GET /albums/x", undefined, '{"id":"x"}');
    await cache.touch({ key: "GET /albums/x", etag: undefined, storedAt: 0, body: {} });
    assert.equal(await cache.read("GET /albums/x"), undefined);
    assert.equal(warnings.length, 1);
  });
});

Deno.test("temporary files a killed write left behind are swept, fresh ones kept", async () => {
  await withDir(async (dir) => {
    const old = join(dir, "abc.json.1234.tmp");
    const young = join(dir, "def.json.5678.tmp");
    await Deno.writeTextFile(old, "{");
    await Deno.writeTextFile(young, "{");
    const hourAgo = new Date(Date.now() - 3600_000);
    await Deno.utime(old, hourAgo, hourAgo);
    const cache = createCache({ dir });
    await cache.write("GET /albums/x", undefined, '{"id":"x"}');
    const names = [...Deno.readDirSync(dir)].map((e) => e.name);
    assert.ok(!names.includes("abc.json.1234.tmp"));
    assert.ok(names.includes("def.json.5678.tmp"));
  });
});

Deno.test("a user's answers are kept per account, and forgetAccount() removes only that account's", async () => {
  await withDir(async (root) => {
    const cache = createCache({ dir: join(root, "api.example.com") });
    await cache.write("GET /me", undefined, '{"id":"alice"}', "alice");
    await cache.write("GET /me", undefined, '{"id":"bob"}', "bob");
    await cache.write("GET /albums/x", undefined, '{"id":"x"}');
    assert.equal(((await cache.read("GET /me", "alice"))!.body as { id: string }).id, "alice");
    assert.equal(((await cache.read("GET /me", "bob"))!.body as { id: string }).id, "bob");
    assert.equal(await cache.read("GET /me"), undefined, "no shared entry for a user's path");
    assert.equal(await forgetAccount(root, "bob"), 1);
    assert.equal(await cache.read("GET /me", "bob"), undefined);
    assert.ok(await cache.read("GET /me", "alice"));
    assert.ok(await cache.read("GET /albums/x"));
    assert.equal(await forgetAccount(root), 1, "without an account, every account's answers go");
    assert.equal(await cache.read("GET /me", "alice"), undefined);
    assert.ok(await cache.read("GET /albums/x"), "shared answers stay");
  });
});
