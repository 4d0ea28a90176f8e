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

/** One kind of check: its path, its keys per request, and its query for a chunk of keys. */
interface Check {
  path: string;
  size: number;
  params: (chunk: string[]) => Params;
}

/** `GET /me/library/contains`, the check every mode has, by URIs. */
const LIBRARY_CHECK: Check = {
  path: "/me/library/contains",
  size: LIBRARY_BATCH,
  params: (chunk) => ({ uris: chunk.join(",") }),
};

/** The query of the per-type checks that take ids. */
const byIds = (chunk: string[]): Params => ({ ids: chunk.join(",") });

/** What to ask: the keys of the per-type check, if there is one, and the same things as URIs. */
interface Question {
  perType: Check | undefined;
  keys: readonly string[];
  uris: readonly string[];
}

/** The URIs of ids of one type. */
function urisOf(type: string, keys: readonly string[]): string[] {
  return keys.map((key) => `spotify:${type}:${key}`);
}

/** `values`, once it is an array. */
function list(values: readonly string[], what: string): readonly string[] {
  if (!Array.isArray(values)) throw new TypeError(`Invalid ${what}: use an array`);
  return values;
}

/** One boolean per key, asked `check.size` keys at a time (all at once, within the concurrency). */
async function ask(
  kit: Kit,
  { path, size, params }: Check,
  keys: readonly string[],
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
  kit: Kit,
  { perType, keys, uris }: Question,
  options: FetchOptions,
): Promise<boolean[]> {
  if (keys.length === 0) return [];
  if (perType !== undefined && kit.mode() !== "development") {
    try {
      return await ask(kit, perType, keys, options);
    } catch (error) {
      if (!(error instanceof ModeError)) throw error;
    }
  }
  return await ask(kit, LIBRARY_CHECK, uris, options);
}

/** Whether the user saved or follows each URI, of any type. */
async function libraryContains(
  kit: Kit,
  uris: readonly string[],
  options: FetchOptions = {},
): Promise<boolean[]> {
  for (const uri of list(uris, "URIs")) {
    if (typeof uri !== "string" || !URI.test(uri)) {
      throw new TypeError(
        `Invalid Spotify URI "${
          String(uri).slice(0, 60)
        }": use "spotify:<type>:<id>" with a type such as track, album, show, episode or artist`,
      );
    }
  }
  return await check(kit, { perType: undefined, keys: uris, uris }, options);
}

/** Whether the user saved each item of one type. */
async function savedContains(
  kit: Kit,
  type: SavedType,
  ids: readonly string[],
  options: FetchOptions = {},
): Promise<boolean[]> {
  if (!(type in CHECK_BATCH) || type === ("following" as string)) {
    throw new TypeError(
      `Invalid type "${
        String(type).slice(0, 20)
      }": use "track", "album", "show", "episode" or "audiobook"`,
    );
  }
  const keys = list(ids, `${type} ids`).map((value) => id(value, type));
  const perType = { path: `/me/${type}s/contains`, size: CHECK_BATCH[type], params: byIds };
  return await check(kit, { perType, keys, uris: urisOf(type, keys) }, options);
}

/** Whether the user follows each artist or user. */
async function followingContains(
  kit: Kit,
  type: "artist" | "user",
  ids: readonly string[],
  options: FetchOptions = {},
): Promise<boolean[]> {
  if (type !== "artist" && type !== "user") {
    throw new TypeError(`Invalid type "${String(type).slice(0, 20)}": use "artist" or "user"`);
  }
  const keys = list(ids, `${type} ids`).map((value) =>
    type === "artist" ? id(value, type) : decodeURIComponent(looseId(value, type))
  );
  const perType = {
    path: "/me/following/contains",
    size: CHECK_BATCH.following,
    params: (chunk: string[]) => ({ type, ...byIds(chunk) }),
  };
  return await check(kit, { perType, keys, uris: urisOf(type, keys) }, options);
}

/** Whether the user follows (or owns) a playlist. */
async function followsPlaylist(
  kit: Kit,
  playlistId: string,
  options: FetchOptions = {},
): Promise<boolean> {
  const key = id(playlistId, "playlist");
  const perType = { path: `/playlists/${key}/followers/contains`, size: 1, params: () => ({}) };
  const [follows] = await check(
    kit,
    { perType, keys: [key], uris: urisOf("playlist", [key]) },
    options,
  );
  return follows ?? false;
}

/**
 * The library checks.
 *
 * @param kit The endpoints' kit.
 * @returns The methods.
 */
export function libraryChecks(kit: Kit): Pick<SpotifyClient, Methods> {
  return {
    libraryContains: (uris, options) => libraryContains(kit, uris, options),
    savedContains: (type, ids, options) => savedContains(kit, type, ids, options),
    followingContains: (type, ids, options) => followingContains(kit, type, ids, options),
    followsPlaylist: (playlistId, options) => followsPlaylist(kit, playlistId, options),
  };
}
