/**
 * Playlists: one, its entries (Development Mode: only the user's own or collaborative ones, as
 * `item`), its cover images, who follows it (Extended only), the user's and another user's lists.
 *
 * @module
 */
import type { Grant } from "../auth.ts";
import type { Catalog, CatalogPlaylist } from "../catalog_types.ts";
import { apiError, json, lookup, page, pageOf, respond } from "../http.ts";
import { get, PAGE_20_50, type RouteContext, type RouteSpec, user } from "./route.ts";

function canSeeEntries(grant: Grant, playlist: CatalogPlaylist): boolean {
  return grant.userId !== undefined &&
    (playlist.owner_id === grant.userId || playlist.collaborative);
}

/**
 * Whether a user follows a playlist: its owner does; the sample listener also follows every public
 * or collaborative playlist (the ones `GET /me/playlists` lists).
 */
export function followsPlaylist(catalog: Catalog, userId: string, p: CatalogPlaylist): boolean {
  return p.owner_id === userId || (userId === catalog.user.id && (p.public || p.collaborative));
}

function entries(ctx: RouteContext, id: string): Response {
  const playlist = lookup(ctx.objects.playlists, id);
  if (playlist instanceof Response) return playlist;
  if (ctx.draw.mode === "development" && !canSeeEntries(ctx.grant, playlist)) {
    return apiError(403, "Forbidden"); // §3.5: not the user's own playlist
  }
  return respond(
    pageOf(ctx.url, playlist.items, PAGE_20_50, (e) => ctx.objects.playlistEntry(e, ctx.draw)),
  );
}

function listOf(ctx: RouteContext, rows: CatalogPlaylist[]): Response {
  return respond(
    pageOf(ctx.url, rows, PAGE_20_50, (p) => ctx.objects.playlistSimple(p, ctx.draw)),
  );
}

/** The playlist routes. */
export const playlistRoutes: RouteSpec[] = [
  get("/playlists/{id}", (m, ctx) => {
    const playlist = lookup(ctx.objects.playlists, m[1]!);
    if (playlist instanceof Response) return playlist;
    const dev = ctx.draw.mode === "development";
    // §3.3: Development Mode sends the entries (as `items`) only for the user's own playlists.
    const visible = !dev || canSeeEntries(ctx.grant, playlist);
    const first = visible
      ? page(
        new URL(`${ctx.draw.base}/playlists/${playlist.id}/${dev ? "items" : "tracks"}`),
        playlist.items,
        0,
        100,
        (e) => ctx.objects.playlistEntry(e, ctx.draw),
      )
      : undefined;
    return json(ctx.objects.playlist(playlist, ctx.draw, first));
  }),
  get("/playlists/{id}/items", (m, ctx) => entries(ctx, m[1]!)),
  get("/playlists/{id}/tracks", (m, ctx) => entries(ctx, m[1]!), { development: "forbidden" }),
  get("/playlists/{id}/images", (m, ctx) => {
    const playlist = lookup(ctx.objects.playlists, m[1]!);
    return playlist instanceof Response ? playlist : json(playlist.images);
  }),
  get("/playlists/{id}/followers/contains", (m, ctx) => {
    const playlist = lookup(ctx.objects.playlists, m[1]!);
    if (playlist instanceof Response) return playlist;
    // The OpenAPI file: `ids` is optional, at most one user id, the current user by default.
    const ids = (ctx.url.searchParams.get("ids") ?? ctx.grant.userId ?? "").split(",")
      .filter(Boolean);
    if (ids.length === 0) return apiError(401, "This request requires user authentication.");
    if (ids.length > 1) return apiError(400, "Too many ids requested");
    return json([followsPlaylist(ctx.objects.catalog, ids[0]!, playlist)]);
  }, { development: "forbidden" }),
  get(
    "/me/playlists",
    user(["playlist-read-private"], (_m, ctx) =>
      listOf(
        ctx,
        ctx.objects.catalog.playlists.filter((p) =>
          followsPlaylist(ctx.objects.catalog, ctx.grant.userId!, p)
        ),
      )),
  ),
  get("/users/{id}/playlists", (m, ctx) => {
    const id = decodeURIComponent(m[1]!);
    if (!ctx.objects.users.has(id)) return apiError(404, "Resource not found");
    const { catalog } = ctx.objects;
    return listOf(
      ctx,
      id === ctx.grant.userId
        ? catalog.playlists.filter((p) => followsPlaylist(catalog, id, p))
        : catalog.playlists.filter((p) => p.owner_id === id && p.public),
    );
  }, { development: "forbidden" }),
];
