/**
 * Library checks: whether the user saved or follows things. Development Mode keeps only
 * `GET /me/library/contains` (URIs of any type, 40 a request); Extended Quota Mode also has the
 * per-type checks (`/me/tracks/contains`, ..., `/me/following/contains`,
 * `/playlists/{id}/followers/contains`), which the client uses there and replaces by the library
 * check where the mode lacks them, as it replaces batch endpoints by one request per id.
 *
 * @module
 */
import { ModeError } from "../core/errors.ts";
import { id, type Kit, looseId, object } from "./_endpoint_kit.ts";
import type { Params } from "./request_options.ts";
import type { FetchOptions, SpotifyClient } from "./spotify_client.ts";
import type { SavedType } from "./types.ts";

/** URIs per request of `GET /me/library/contains` (`spotify-web-api.md` §2.3). */
const LIBRARY_BATCH = 40;

/** Ids per request of each per-type check (§2.3: albums 20, the others 50). */
const CHECK_BATCH: Record<SavedType | "following", number> = {
  track: 50,
  album: 20,
  show: 50,
  episode: 50,
  audiobook: 50,
  following: 50,
};

const URI = /^spotify:(track|album|show|episode|audiobook|artist|user|playlist):[^\s:,]{1,128}$/;

type Methods = "libraryContains" | "savedContains" | "followingContains" | "followsPlaylist";

/**
 * The library checks.
 *
 * @param kit The endpoints' kit.
 * @returns The methods.
 */
export function libraryChecks(kit: Kit): Pick<SpotifyClient, Methods> {
  /** One boolean per key, asked `size` keys at a time (all at once, within the concurrency). */
  async function ask(
    path: string,
    keys: readonly string[],
    size: number,
    params: (chunk: string[]) => Params,
    { fresh, signal }: FetchOptions,
  ): Promise<boolean[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < keys.length; i += size) chunks.push(keys.slice(i, i + size));
    const answers = await Promise.all(chunks.map(async (chunk) => {
      const answer = await kit.get(path, params(chunk), { fresh, signal });
      if (
        !Array.isArray(answer) || answer.length !== chunk.length ||
        answer.some((v) => typeof v !== "boolean")
      ) {
        object(null, path, kit.basePath); // not a list of one boolean per key: say so
      }
      return answer as boolean[];
    }));
    return answers.flat();
  }

  /**
   * The per-type check where the mode has it, else `GET /me/library/contains` with the URIs; in
   * `auto`, the 403 that shows Development Mode switches to the library check.
   */
  async function check(
    perType: { path: string; size: number; params: (chunk: string[]) => Params } | undefined,
    uris: readonly string[],
    keys: readonly string[],
    options: FetchOptions,
  ): Promise<boolean[]> {
    if (keys.length === 0) return [];
    if (perType !== undefined && kit.mode() !== "development") {
      try {
        return await ask(perType.path, keys, perType.size, perType.params, options);
      } catch (error) {
        if (!(error instanceof ModeError)) throw error;
      }
    }
    return await ask(
      "/me/library/contains",
      uris,
      LIBRARY_BATCH,
      (chunk) => ({ uris: chunk.join(",") }),
      options,
    );
  }

  const list = (values: readonly string[], what: string) => {
    if (!Array.isArray(values)) throw new TypeError(`Invalid ${what}: use an array`);
    return values;
  };

  return {
    async libraryContains(uris, options = {}) {
      for (const uri of list(uris, "URIs")) {
        if (typeof uri !== "string" || !URI.test(uri)) {
          throw new TypeError(
            `Invalid Spotify URI "${
              String(uri).slice(0, 60)
            }": use "spotify:<type>:<id>" with a type such as track, album, show, episode or artist`,
          );
        }
      }
      return await check(undefined, uris, uris, options);
    },
    async savedContains(type, ids, options = {}) {
      if (!(type in CHECK_BATCH) || type === ("following" as string)) {
        throw new TypeError(
          `Invalid type "${
            String(type).slice(0, 20)
          }": use "track", "album", "show", "episode" or "audiobook"`,
        );
      }
      const keys = list(ids, `${type} ids`).map((value) => id(value, type));
      return await check(
        {
          path: `/me/${type}s/contains`,
          size: CHECK_BATCH[type],
          params: (chunk) => ({ ids: chunk.join(",") }),
        },
        keys.map((key) => `spotify:${type}:${key}`),
        keys,
        options,
      );
    },
    async followingContains(type, ids, options = {}) {
      if (type !== "artist" && type !== "user") {
        throw new TypeError(`Invalid type "${String(type).slice(0, 20)}": use "artist" or "user"`);
      }
      const keys = list(ids, `${type} ids`).map((value) =>
        type === "artist" ? id(value, type) : decodeURIComponent(looseId(value, type))
      );
      return await check(
        {
          path: "/me/following/contains",
          size: CHECK_BATCH.following,
          params: (chunk) => ({ type, ids: chunk.join(",") }),
        },
        keys.map((key) => `spotify:${type}:${key}`),
        keys,
        options,
      );
    },
    async followsPlaylist(playlistId, options = {}) {
      const key = id(playlistId, "playlist");
      const [follows] = await check(
        { path: `/playlists/${key}/followers/contains`, size: 1, params: () => ({}) },
        [`spotify:playlist:${key}`],
        [key],
        options,
      );
      return follows ?? false;
    },
  };
}
