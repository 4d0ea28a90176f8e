/**
 * What each app mode may call (`spotify-web-api.md` §3.2, §3.4, §3.7): a static table, because the
 * API's 403 and 404 do not say reliably whether an endpoint was removed. A client in `development`
 * refuses an endpoint the mode lacks before any request; one in `auto` learns the mode from the
 * first 403 on such an endpoint.
 *
 * @module
 */
import type { AppMode } from "../core/config.ts";

/** An endpoint some mode lacks: its name, its path pattern (after `/v1`), and since when. */
interface Removal {
  endpoint: string;
  pattern: RegExp;
  /**
   * `batch`: a several-at-once endpoint the client replaces by one request per id; `contains`: a
   * library check the client replaces by `GET /me/library/contains`.
   */
  kind: "batch" | "contains" | "2026" | "2024";
}

const REMOVED: readonly Removal[] = [
  { endpoint: "GET /artists?ids=", pattern: /^\/artists$/, kind: "batch" },
  { endpoint: "GET /albums?ids=", pattern: /^\/albums$/, kind: "batch" },
  { endpoint: "GET /tracks?ids=", pattern: /^\/tracks$/, kind: "batch" },
  { endpoint: "GET /shows?ids=", pattern: /^\/shows$/, kind: "batch" },
  { endpoint: "GET /episodes?ids=", pattern: /^\/episodes$/, kind: "batch" },
  { endpoint: "GET /audiobooks?ids=", pattern: /^\/audiobooks$/, kind: "batch" },
  { endpoint: "GET /chapters?ids=", pattern: /^\/chapters$/, kind: "batch" },
  {
    endpoint: "GET /me/{type}/contains",
    pattern: /^\/me\/(tracks|albums|shows|episodes|audiobooks)\/contains$/,
    kind: "contains",
  },
  {
    endpoint: "GET /me/following/contains",
    pattern: /^\/me\/following\/contains$/,
    kind: "contains",
  },
  {
    endpoint: "GET /playlists/{id}/followers/contains",
    pattern: /^\/playlists\/[^/]+\/followers\/contains$/,
    kind: "contains",
  },
  {
    endpoint: "GET /artists/{id}/top-tracks",
    pattern: /^\/artists\/[^/]+\/top-tracks$/,
    kind: "2026",
  },
  { endpoint: "GET /browse/new-releases", pattern: /^\/browse\/new-releases$/, kind: "2026" },
  { endpoint: "GET /browse/categories", pattern: /^\/browse\/categories(\/[^/]+)?$/, kind: "2026" },
  { endpoint: "GET /markets", pattern: /^\/markets$/, kind: "2026" },
  { endpoint: "GET /users/{id}/playlists", pattern: /^\/users\/[^/]+\/playlists$/, kind: "2026" },
  { endpoint: "GET /users/{id}", pattern: /^\/users\/[^/]+$/, kind: "2026" },
  { endpoint: "GET /playlists/{id}/tracks", pattern: /^\/playlists\/[^/]+\/tracks$/, kind: "2026" },
  {
    endpoint: "GET /artists/{id}/related-artists",
    pattern: /^\/artists\/[^/]+\/related-artists$/,
    kind: "2024",
  },
  { endpoint: "GET /recommendations", pattern: /^\/recommendations(\/.*)?$/, kind: "2024" },
  { endpoint: "GET /audio-features", pattern: /^\/audio-features(\/[^/]+)?$/, kind: "2024" },
  { endpoint: "GET /audio-analysis/{id}", pattern: /^\/audio-analysis\/[^/]+$/, kind: "2024" },
  {
    endpoint: "GET /browse/featured-playlists",
    pattern: /^\/browse\/featured-playlists$/,
    kind: "2024",
  },
  {
    endpoint: "GET /browse/categories/{id}/playlists",
    pattern: /^\/browse\/categories\/[^/]+\/playlists$/,
    kind: "2024",
  },
];

/** Why an endpoint is unavailable to Development Mode apps, if it is. */
export interface Unavailable {
  /** The endpoint, e.g. `GET /artists/{id}/top-tracks`. */
  endpoint: string;
  /** What to say about it. */
  why: string;
  /** Whether it is a several-at-once endpoint that one request per id replaces. */
  batch: boolean;
  /** Whether it is a library check that `GET /me/library/contains` replaces. */
  contains: boolean;
}

/**
 * Whether a Development Mode app lacks the endpoint at `path`.
 *
 * @param path The path after the API base, without the query (`/artists/x/top-tracks`).
 * @returns What is unavailable and why, or `undefined` when the endpoint works in Development Mode.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { developmentModeLacks } from "./capabilities.ts";
 * assert.ok(developmentModeLacks("/markets")?.endpoint === "GET /markets");
 * assert.ok(developmentModeLacks("/artists/x") === undefined);
 * ```
 */
export function developmentModeLacks(path: string): Unavailable | undefined {
  // Order matters: `/browse/categories/{id}/playlists` before `/browse/categories/{id}`.
  const removal = [...REMOVED].sort((a, b) => b.pattern.source.length - a.pattern.source.length)
    .find((r) => r.pattern.test(path));
  if (removal === undefined) return undefined;
  const why = removal.kind === "2024"
    ? "Spotify removed it in November 2024 for Development Mode apps and apps created since"
    : removal.kind === "contains"
    ? "Spotify replaced it by GET /me/library/contains for Development Mode apps in February 2026"
    : "Spotify removed it for Development Mode apps in February 2026";
  return {
    endpoint: removal.endpoint,
    why,
    batch: removal.kind === "batch",
    contains: removal.kind === "contains",
  };
}

/**
 * Whether the client must refuse `path` in `mode` before any request: only in `development`
 * (in `auto` the first 403 teaches the client; `extended` apps keep every endpoint).
 *
 * @param path The path after the API base, without the query.
 * @param mode The mode the client works in now.
 * @returns What is unavailable, or `undefined` when the request may go.
 */
export function refused(path: string, mode: AppMode): Unavailable | undefined {
  return mode === "development" ? developmentModeLacks(path) : undefined;
}
