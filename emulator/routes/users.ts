/**
 * Users: the signed-in user's profile, top items and followed artists; another user's profile and
 * whether the user follows artists or users (both Extended only).
 *
 * @module
 */
import { apiError, json, pageOf, respond } from "../http.ts";
import { contains, get, PAGE_20_50, type RouteSpec, user } from "./route.ts";

const TIME_RANGES = ["short_term", "medium_term", "long_term"];

/** The user routes. */
export const userRoutes: RouteSpec[] = [
  get(
    "/me",
    user(
      [],
      (_m, ctx) =>
        json(ctx.objects.userPrivate(ctx.objects.users.get(ctx.grant.userId!)!, ctx.draw)),
    ),
  ),
  get("/users/{id}", (m, ctx) => {
    const found = ctx.objects.users.get(decodeURIComponent(m[1]!));
    if (!found) return apiError(404, "Resource not found");
    return json({
      ...ctx.objects.userPublic(found.id, ctx.draw),
      images: [],
      followers: { href: null, total: found.followers },
    });
  }, { development: "forbidden" }),
  get(
    "/me/top/{type}",
    user(["user-top-read"], (m, ctx) => {
      const type = m[1];
      if (type !== "artists" && type !== "tracks") return apiError(404, "Service not found");
      const range = ctx.url.searchParams.get("time_range") ?? "medium_term";
      if (!TIME_RANGES.includes(range)) return apiError(400, "Invalid time range");
      const ids = ctx.objects.catalog.user.top[type][range] ?? [];
      return respond(pageOf(ctx.url, ids, PAGE_20_50, (id) => {
        if (type === "artists") {
          return ctx.objects.artistFull(ctx.objects.artists.get(id)!, ctx.draw);
        }
        const { track, album } = ctx.objects.tracks.get(id)!;
        return ctx.objects.trackFull(track, album, ctx.draw);
      }));
    }),
  ),
  get(
    "/me/following",
    user(["user-follow-read"], (_m, ctx) => {
      if (ctx.url.searchParams.get("type") !== "artist") return apiError(400, "Invalid type");
      const ids = ctx.objects.catalog.user.followed_artists;
      const limit = Number(ctx.url.searchParams.get("limit") ?? 20);
      if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
        return apiError(400, "Invalid limit");
      }
      const after = ctx.url.searchParams.get("after");
      const start = after === null ? 0 : ids.indexOf(after) + 1;
      const slice = ids.slice(start, start + limit);
      const next = start + limit < ids.length ? new URL(ctx.url) : null;
      next?.searchParams.set("after", slice.at(-1)!);
      return json({
        artists: {
          href: ctx.url.href,
          items: slice.map((id) => ctx.objects.artistFull(ctx.objects.artists.get(id)!, ctx.draw)),
          limit,
          next: next?.href ?? null,
          // §2.5: the whole `cursors` is null on an empty page.
          cursors: slice.length ? { after: slice.at(-1)! } : null,
          total: ids.length,
        },
      });
    }),
  ),
  get(
    "/me/following/contains",
    user(["user-follow-read"], (_m, ctx) => {
      const type = ctx.url.searchParams.get("type");
      if (type !== "artist" && type !== "user") return apiError(400, "Invalid type");
      const { catalog } = ctx.objects;
      if (type === "user") {
        // User ids are not base62: check them as given.
        const ids = (ctx.url.searchParams.get("ids") ?? "").split(",").filter(Boolean);
        if (ids.length === 0 || ids.length > 50) return apiError(400, "invalid id");
        return json(ids.map((id) => catalog.library.followed_users.includes(id)));
      }
      return contains(ctx, 50, (id) => catalog.user.followed_artists.includes(id));
    }),
    { development: "forbidden" },
  ),
];
