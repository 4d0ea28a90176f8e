/**
 * Shows and episodes: one, several (Extended only), a show's episodes. They answer app tokens too;
 * a user token with `user-read-playback-position` adds each episode's `resume_point`.
 *
 * @module
 */
import { json, lookup, page, pageOf, respond } from "../http.ts";
import type { CatalogShow } from "../catalog_types.ts";
import type { Json } from "../objects.ts";
import { episodeFull, episodeSimple, showFull, showSimple } from "../spoken_objects.ts";
import { batch, get, PAGE_20_50, type RouteContext, type RouteSpec } from "./route.ts";

/** A full show with the first page (50) of its episodes, newest first. */
export function showWithEpisodes(ctx: RouteContext, show: CatalogShow): Json {
  const first = page(
    new URL(`${ctx.draw.base}/shows/${show.id}/episodes`),
    show.episodes,
    0,
    50,
    (e) => episodeSimple(e, show, ctx.draw),
  );
  return showFull(show, ctx.draw, first);
}

/** The show and episode routes. */
export const showRoutes: RouteSpec[] = [
  get(
    "/shows",
    (_m, ctx) => batch(ctx, 50, "shows", ctx.objects.shows, (s) => showSimple(s, ctx.draw)),
    { development: "forbidden" },
  ),
  get("/shows/{id}", (m, ctx) => {
    const show = lookup(ctx.objects.shows, m[1]!);
    return show instanceof Response ? show : json(showWithEpisodes(ctx, show));
  }),
  get("/shows/{id}/episodes", (m, ctx) => {
    const show = lookup(ctx.objects.shows, m[1]!);
    if (show instanceof Response) return show;
    return respond(
      pageOf(ctx.url, show.episodes, PAGE_20_50, (e) => episodeSimple(e, show, ctx.draw)),
    );
  }),
  get(
    "/episodes",
    (_m, ctx) =>
      batch(
        ctx,
        50,
        "episodes",
        ctx.objects.episodes,
        ({ episode, show }) => episodeFull(episode, show, ctx.draw),
      ),
    { development: "forbidden" },
  ),
  get("/episodes/{id}", (m, ctx) => {
    const found = lookup(ctx.objects.episodes, m[1]!);
    return found instanceof Response
      ? found
      : json(episodeFull(found.episode, found.show, ctx.draw));
  }),
];
