/**
 * Audiobooks and chapters: one, several (Extended only), an audiobook's chapters. A user token with
 * `user-read-playback-position` adds each chapter's `resume_point`.
 *
 * @module
 */
import { json, lookup, page, pageOf, respond } from "../http.ts";
import type { CatalogAudiobook } from "../catalog_types.ts";
import type { Json } from "../objects.ts";
import { audiobookFull, chapterFull, chapterSimple } from "../spoken_objects.ts";
import { batch, get, PAGE_20_50, type RouteContext, type RouteSpec } from "./route.ts";

/** A full audiobook with the first page (50) of its chapters, in order. */
export function audiobookWithChapters(ctx: RouteContext, book: CatalogAudiobook): Json {
  const first = page(
    new URL(`${ctx.draw.base}/audiobooks/${book.id}/chapters`),
    book.chapters,
    0,
    50,
    (c) => chapterSimple(c, book, ctx.draw),
  );
  return audiobookFull(book, ctx.draw, first);
}

/** The audiobook and chapter routes. */
export const audiobookRoutes: RouteSpec[] = [
  get(
    "/audiobooks",
    (_m, ctx) =>
      batch(ctx, 50, "audiobooks", ctx.objects.audiobooks, (b) => audiobookWithChapters(ctx, b)),
    { development: "forbidden" },
  ),
  get("/audiobooks/{id}", (m, ctx) => {
    const book = lookup(ctx.objects.audiobooks, m[1]!);
    return book instanceof Response ? book : json(audiobookWithChapters(ctx, book));
  }),
  get("/audiobooks/{id}/chapters", (m, ctx) => {
    const book = lookup(ctx.objects.audiobooks, m[1]!);
    if (book instanceof Response) return book;
    return respond(
      pageOf(ctx.url, book.chapters, PAGE_20_50, (c) => chapterSimple(c, book, ctx.draw)),
    );
  }),
  get(
    "/chapters",
    (_m, ctx) =>
      batch(
        ctx,
        50,
        "chapters",
        ctx.objects.chapters,
        ({ chapter, audiobook }) => chapterFull(chapter, audiobook, ctx.draw),
      ),
    { development: "forbidden" },
  ),
  get("/chapters/{id}", (m, ctx) => {
    const found = lookup(ctx.objects.chapters, m[1]!);
    return found instanceof Response
      ? found
      : json(chapterFull(found.chapter, found.audiobook, ctx.draw));
  }),
];
