/**
 * The user's library: saved tracks, albums, shows, episodes and audiobooks (20 a page, at most 50),
 * the per-type `contains` checks (Extended only since 2026) and `GET /me/library/contains`, the
 * one check left for Development Mode (§3.2).
 *
 * @module
 */
import { apiError, json, pageOf, respond } from "../http.ts";
import { episodeFull, showSimple } from "../spoken_objects.ts";
import { albumFull } from "./albums.ts";
import { audiobookWithChapters } from "./audiobooks.ts";
import { followsPlaylist } from "./playlists.ts";
import {
  contains,
  get,
  type Handle,
  PAGE_20_50,
  type RouteContext,
  type RouteSpec,
  user,
} from "./route.ts";

const READ = ["user-library-read"];

/** A saved-items list: `{added_at, <key>: object}` pages. */
function saved<T extends { added_at: string }>(
  rows: (ctx: RouteContext) => T[],
  key: string,
  draw: (row: T, ctx: RouteContext) => unknown,
): Handle {
  return user(READ, (_m, ctx) =>
    respond(
      pageOf(ctx.url, rows(ctx), PAGE_20_50, (row) => ({
        added_at: row.added_at,
        [key]: draw(row, ctx),
      })),
    ));
}

/** Which ids of one type the user saved or follows. */
function savedIds(ctx: RouteContext, type: string): Set<string> {
  const { catalog } = ctx.objects;
  switch (type) {
    case "track":
      return new Set(catalog.user.saved_tracks.map((s) => s.track_id));
    case "album":
      return new Set(catalog.user.saved_albums.map((s) => s.album_id));
    case "show":
      return new Set(catalog.library.saved_shows.map((s) => s.show_id));
    case "episode":
      return new Set(catalog.library.saved_episodes.map((s) => s.episode_id));
    case "audiobook":
      return new Set(catalog.library.saved_audiobooks.map((s) => s.audiobook_id));
    case "artist":
      return new Set(catalog.user.followed_artists);
    case "user":
      return new Set(catalog.library.followed_users);
    default:
      return new Set(
        catalog.playlists.filter((p) => followsPlaylist(catalog, ctx.grant.userId!, p)).map((p) =>
          p.id
        ),
      );
  }
}

/** The scope each URI type of `GET /me/library/contains` needs (the OpenAPI file lists three). */
const SCOPE_OF: Record<string, string> = {
  track: "user-library-read",
  album: "user-library-read",
  show: "user-library-read",
  episode: "user-library-read",
  audiobook: "user-library-read",
  artist: "user-follow-read",
  user: "user-follow-read",
  playlist: "playlist-read-private",
};

function libraryContains(_m: RegExpMatchArray, ctx: RouteContext): Response {
  const uris = (ctx.url.searchParams.get("uris") ?? "").split(",").filter(Boolean);
  if (uris.length === 0) return apiError(400, "Missing required parameter uris");
  if (uris.length > 40) return apiError(400, "Too many ids requested"); // §2.3: 40 URIs
  const parsed = uris.map((uri) => uri.match(/^spotify:([a-z]+):([^:]+)$/));
  if (parsed.some((p) => p === null || !(p[1]! in SCOPE_OF))) {
    return apiError(400, "Invalid uri");
  }
  if (parsed.some((p) => !ctx.grant.scopes.has(SCOPE_OF[p![1]!]!))) {
    return apiError(403, "Insufficient client scope");
  }
  return json(parsed.map((p) => savedIds(ctx, p![1]!).has(p![2]!)));
}

const containsRoute = (type: string, max: number): Handle =>
  user(READ, (_m, ctx) => {
    const ids = savedIds(ctx, type);
    return contains(ctx, max, (id) => ids.has(id));
  });

/** The library routes. */
export const libraryRoutes: RouteSpec[] = [
  get(
    "/me/tracks",
    saved((ctx) => ctx.objects.catalog.user.saved_tracks, "track", (s, ctx) => {
      const { track, album } = ctx.objects.tracks.get(s.track_id)!;
      return ctx.objects.trackFull(track, album, ctx.draw);
    }),
  ),
  get(
    "/me/albums",
    saved(
      (ctx) => ctx.objects.catalog.user.saved_albums,
      "album",
      (s, ctx) => albumFull(ctx, s.album_id),
    ),
  ),
  get(
    "/me/shows",
    saved(
      (ctx) => ctx.objects.catalog.library.saved_shows,
      "show",
      (s, ctx) => showSimple(ctx.objects.shows.get(s.show_id)!, ctx.draw),
    ),
  ),
  get(
    "/me/episodes",
    saved((ctx) => ctx.objects.catalog.library.saved_episodes, "episode", (s, ctx) => {
      const { episode, show } = ctx.objects.episodes.get(s.episode_id)!;
      return episodeFull(episode, show, ctx.draw);
    }),
  ),
  get(
    "/me/audiobooks",
    saved(
      (ctx) => ctx.objects.catalog.library.saved_audiobooks,
      "audiobook",
      (s, ctx) => audiobookWithChapters(ctx, ctx.objects.audiobooks.get(s.audiobook_id)!),
    ),
  ),
  get("/me/tracks/contains", containsRoute("track", 50), { development: "forbidden" }),
  get("/me/albums/contains", containsRoute("album", 20), { development: "forbidden" }),
  get("/me/shows/contains", containsRoute("show", 50), { development: "forbidden" }),
  get("/me/episodes/contains", containsRoute("episode", 50), { development: "forbidden" }),
  get("/me/audiobooks/contains", containsRoute("audiobook", 50), { development: "forbidden" }),
  get("/me/library/contains", user([], libraryContains)),
];
