/**
 * Artists: one, several (Extended only), their albums, their top tracks (Extended only).
 *
 * @module
 */
import { json, lookup, pageOf, respond } from "../http.ts";
import { batch, get, type RouteSpec } from "./route.ts";

const ALL_GROUPS = "album,single,compilation,appears_on";

/** The artist routes. */
export const artistRoutes: RouteSpec[] = [
  get(
    "/artists",
    (_m, ctx) =>
      batch(ctx, 50, "artists", ctx.objects.artists, (a) => ctx.objects.artistFull(a, ctx.draw)),
    { development: "forbidden" },
  ),
  get("/artists/{id}", (m, ctx) => {
    const artist = lookup(ctx.objects.artists, m[1]!);
    return artist instanceof Response ? artist : json(ctx.objects.artistFull(artist, ctx.draw));
  }),
  get("/artists/{id}/albums", (m, ctx) => {
    const artist = lookup(ctx.objects.artists, m[1]!);
    if (artist instanceof Response) return artist;
    const groups = (ctx.url.searchParams.get("include_groups") ?? ALL_GROUPS).split(",");
    const rows = ctx.objects.artistAlbums.get(artist.id)!.filter((row) =>
      groups.includes(row.group)
    );
    // §2.4/§3.6: 5 by default; at most 10 in Development Mode (400 "Invalid limit" above), 50 in
    // Extended (the OpenAPI file now says 10 for every app).
    const maxLimit = ctx.draw.mode === "development" ? 10 : 50;
    return respond(
      pageOf(
        ctx.url,
        rows,
        { defaultLimit: 5, maxLimit },
        (row) => ctx.objects.albumSimple(row.album, ctx.draw, row.group),
      ),
    );
  }),
  get("/artists/{id}/top-tracks", (m, ctx) => {
    const artist = lookup(ctx.objects.artists, m[1]!);
    if (artist instanceof Response) return artist;
    const tracks = [...ctx.objects.tracks.values()]
      .filter(({ track }) => track.artist_ids[0] === artist.id)
      .sort((a, b) => b.track.popularity - a.track.popularity || (a.track.id < b.track.id ? -1 : 1))
      .slice(0, 10);
    return json({
      tracks: tracks.map(({ track, album }) => ctx.objects.trackFull(track, album, ctx.draw)),
    });
  }, { development: "forbidden" }),
];
