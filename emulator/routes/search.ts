/**
 * `GET /search` over every type: albums, artists, playlists, tracks, shows, episodes, audiobooks.
 * Results rank exact names first, then by popularity (music) or catalog order (spoken word).
 *
 * @module
 */
import { apiError, json, pageOf } from "../http.ts";
import type { Json } from "../objects.ts";
import { audiobookSimple, episodeSimple, showSimple } from "../spoken_objects.ts";
import { get, type RouteContext, type RouteSpec } from "./route.ts";

const SEARCH_TYPES = ["album", "artist", "playlist", "track", "show", "episode", "audiobook"];

/** The search route. */
export const searchRoutes: RouteSpec[] = [get("/search", (_m, ctx) => search(ctx))];

function search(ctx: RouteContext): Response {
  const { url, objects, draw } = ctx;
  const q = url.searchParams.get("q")?.trim();
  if (!q) return apiError(400, "No search query");
  const types = (url.searchParams.get("type") ?? "").split(",").filter(Boolean);
  if (types.length === 0) return apiError(400, "Missing parameter type");
  if (types.some((t) => !SEARCH_TYPES.includes(t))) return apiError(400, "Bad search type field");
  const words = q.toLowerCase().split(/\s+/);
  const matches = (...texts: string[]) => {
    const hay = texts.join(" ").toLowerCase();
    return words.every((w) => hay.includes(w));
  };
  const artistName = (id: string) => objects.artists.get(id)?.name ?? "";
  const exact = (name: string) => Number(name.toLowerCase() === q.toLowerCase());
  const rank = <T>(rows: T[], name: (row: T) => string, score: (row: T) => number = () => 0) =>
    rows.sort((a, b) =>
      exact(name(b)) - exact(name(a)) || score(b) - score(a) || name(a).localeCompare(name(b))
    );
  // §2.4: Development Mode pages by 5 (at most 10), Extended by 20 (at most 50); offset ≤ 1000.
  const limits = draw.mode === "development"
    ? { defaultLimit: 5, maxLimit: 10, maxOffset: 1000 }
    : { defaultLimit: 20, maxLimit: 50, maxOffset: 1000 };
  const { catalog } = objects;
  const results: Record<string, () => Json | Response> = {
    artist: () =>
      pageOf(
        url,
        rank(catalog.artists.filter((a) => matches(a.name)), (a) => a.name, (a) => a.popularity),
        limits,
        (a) => objects.artistFull(a, draw),
      ),
    album: () =>
      pageOf(
        url,
        rank(
          catalog.albums.filter((a) => matches(a.name, ...a.artist_ids.map(artistName))),
          (a) => a.name,
          (a) => a.popularity,
        ),
        limits,
        (a) => objects.albumSimple(a, draw),
      ),
    track: () =>
      pageOf(
        url,
        rank(
          [...objects.tracks.values()].filter(({ track }) =>
            matches(track.name, ...track.artist_ids.map(artistName))
          ),
          (row) => row.track.name,
          (row) => row.track.popularity,
        ),
        limits,
        (row) => objects.trackFull(row.track, row.album, draw),
      ),
    playlist: () =>
      pageOf(
        url,
        rank(catalog.playlists.filter((p) => matches(p.name)), (p) => p.name),
        limits,
        (p) => objects.playlistSimple(p, draw),
      ),
    show: () =>
      pageOf(
        url,
        rank(catalog.shows.filter((s) => matches(s.name, s.publisher)), (s) => s.name),
        limits,
        (s) => showSimple(s, draw),
      ),
    episode: () =>
      pageOf(
        url,
        [...objects.episodes.values()].filter(({ episode, show }) =>
          matches(episode.name, show.name)
        ),
        limits,
        ({ episode, show }) => episodeSimple(episode, show, draw),
      ),
    audiobook: () =>
      pageOf(
        url,
        rank(
          catalog.audiobooks.filter((b) => matches(b.name, ...b.authors, ...b.narrators)),
          (b) => b.name,
        ),
        limits,
        (b) => audiobookSimple(b, draw),
      ),
  };
  const body: Json = {};
  for (const type of types) {
    const result = results[type]!();
    if (result instanceof Response) return result;
    body[`${type}s`] = result;
  }
  return json(body);
}
