/**
 * Paging always ends, and hostile 200 bodies are an `ApiError` naming the endpoint: a `next` that
 * leads to itself or back, empty pages whose `next` never ends, more pages than `total` allows,
 * and bodies that are not pages or objects at all. A fake API on 127.0.0.1 plays each.
 */
import assert from "node:assert/strict";
import { ApiError } from "../lib/mod.ts";
import { fake, page } from "./_client_fake.ts";
import { setup } from "./_client_setup.ts";

const ALBUM = "album0000000000000001";
const TRACKS = `/v1/albums/${ALBUM}/tracks`;
const track = (n: number) => ({ id: `t${n}`, name: `Track ${n}` });

function assertPagingFault(error: unknown, why: RegExp): true {
  assert.ok(error instanceof ApiError, String(error));
  assert.equal(error.status, 200);
  assert.match(error.message, new RegExp(`^Cannot read every page of "GET ${TRACKS}"`));
  assert.match(error.message, why);
  return true;
}

for (const cached of [false, true]) {
  const where = cached ? " (also when the pages come from the cache)" : "";
  Deno.test(`a next link that points to its own page ends in one sentence${where}`, async () => {
    const dir = cached ? await Deno.makeTempDir() : undefined;
    await using f = fake({
      api: (path) =>
        page(f.origin, [track(1), track(2)], path.replace(/\?.*/, "") + "?offset=0&limit=50"),
      client: dir === undefined ? {} : { cache: { dir } },
    });
    for (let run = 0; run < (cached ? 2 : 1); run++) {
      await assert.rejects(
        f.client.albumTracks(ALBUM),
        (error) => assertPagingFault(error, /leads back to a page already read/),
      );
    }
    assert.ok(f.log.api.length <= 2, `${f.log.api.length} requests`);
    if (dir) await Deno.remove(dir, { recursive: true });
  });
}

Deno.test("a next link that points to an earlier page ends in one sentence", async () => {
  await using f = fake({
    api: (path) => {
      const offset = Number(new URL(path, f.origin).searchParams.get("offset") ?? 0);
      const next = offset >= 20 ? 0 : offset + 10; // the third page leads back to the first
      return page(f.origin, [track(offset)], `${TRACKS}?offset=${next}&limit=50`);
    },
  });
  await assert.rejects(
    f.client.albumTracks(ALBUM),
    (error) => assertPagingFault(error, /leads back to a page already read/),
  );
  assert.equal(f.log.api.length, 4);
});

Deno.test("empty pages stop the listing, whatever their next link says", async () => {
  let n = 0;
  await using f = fake({
    api: () => page(f.origin, n++ === 0 ? [track(1)] : [], `${TRACKS}?offset=${n}&limit=50`),
  });
  const tracks = await f.client.albumTracks(ALBUM);
  assert.deepEqual(tracks.map((t) => t.id), ["t1"]);
  assert.equal(f.log.api.length, 2);
});

Deno.test("pages beyond what total and limit allow end in one sentence", async () => {
  let n = 0;
  await using f = fake({
    api: () => {
      n++;
      return page(f.origin, [track(n)], `${TRACKS}?offset=${n * 10}&limit=10`, { total: 20 });
    },
  });
  await assert.rejects(
    f.client.albumTracks(ALBUM),
    (error) => assertPagingFault(error, /more pages than its total of 20 items allows/),
  );
  assert.ok(f.log.api.length <= 4, `${f.log.api.length} requests`);
});

for (
  const [name, body] of [
    ["{}", {}],
    ["null", null],
    ['items: "abc"', { items: "abc", next: null }],
    ["items: {}", { items: {}, next: null }],
    ['["a","b","c"]', ["a", "b", "c"]],
  ] as const
) {
  Deno.test(`a 200 page of ${name} is an ApiError naming the endpoint, never items`, async () => {
    await using f = fake({ api: () => Response.json(body) });
    await assert.rejects(
      f.client.albumTracks(ALBUM),
      (error) => assertPagingFault(error, /a body that is not a page of items/),
    );
    await assert.rejects(f.client.search("x", "artist"), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.match(error.message, /^Cannot read every page of "GET \/v1\/search"/);
      return true;
    });
  });
}

for (const [name, body] of [["null", null], ['"abc"', "abc"], ["[1, 2]", [1, 2]]] as const) {
  Deno.test(`a 200 answer of ${name} for one object is an ApiError naming the endpoint`, async () => {
    await using f = fake({ api: () => Response.json(body) });
    for (
      const call of [
        () => f.client.album(ALBUM),
        () => f.client.artist(ALBUM),
        () => f.client.playlist(ALBUM),
        () => f.client.tracks([ALBUM, "other"]),
      ]
    ) {
      await assert.rejects(call(), (error: unknown) => {
        assert.ok(error instanceof ApiError, String(error));
        assert.match(
          error.message,
          /^Cannot fetch "GET \/v1\/\w+.*": Spotify answered 200 with a body that is not an object/,
        );
        return true;
      });
    }
  });
}

Deno.test("a cached listing reads every page again after the emulator restarts on another port", async () => {
  // The cache is keyed by path: page one comes from the cache with a next link naming the old port.
  const dir = await Deno.makeTempDir();
  try {
    const names: string[][] = [];
    for (let run = 0; run < 2; run++) {
      await using s = await setup({ client: { cache: { dir } } });
      const tracks = await s.client.search("a", "track", { max: 25 });
      names.push(tracks.map((t) => t.name ?? ""));
    }
    assert.equal(names[0]!.length, 25);
    assert.deepEqual(names[1], names[0]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
