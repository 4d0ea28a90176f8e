/**
 * Podcasts and audiobooks: shows and their episodes, audiobooks and their chapters, one at a time
 * or several at once (one request per id in Development Mode, as for albums).
 *
 * @module
 */
import { id, type Kit, one, pageSize } from "./_endpoint_kit.ts";
import { collect } from "./_paging.ts";
import type { PagedEndpoints, SpotifyClient } from "./spotify_client.ts";
import type { Audiobook, Chapter, Episode, Show } from "./types.ts";

type Paged = "showEpisodes" | "audiobookChapters";
type Methods =
  | Paged
  | "show"
  | "shows"
  | "episode"
  | "episodes"
  | "audiobook"
  | "audiobooks"
  | "chapter"
  | "chapters";

/**
 * The podcast and audiobook methods.
 *
 * @param kit The endpoints' kit.
 * @returns The paged endpoints as iterators, and every method.
 */
export function podcastEndpoints(
  kit: Kit,
): { iterate: Pick<PagedEndpoints, Paged>; methods: Pick<SpotifyClient, Methods> } {
  const iterate: Pick<PagedEndpoints, Paged> = {
    async *showEpisodes(showId, { market, ...rest } = {}) {
      yield* kit.paginate<Episode>(
        `/shows/${id(showId, "show")}/episodes`,
        { limit: pageSize(undefined, kit.mode()), market },
        rest,
      );
    },
    async *audiobookChapters(bookId, { market, ...rest } = {}) {
      yield* kit.paginate<Chapter>(
        `/audiobooks/${id(bookId, "audiobook")}/chapters`,
        { limit: pageSize(undefined, kit.mode()), market },
        rest,
      );
    },
  };

  const methods: Pick<SpotifyClient, Methods> = {
    show: async (showId, { market, ...options } = {}) =>
      await one<Show>(kit, `/shows/${id(showId, "show")}`, { market }, options),
    shows: async (ids, options = {}) => await kit.several<Show>("shows", ids, options),
    showEpisodes: async (showId, options) => await collect(iterate.showEpisodes(showId, options)),
    episode: async (episodeId, { market, ...options } = {}) =>
      await one<Episode>(kit, `/episodes/${id(episodeId, "episode")}`, { market }, options),
    episodes: async (ids, options = {}) => await kit.several<Episode>("episodes", ids, options),
    audiobook: async (bookId, { market, ...options } = {}) =>
      await one<Audiobook>(kit, `/audiobooks/${id(bookId, "audiobook")}`, { market }, options),
    audiobooks: async (ids, options = {}) =>
      await kit.several<Audiobook>("audiobooks", ids, options),
    audiobookChapters: async (bookId, options) =>
      await collect(iterate.audiobookChapters(bookId, options)),
    chapter: async (chapterId, { market, ...options } = {}) =>
      await one<Chapter>(kit, `/chapters/${id(chapterId, "chapter")}`, { market }, options),
    chapters: async (ids, options = {}) => await kit.several<Chapter>("chapters", ids, options),
  };
  return { iterate, methods };
}
