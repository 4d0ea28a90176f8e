/**
 * Shows, episodes, audiobooks and chapters as the Web API draws them (OpenAPI `ShowBase`,
 * `EpisodeBase`, `AudiobookBase`, `ChapterBase`), in the shape of each mode: Development Mode lacks
 * `available_markets` and `publisher` (`spotify-web-api.md` §3.3).
 *
 * @module
 */
import type {
  CatalogAudiobook,
  CatalogChapter,
  CatalogEpisode,
  CatalogShow,
} from "./catalog_types.ts";
import { type DrawContext, type Json, links } from "./objects.ts";

const html = (text: string) => `<p>${text}</p>`;

/** What a show has in every shape. */
export function showSimple(show: CatalogShow, ctx: DrawContext): Json {
  const out: Json = {
    copyrights: show.copyrights,
    description: show.description,
    html_description: html(show.description),
    explicit: show.explicit,
    ...links("show", show.id, ctx),
    images: show.images,
    is_externally_hosted: false,
    languages: show.languages,
    media_type: show.media_type,
    name: show.name,
    total_episodes: show.episodes.length,
  };
  if (ctx.mode === "extended") {
    out.available_markets = show.available_markets;
    out.publisher = show.publisher;
  }
  return out;
}

/** A full show with the first page of its episodes. */
export function showFull(show: CatalogShow, ctx: DrawContext, episodesPage: Json): Json {
  return { ...showSimple(show, ctx), episodes: episodesPage };
}

/**
 * A simplified episode. `is_playable` is always there (the OpenAPI requires it); with a market it
 * says whether the show is sold there. `resume_point` only for a user token that may read it.
 */
export function episodeSimple(episode: CatalogEpisode, show: CatalogShow, ctx: DrawContext): Json {
  return {
    audio_preview_url: null,
    description: episode.description,
    html_description: html(episode.description),
    duration_ms: episode.duration_ms,
    explicit: episode.explicit,
    ...links("episode", episode.id, ctx),
    images: show.images,
    is_externally_hosted: false,
    is_playable: ctx.market === undefined || show.available_markets.includes(ctx.market),
    languages: show.languages,
    name: episode.name,
    release_date: episode.release_date,
    release_date_precision: episode.release_date_precision,
    ...resumePoint(episode.id, ctx),
  };
}

/** A full episode: the simplified one with its show. */
export function episodeFull(episode: CatalogEpisode, show: CatalogShow, ctx: DrawContext): Json {
  return { ...episodeSimple(episode, show, ctx), show: showSimple(show, ctx) };
}

/** What an audiobook has in every shape. */
export function audiobookSimple(book: CatalogAudiobook, ctx: DrawContext): Json {
  const out: Json = {
    authors: book.authors.map((name) => ({ name })),
    copyrights: book.copyrights,
    description: book.description,
    html_description: html(book.description),
    edition: book.edition,
    explicit: book.explicit,
    ...links("audiobook", book.id, ctx),
    images: book.images,
    languages: book.languages,
    media_type: "audio",
    name: book.name,
    narrators: book.narrators.map((name) => ({ name })),
    total_chapters: book.chapters.length,
  };
  if (ctx.mode === "extended") {
    out.available_markets = book.available_markets;
    out.publisher = book.publisher;
  }
  return out;
}

/** A full audiobook with the first page of its chapters. */
export function audiobookFull(book: CatalogAudiobook, ctx: DrawContext, chaptersPage: Json): Json {
  return { ...audiobookSimple(book, ctx), chapters: chaptersPage };
}

/**
 * A simplified chapter. As in Spotify's own examples and the OpenAPI enum, a chapter's `type` is
 * `"episode"` and its URI `spotify:episode:...`; its `href` points at `/chapters/{id}`.
 */
export function chapterSimple(
  chapter: CatalogChapter,
  book: CatalogAudiobook,
  ctx: DrawContext,
): Json {
  const out: Json = {
    audio_preview_url: null,
    chapter_number: chapter.chapter_number,
    description: chapter.description,
    html_description: html(chapter.description),
    duration_ms: chapter.duration_ms,
    explicit: book.explicit,
    external_urls: { spotify: `https://open.spotify.com/episode/${chapter.id}` },
    href: `${ctx.base}/chapters/${chapter.id}`,
    id: chapter.id,
    images: book.images,
    is_playable: ctx.market === undefined || book.available_markets.includes(ctx.market),
    languages: book.languages,
    name: chapter.name,
    release_date: book.release_date,
    release_date_precision: "day",
    type: "episode",
    uri: `spotify:episode:${chapter.id}`,
    ...resumePoint(chapter.id, ctx),
  };
  if (ctx.mode === "extended" && ctx.market === undefined) {
    out.available_markets = book.available_markets;
  }
  return out;
}

/** A full chapter: the simplified one with its audiobook. */
export function chapterFull(
  chapter: CatalogChapter,
  book: CatalogAudiobook,
  ctx: DrawContext,
): Json {
  return { ...chapterSimple(chapter, book, ctx), audiobook: audiobookSimple(book, ctx) };
}

function resumePoint(id: string, ctx: DrawContext): Json {
  if (ctx.resumePoints === undefined) return {};
  return {
    resume_point: ctx.resumePoints.get(id) ?? { fully_played: false, resume_position_ms: 0 },
  };
}
