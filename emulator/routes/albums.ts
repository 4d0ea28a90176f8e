/**
 * Albums and tracks: one, several (Extended only), an album's tracks.
 *
 * @module
 */
import { json, lookup, page, pageOf, respond } from "../http.ts";
import type { Json } from "../objects.ts";
import { batch, get, PAGE_20_50, type RouteContext, type RouteSpec } from "./route.ts";

/** A full album with the first page (50) of its tracks, or `undefined` for an unknown id. */
export function albumFull(ctx: RouteContext, id: string): Json | undefined {
  const album = ctx.objects.albums.get(id);
  if (!album) return undefined;
  const first = page(
    new URL(`${ctx.draw.base}/albums/${album.id}/tracks`),
    album.tracks,
    0,
    50,
    (t) => ctx.objects.trackSimple(t, album, ctx.draw),
  );
  return ctx.objects.albumFull(album, ctx.draw, first);
}

/** The album and track routes. */
export const albumRoutes: RouteSpec[] = [
  get(
    "/albums",
    (_m, ctx) => batch(ctx, 20, "albums", ctx.objects.albums, (a) => albumFull(ctx, a.id)!),
    { development: "forbidden" },
  ),
  get("/albums/{id}", (m, ctx) => {
    const album = lookup(ctx.objects.albums, m[1]!);
    return album instanceof Response ? album : json(albumFull(ctx, album.id));
  }),
  get("/albums/{id}/tracks", (m, ctx) => {
    const album = lookup(ctx.objects.albums, m[1]!);
    if (album instanceof Response) return album;
    return respond(
      pageOf(ctx.url, album.tracks, PAGE_20_50, (t) => ctx.objects.trackSimple(t, album, ctx.draw)),
    );
  }),
  get(
    "/tracks",
    (_m, ctx) =>
      batch(
        ctx,
        50,
        "tracks",
        ctx.objects.tracks,
        (t) => ctx.objects.trackFull(t.track, t.album, ctx.draw),
      ),
    { development: "forbidden" },
  ),
  get("/tracks/{id}", (m, ctx) => {
    const found = lookup(ctx.objects.tracks, m[1]!);
    return found instanceof Response
      ? found
      : json(ctx.objects.trackFull(found.track, found.album, ctx.draw));
  }),
];
