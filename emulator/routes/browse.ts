/**
 * Browse and markets, all removed for Development Mode apps in 2026: new releases, categories (one
 * per genre of the catalog's artists) and the markets list.
 *
 * @module
 */
import { apiError, json, pageOf } from "../http.ts";
import type { CatalogObjects, DrawContext, Json } from "../objects.ts";
import { get, PAGE_20_50, type RouteSpec } from "./route.ts";

/** The categories: each artist's main genre, as a category id (`hip-hop`) and name (`Hip Hop`). */
function categories(objects: CatalogObjects): { id: string; name: string }[] {
  const genres = [...new Set(objects.catalog.artists.map((a) => a.genres[0]!))].sort();
  return genres.map((genre) => ({
    id: genre.replace(/[^a-z]+/g, "-"),
    name: genre.replace(/\b[a-z]/g, (c) => c.toUpperCase()),
  }));
}

function category(c: { id: string; name: string }, draw: DrawContext): Json {
  return {
    href: `${draw.base}/browse/categories/${c.id}`,
    icons: [{ url: `https://t.scdn.co/images/category-${c.id}.jpg`, height: 274, width: 274 }],
    id: c.id,
    name: c.name,
  };
}

/** The browse routes. */
export const browseRoutes: RouteSpec[] = [
  get("/browse/new-releases", (_m, ctx) => {
    const rows = [...ctx.objects.catalog.albums].sort((a, b) =>
      b.release_date.localeCompare(a.release_date)
    );
    const body = pageOf(ctx.url, rows, PAGE_20_50, (a) => ctx.objects.albumSimple(a, ctx.draw));
    return body instanceof Response ? body : json({ albums: body });
  }, { development: "forbidden" }),
  get("/browse/categories", (_m, ctx) => {
    const body = pageOf(ctx.url, categories(ctx.objects), PAGE_20_50, (c) => category(c, ctx.draw));
    return body instanceof Response ? body : json({ categories: body });
  }, { development: "forbidden" }),
  get("/browse/categories/{id}", (m, ctx) => {
    const found = categories(ctx.objects).find((c) => c.id === m[1]);
    return found ? json(category(found, ctx.draw)) : apiError(404, "Resource not found");
  }, { development: "forbidden" }),
  get(
    "/markets",
    (_m, ctx) => json({ markets: ctx.objects.catalog.markets }),
    { development: "forbidden" },
  ),
];
