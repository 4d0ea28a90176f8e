/**
 * Several objects by id: the batch endpoint (`GET /albums?ids=`) in chunks where the mode has it,
 * one request per id (all at once, bounded by the client's concurrency) where it does not. In
 * `auto`, a 403 on the batch endpoint switches the client to `development` and the work completes
 * per id.
 *
 * @module
 */
import type { AppMode } from "../core/config.ts";
import { ModeError } from "../core/errors.ts";
import { id, object, objectsUnder } from "./_checks.ts";
import type { Get } from "./request_options.ts";
import type { CollectOptions, MarketOptions } from "./spotify_client.ts";

/** Ids per request of each batch endpoint (`spotify-web-api.md` §2.3). */
export const BATCH_SIZES = {
  artists: 50,
  albums: 20,
  tracks: 50,
  shows: 50,
  episodes: 50,
  audiobooks: 50,
  chapters: 50,
} as const;

/** A type with a batch endpoint, named as in its path (`albums`). */
export type BatchType = keyof typeof BATCH_SIZES;

/** `several(type, ids, options)`: the objects in the order of `ids`, `null` where one is unknown. */
export type Batch = <T>(
  type: BatchType,
  ids: readonly string[],
  options: CollectOptions & MarketOptions,
) => Promise<(T | null)[]>;

/**
 * Create the several-at-once function of a client.
 *
 * @param get The client's request function.
 * @param mode The mode the client works in now.
 * @param basePath The base URL's path, for messages.
 * @returns `several`.
 */
export function createBatcher(get: Get, mode: () => AppMode, basePath: string): Batch {
  return async function several<T>(
    type: BatchType,
    ids: readonly string[],
    { onProgress, fresh, market, signal }: CollectOptions & MarketOptions,
  ): Promise<(T | null)[]> {
    const what = type.slice(0, -1);
    if (!Array.isArray(ids)) {
      throw new TypeError(`Invalid ${what} ids: use an array of ids`);
    }
    const onWait = onProgress
      ? (seconds: number) => onProgress(found.size, unique.length, { waiting: seconds })
      : undefined;
    const unique = [...new Set(ids.map((value) => id(value, what)))];
    const found = new Map<string, T | null>();
    const report = () => onProgress?.(found.size, unique.length);

    async function batches(): Promise<void> {
      const size = BATCH_SIZES[type];
      const chunks: string[][] = [];
      for (let i = 0; i < unique.length; i += size) chunks.push(unique.slice(i, i + size));
      await Promise.all(chunks.map(async (chunk) => {
        const answer = await get(`/${type}`, { ids: chunk.join(","), market }, {
          fresh,
          signal,
          onWait,
        });
        // Each item is checked as the one-per-id path checks each answer.
        const list = objectsUnder<T>(answer, type, `/${type}`, basePath);
        chunk.forEach((key, i) => found.set(key, list[i] ?? null));
        report();
      }));
    }

    async function oneByOne(): Promise<void> {
      await Promise.all(
        unique.filter((key) => !found.has(key)).map(async (key) => {
          try {
            const answer = await get(`/${type}/${key}`, { market }, { fresh, signal, onWait });
            found.set(key, object<T>(answer, `/${type}/${key}`, basePath));
          } catch (error) {
            if ((error as { status?: number }).status !== 404) throw error;
            found.set(key, null);
          }
          report();
        }),
      );
    }

    if (mode() !== "development" && unique.length > 0) {
      try {
        await batches();
      } catch (error) {
        if (!(error instanceof ModeError)) throw error;
      }
    }
    if (found.size < unique.length) await oneByOne();
    return ids.map((key) => found.get(key) ?? null);
  };
}
