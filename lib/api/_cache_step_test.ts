import assert from "node:assert/strict";
import { createCache } from "./cache.ts";
import { AccessToken, type TokenProvider } from "../auth/token_provider.ts";
import { createCacheStep } from "./_cache_step.ts";

const appTokens: TokenProvider = {
  getToken: () => Promise.resolve(new AccessToken("t", { type: "Bearer", expiresAt: new Date() })),
};
const userTokens = (account: string | undefined): TokenProvider & { asked: number } => {
  const provider = {
    ...appTokens,
    asked: 0,
    account() {
      provider.asked++;
      return Promise.resolve(account);
    },
  };
  return provider;
};

async function withCache(run: (dir: string, clock: { now: number }) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "spotify-cache-step-" });
  try {
    await run(dir, { now: Date.UTC(2026, 10, 20) });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("without a cache every request goes out, and keeping an answer is a no-op", async () => {
  const read = await createCacheStep(undefined, appTokens)("GET /albums/x", false);
  assert.deepEqual([read.fresh, read.etag, read.revalidating], [false, undefined, false]);
  await read.store('"1"', '{"id":"x"}');
});

Deno.test("a fresh entry answers without a request; a stale one is revalidated with its ETag", async () => {
  await withCache(async (dir, clock) => {
    const cache = createCache({ dir, now: () => clock.now });
    const open = createCacheStep(cache, appTokens);
    await (await open("GET /albums/x", false)).store('W/"v1"', '{"id":"x"}');
    const fresh = await open("GET /albums/x", false);
    assert.deepEqual([fresh.fresh, fresh.body], [true, { id: "x" }]);
    clock.now += 2 * 86_400_000;
    const stale = await open("GET /albums/x", false);
    assert.deepEqual([stale.fresh, stale.etag, stale.revalidating], [false, 'W/"v1"', true]);
    assert.deepEqual(await stale.reuse(), { id: "x" }, "a 304 reuses the entry");
    assert.equal((await open("GET /albums/x", false)).fresh, true, "and counts as fresh again");
  });
});

Deno.test("fresh: true sends no ETag, so the answer comes whole", async () => {
  await withCache(async (dir) => {
    const open = createCacheStep(createCache({ dir }), appTokens);
    await (await open("GET /albums/x", false)).store('W/"v1"', '{"id":"x"}');
    const read = await open("GET /albums/x", true);
    assert.deepEqual([read.fresh, read.etag], [false, undefined]);
  });
});

Deno.test("a user's answers are kept under the account, and not at all while it is unknown", async () => {
  await withCache(async (dir) => {
    const cache = createCache({ dir });
    const alice = userTokens("alice");
    await (await createCacheStep(cache, alice)("GET /me", false)).store(
      undefined,
      '{"id":"alice"}',
    );
    assert.equal(alice.asked, 1);
    assert.equal((await createCacheStep(cache, userTokens("bob"))("GET /me", false)).fresh, false);
    assert.equal((await createCacheStep(cache, appTokens)("GET /me", false)).fresh, false);
    assert.equal((await createCacheStep(cache, userTokens("alice"))("GET /me", false)).fresh, true);
    const unknown = await createCacheStep(cache, userTokens(undefined))("GET /me", false);
    assert.deepEqual([unknown.fresh, unknown.revalidating], [false, false]);
    await unknown.store(undefined, '{"id":"who"}');
    const files = [...Deno.readDirSync(dir)].filter((entry) => entry.isFile);
    assert.deepEqual(files, [], "nothing is kept outside an account's folder");
  });
});
