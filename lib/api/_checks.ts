/**
 * The checks of what goes into a path and of what comes back: ids letters and digits only (so that
 * nothing can change the path), and answers of the shape an endpoint promises, or an `ApiError`
 * that names the endpoint. Shared by the endpoint kit and the several-at-once helper.
 *
 * @module
 */
import { ApiError, excerpt } from "../core/errors.ts";
import { isObject } from "./_paging.ts";

/**
 * An id for a path, checked: letters and digits only, so that nothing can change the path.
 *
 * @param value The id given.
 * @param what What it names (`artist`), for the message.
 * @returns The id.
 * @throws {TypeError} When it is not an id.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { id } from "./_checks.ts";
 * assert.equal(id("4Z8W4fKeB5YxbusRsdQVPb", "artist"), "4Z8W4fKeB5YxbusRsdQVPb");
 * assert.throws(() => id("../me", "artist"), /^TypeError: Invalid artist id "\.\.\/me"/);
 * ```
 */
export function id(value: string, what: string): string {
  if (typeof value !== "string" || !/^[0-9A-Za-z]{1,64}$/.test(value)) {
    throw new TypeError(
      `Invalid ${what} id "${excerpt(String(value), 40)}": use the 22-character id from its URL`,
    );
  }
  return value;
}

/**
 * A user or category id for a path: those are not always base62 (older accounts chose their own
 * user names), so any short text without spaces or path characters, escaped.
 *
 * @param value The id given.
 * @param what What it names (`user`), for the message.
 * @returns The id, escaped for a path.
 * @throws {TypeError} When it is not such an id.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { looseId } from "./_checks.ts";
 * assert.equal(looseId("jürgen.m", "user"), "j%C3%BCrgen.m");
 * ```
 */
export function looseId(value: string, what: string): string {
  if (typeof value !== "string" || !/^[^\s/?#,:]{1,128}$/.test(value)) {
    throw new TypeError(
      `Invalid ${what} id "${excerpt(String(value), 40)}": use the id from its URL`,
    );
  }
  return encodeURIComponent(value);
}

/**
 * An answer that must be one object: anything else is an `ApiError` naming the endpoint (a 204,
 * which the request path answers as `undefined`, is named as such).
 *
 * @param answer The parsed answer.
 * @param endpoint The path asked for (`/albums/x`).
 * @param basePath The base URL's path, for the message.
 * @returns The answer, typed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { object } from "./_checks.ts";
 * assert.deepEqual(object({ id: "x" }, "/albums/x", "/v1"), { id: "x" });
 * assert.throws(() => object(undefined, "/albums/x", "/v1"), /answered 204 with no content/);
 * assert.throws(() => object([1], "/albums/x", "/v1"), /answered 200 with a body that is not an object/);
 * ```
 */
export function object<T>(answer: unknown, endpoint: string, basePath: string): T {
  if (isObject(answer)) return answer as T;
  throw answer === undefined
    ? unexpected(endpoint, basePath, {
      said: "answered 204 with no content where an object was expected",
      status: 204,
      shown: undefined,
    })
    : unexpected(endpoint, basePath, {
      said: "answered 200 with a body that is not an object",
      status: 200,
      shown: answer,
    });
}

/**
 * The list of a several-at-once answer (`{ "albums": [...] }`), checked item by item as the
 * one-per-id path checks each answer: every item an object, or `null` for an unknown id.
 *
 * @param answer The parsed answer.
 * @param key The key of the list (`albums`).
 * @param endpoint The path asked for (`/albums`), for the message.
 * @param basePath The base URL's path, for the message.
 * @returns The items.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { objectsUnder } from "./_checks.ts";
 * assert.deepEqual(objectsUnder({ shows: [{ id: "a" }, null] }, "shows", "/shows", "/v1"), [
 *   { id: "a" },
 *   null,
 * ]);
 * assert.throws(
 *   () => objectsUnder({ shows: ["abc", 5] }, "shows", "/shows", "/v1"),
 *   /^ApiError: Cannot fetch "GET \/v1\/shows": Spotify answered 200 with item 1 of 2 not an object/,
 * );
 * ```
 */
export function objectsUnder<T>(
  answer: unknown,
  key: string,
  endpoint: string,
  basePath: string,
): (T | null)[] {
  const list = object<Record<string, unknown>>(answer, endpoint, basePath)[key];
  if (!Array.isArray(list)) {
    throw unexpected(endpoint, basePath, {
      said: `answered 200 without a list under "${key}"`,
      status: 200,
      shown: answer,
    });
  }
  const bad = list.findIndex((item) => item !== null && !isObject(item));
  if (bad >= 0) {
    throw unexpected(endpoint, basePath, {
      said: `answered 200 with item ${bad + 1} of ${list.length} not an object`,
      status: 200,
      shown: list[bad],
    });
  }
  return list as (T | null)[];
}

/** The error of an answer that is not of the shape the endpoint promises. */
function unexpected(
  endpoint: string,
  basePath: string,
  { said, status, shown }: { said: string; status: number; shown: unknown },
): ApiError {
  return new ApiError(
    `Cannot fetch "GET ${
      excerpt(basePath + endpoint, 100)
    }": Spotify ${said}; try again in a minute, or report it if it persists`,
    {
      status,
      method: "GET",
      url: excerpt(endpoint, 200),
      body: excerpt(JSON.stringify(shown) ?? "", 200),
    },
  );
}
