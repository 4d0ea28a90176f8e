import assert from "node:assert/strict";
import { ApiError } from "../core/errors.ts";
import { id, looseId, object, objectsUnder } from "./_checks.ts";

Deno.test("an id with anything but letters and digits is refused before it reaches a path", () => {
  for (const bad of ["", "a/b", "a?b", "../x", "a".repeat(65), 5 as unknown as string]) {
    assert.throws(() => id(bad, "album"), /^TypeError: Invalid album id/);
  }
  assert.throws(() => looseId("a b", "user"), /^TypeError: Invalid user id "a b"/);
});

Deno.test("an answer that is not one object names the endpoint and what came instead", () => {
  for (const answer of [null, [], "text", 5]) {
    assert.throws(() => object(answer, "/albums/x", "/v1"), (error: unknown) => {
      assert.ok(error instanceof ApiError && error.status === 200);
      assert.match(
        error.message,
        /^Cannot fetch "GET \/v1\/albums\/x": Spotify answered 200 with a body that is not an object/,
      );
      return true;
    });
  }
});

Deno.test("no content where an object was expected is told as the 204 it was", () => {
  assert.throws(() => object(undefined, "/me/player", "/v1"), (error: unknown) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 204);
    assert.match(
      error.message,
      /Spotify answered 204 with no content where an object was expected/,
    );
    return true;
  });
});

Deno.test("a several-at-once list is checked item by item: objects, or null for an unknown id", () => {
  const list = objectsUnder<{ id: string }>(
    { albums: [{ id: "a" }, null] },
    "albums",
    "/albums",
    "/v1",
  );
  assert.deepEqual(list, [{ id: "a" }, null]);
  for (
    const [answer, said] of [
      [{ shows: ["abc", 5] }, /item 1 of 2 not an object/],
      [{ shows: [{ id: "a" }, [1]] }, /item 2 of 2 not an object/],
      [{ shows: "abc" }, /without a list under "shows"/],
      [{}, /without a list under "shows"/],
      [[{ id: "a" }], /a body that is not an object/],
    ] as const
  ) {
    assert.throws(() => objectsUnder(answer, "shows", "/shows", "/v1"), (error: unknown) => {
      assert.ok(error instanceof ApiError, String(error));
      assert.match(error.message, /^Cannot fetch "GET \/v1\/shows": Spotify answered/);
      assert.match(error.message, said);
      return true;
    });
  }
});
