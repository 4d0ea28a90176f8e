/**
 * The emulator's routes: catalog (search, artists, albums, tracks, playlists, the batch endpoints),
 * the endpoints Spotify removed (answered as §3.5 of `spotify-web-api.md` records), and the user's
 * own data (`/me/...`).
 *
 * @module
 */
import type { Grant } from "./auth.ts";
import type { CatalogPlaylist } from "./catalog_types.ts";
import { apiError, json, lookup, page, pageOf, respond } from "./http.ts";
import type { CatalogObjects, DrawContext, EmulatorMode, Json } from "./objects.ts";

/** What a route handler gets. */
export interface RouteContext {
  url: URL;
  grant: Grant;
  draw: DrawContext;
  objects: CatalogObjects;
}

/** A route: a name for the counters, a path pattern (after `/v1`), a handler. */
export type Route = [
  name: string,
  pattern: RegExp,
  handle: (match: RegExpMatchArray, ctx: RouteContext) => Response,
];

const SEARCH_TYPES = ["album", "artist", "playlist", "track"];
const TIME_RANGES = ["short_term", "medium_term", "long_term"];

/** The 2026 Development Mode removals: 403 `Forbidden`. */
const FORBIDDEN_IN_DEVELOPMENT: [string, RegExp][] = [
  ["GET /artists/{id}/top-tracks", /^\/artists\/[^/]+\/top-tracks$/],
  ["GET /browse/new-releases", /^\/browse\/new-releases$/],
  ["GET /browse/categories", /^\/browse\/categories(\/[^/]+)?$/],
  ["GET /markets", /^\/markets$/],
  ["GET /users/{id}/playlists", /^\/users\/[^/]+\/playlists$/],
  ["GET /users/{id}", /^\/users\/[^/]+$/],
  ["GET /playlists/{id}/tracks", /^\/playlists\/[^/]+\/tracks$/],
];

/** The 2024 removals, for every new app in both modes. */
const REMOVED_2024: [string, RegExp, () => Response][] = [
  [
    "GET /artists/{id}/related-artists",
    /^\/artists\/[^/]+\/related-artists$/,
    () => apiError(404, "Not Found"),
  ],
  [
    "GET /recommendations",
    /^\/recommendations(\/available-genre-seeds)?$/,
    () => apiError(404, "Not Found"),
  ],
  ["GET /audio-features", /^\/audio-features(\/[^/]+)?$/, () => apiError(403)],
  ["GET /audio-analysis/{id}", /^\/audio-analysis\/[^/]+$/, () => apiError(403)],
  [
    "GET /browse/featured-playlists",
    /^\/browse\/featured-playlists$/,
    () => apiError(404, "Not Found"),
  ],
  [
    "GET /browse/categories/{id}/playlists",
    /^\/browse\/categories\/[^/]+\/playlists$/,
    () => apiError(404, "Not Found"),
  ],
];

/**
 * The routes for one mode.
 *
 * @param mode The app mode emulated.
 * @returns Routes in match order.
 */
export function routes(mode: EmulatorMode): Route[] {
  const dev = mode === "development";
  const removed: Route[] = REMOVED_2024.map(([name, pattern, answer]) => [name, pattern, answer]);
  const forbidden: Route[] = dev
    ? FORBIDDEN_IN_DEVELOPMENT.map((
      [name, pattern],
    ) => [name, pattern, () => apiError(403, "Forbidden")])
    : [];
  const searchMax = dev ? 10 : 50;
  const artistAlbumsMax = dev ? 10 : 50;

  return [
    ...removed,
    ...forbidden,
    ["GET /search", /^\/search$/, (_m, ctx) => search(ctx, dev ? 5 : 20, searchMax)],
    [
      "GET /artists",
      /^\/artists$/,
      (_m, ctx) =>
        batch(
          ctx,
          dev,
          50,
          "artists",
          ctx.objects.artists,
          (a) => ctx.objects.artistFull(a, ctx.draw),
        ),
    ],
    ["GET /artists/{id}/albums", /^\/artists\/([^/]+)\/albums$/, (m, ctx) => {
      const artist = lookup(ctx.objects.artists, m[1]!);
      if (artist instanceof Response) return artist;
      const groups =
        (ctx.url.searchParams.get("include_groups") ?? "album,single,compilation,appears_on").split(
          ",",
        );
      const rows = ctx.objects.artistAlbums.get(artist.id)!.filter((row) =>
        groups.includes(row.group)
      );
      return respond(
        pageOf(
          ctx.url,
          rows,
          { defaultLimit: 5, maxLimit: artistAlbumsMax },
          (row) => ctx.objects.albumSimple(row.album, ctx.draw, row.group),
        ),
      );
    }],
    ["GET /artists/{id}/top-tracks", /^\/artists\/([^/]+)\/top-tracks$/, (m, ctx) => {
      const artist = lookup(ctx.objects.artists, m[1]!);
      if (artist instanceof Response) return artist;
      const tracks = [...ctx.objects.tracks.values()]
        .filter(({ track }) => track.artist_ids[0] === artist.id)
        .sort((a, b) =>
          b.track.popularity - a.track.popularity || (a.track.id < b.track.id ? -1 : 1)
        )
        .slice(0, 10);
      return json({
        tracks: tracks.map(({ track, album }) => ctx.objects.trackFull(track, album, ctx.draw)),
      });
    }],
    ["GET /artists/{id}", /^\/artists\/([^/]+)$/, (m, ctx) => {
      const artist = lookup(ctx.objects.artists, m[1]!);
      return artist instanceof Response ? artist : json(ctx.objects.artistFull(artist, ctx.draw));
    }],
    [
      "GET /albums",
      /^\/albums$/,
      (_m, ctx) => batch(ctx, dev, 20, "albums", ctx.objects.albums, (a) => albumFull(ctx, a.id)!),
    ],
    ["GET /albums/{id}/tracks", /^\/albums\/([^/]+)\/tracks$/, (m, ctx) => {
      const album = lookup(ctx.objects.albums, m[1]!);
      if (album instanceof Response) return album;
      return respond(
        pageOf(
          ctx.url,
          album.tracks,
          { defaultLimit: 20, maxLimit: 50 },
          (t) => ctx.objects.trackSimple(t, album, ctx.draw),
        ),
      );
    }],
    ["GET /albums/{id}", /^\/albums\/([^/]+)$/, (m, ctx) => {
      const album = lookup(ctx.objects.albums, m[1]!);
      return album instanceof Response ? album : json(albumFull(ctx, album.id));
    }],
    [
      "GET /tracks",
      /^\/tracks$/,
      (_m, ctx) =>
        batch(
          ctx,
          dev,
          50,
          "tracks",
          ctx.objects.tracks,
          (t) => ctx.objects.trackFull(t.track, t.album, ctx.draw),
        ),
    ],
    ["GET /tracks/{id}", /^\/tracks\/([^/]+)$/, (m, ctx) => {
      const found = lookup(ctx.objects.tracks, m[1]!);
      return found instanceof Response
        ? found
        : json(ctx.objects.trackFull(found.track, found.album, ctx.draw));
    }],
    [
      "GET /playlists/{id}/items",
      /^\/playlists\/([^/]+)\/items$/,
      (m, ctx) => playlistEntries(ctx, m[1]!, dev),
    ],
    [
      "GET /playlists/{id}/tracks",
      /^\/playlists\/([^/]+)\/tracks$/,
      (m, ctx) => playlistEntries(ctx, m[1]!, dev),
    ],
    ["GET /playlists/{id}", /^\/playlists\/([^/]+)$/, (m, ctx) => {
      const playlist = lookup(ctx.objects.playlists, m[1]!);
      if (playlist instanceof Response) return playlist;
      const visible = !dev || canSeeEntries(ctx.grant, playlist);
      const key = dev ? "items" : "tracks";
      const first = visible
        ? page(
          new URL(`${ctx.draw.base}/playlists/${playlist.id}/${key}`),
          playlist.items,
          0,
          100,
          (e) => ctx.objects.playlistEntry(e, ctx.draw),
        )
        : undefined;
      return json(ctx.objects.playlist(playlist, ctx.draw, first));
    }],
    ["GET /markets", /^\/markets$/, (_m, ctx) => json({ markets: ctx.objects.catalog.markets })],
    [
      "GET /users/{id}",
      /^\/users\/([^/]+)$/,
      (m, ctx) =>
        ctx.objects.users.has(m[1]!)
          ? json({
            ...ctx.objects.userPublic(m[1]!, ctx.draw),
            images: [],
            followers: { href: null, total: ctx.objects.users.get(m[1]!)!.followers },
          })
          : apiError(404, "Resource not found"),
    ],
    ["GET /browse/new-releases", /^\/browse\/new-releases$/, (_m, ctx) => {
      const rows = [...ctx.objects.catalog.albums].sort((a, b) =>
        b.release_date.localeCompare(a.release_date)
      );
      const body = pageOf(
        ctx.url,
        rows,
        { defaultLimit: 20, maxLimit: 50 },
        (a) => ctx.objects.albumSimple(a, ctx.draw),
      );
      return body instanceof Response ? body : json({ albums: body });
    }],
    ...userRoutes(),
  ];
}

function albumFull(ctx: RouteContext, id: string): Json | undefined {
  const album = ctx.objects.albums.get(id);
  if (!album) return undefined;
  const tracksUrl = new URL(`${ctx.draw.base}/albums/${album.id}/tracks`);
  const first = page(
    tracksUrl,
    album.tracks,
    0,
    50,
    (t) => ctx.objects.trackSimple(t, album, ctx.draw),
  );
  return ctx.objects.albumFull(album, ctx.draw, first);
}

/** `GET /{type}?ids=`: Extended only; unknown ids become `null` entries, as the real service does. */
function batch<T>(
  ctx: RouteContext,
  dev: boolean,
  max: number,
  key: string,
  map: Map<string, T>,
  draw: (item: T) => Json,
): Response {
  if (dev) return apiError(403, "Forbidden");
  const ids = (ctx.url.searchParams.get("ids") ?? "").split(",").filter(Boolean);
  if (ids.length === 0) return apiError(400, "invalid id");
  if (ids.length > max) return apiError(400, "Too many ids requested");
  if (ids.some((id) => !/^[0-9A-Za-z]{22}$/.test(id))) return apiError(400, "Invalid base62 id");
  return json({ [key]: ids.map((id) => (map.has(id) ? draw(map.get(id)!) : null)) });
}

function canSeeEntries(grant: Grant, playlist: CatalogPlaylist): boolean {
  return grant.userId !== undefined &&
    (playlist.owner_id === grant.userId || playlist.collaborative);
}

function playlistEntries(ctx: RouteContext, id: string, dev: boolean): Response {
  const playlist = lookup(ctx.objects.playlists, id);
  if (playlist instanceof Response) return playlist;
  if (dev && !canSeeEntries(ctx.grant, playlist)) return apiError(403, "Forbidden");
  return respond(
    pageOf(
      ctx.url,
      playlist.items,
      { defaultLimit: 20, maxLimit: 50 },
      (e) => ctx.objects.playlistEntry(e, ctx.draw),
    ),
  );
}

function search(ctx: RouteContext, defaultLimit: number, maxLimit: number): Response {
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
  const rank = <T>(rows: T[], name: (row: T) => string, score: (row: T) => number) =>
    rows.sort((a, b) =>
      exact(name(b)) - exact(name(a)) || score(b) - score(a) || name(a).localeCompare(name(b))
    );
  const limits = { defaultLimit, maxLimit, maxOffset: 1000 };
  const body: Json = {};
  for (const type of types) {
    let result: Json | Response;
    if (type === "artist") {
      const rows = rank(
        objects.catalog.artists.filter((a) => matches(a.name)),
        (a) => a.name,
        (a) => a.popularity,
      );
      result = pageOf(url, rows, limits, (a) => objects.artistFull(a, draw));
    } else if (type === "album") {
      const rows = rank(
        objects.catalog.albums.filter((a) => matches(a.name, ...a.artist_ids.map(artistName))),
        (a) => a.name,
        (a) => a.popularity,
      );
      result = pageOf(url, rows, limits, (a) => objects.albumSimple(a, draw));
    } else if (type === "track") {
      const rows = rank(
        [...objects.tracks.values()].filter(({ track }) =>
          matches(track.name, ...track.artist_ids.map(artistName))
        ),
        (row) => row.track.name,
        (row) => row.track.popularity,
      );
      result = pageOf(url, rows, limits, (row) => objects.trackFull(row.track, row.album, draw));
    } else {
      const rows = rank(
        objects.catalog.playlists.filter((p) => matches(p.name)),
        (p) => p.name,
        () => 0,
      );
      result = pageOf(url, rows, limits, (p) => objects.playlistSimple(p, draw));
    }
    if (result instanceof Response) return result;
    body[`${type}s`] = result;
  }
  return json(body);
}

// ----- the user's own data ------------------------------------------------------------------------

function userRoutes(): Route[] {
  /** Wraps a handler: needs a user token, and `scope` when given. */
  const user = (scope: string | undefined, handle: Route[2]): Route[2] => (m, ctx) => {
    if (ctx.grant.userId === undefined) {
      return apiError(401, "This request requires user authentication.");
    }
    if (scope !== undefined && !ctx.grant.scopes.has(scope)) {
      return apiError(403, "Insufficient client scope");
    }
    return handle(m, ctx);
  };
  const listening = (ctx: RouteContext) => ctx.objects.catalog.user;
  const trackOf = (ctx: RouteContext, id: string) => {
    const { track, album } = ctx.objects.tracks.get(id)!;
    return ctx.objects.trackFull(track, album, ctx.draw);
  };
  return [
    [
      "GET /me",
      /^\/me$/,
      user(
        undefined,
        (_m, ctx) =>
          json(ctx.objects.userPrivate(ctx.objects.users.get(ctx.grant.userId!)!, ctx.draw)),
      ),
    ],
    [
      "GET /me/top/{type}",
      /^\/me\/top\/(artists|tracks)$/,
      user("user-top-read", (m, ctx) => {
        const range = ctx.url.searchParams.get("time_range") ?? "medium_term";
        if (!TIME_RANGES.includes(range)) return apiError(400, "Invalid time range");
        const ids = listening(ctx).top[m[1] as "artists" | "tracks"][range] ?? [];
        return respond(
          pageOf(
            ctx.url,
            ids,
            { defaultLimit: 20, maxLimit: 50 },
            (id) =>
              m[1] === "artists"
                ? ctx.objects.artistFull(ctx.objects.artists.get(id)!, ctx.draw)
                : trackOf(ctx, id),
          ),
        );
      }),
    ],
    [
      "GET /me/player/recently-played",
      /^\/me\/player\/recently-played$/,
      user("user-read-recently-played", (_m, ctx) => recentlyPlayed(ctx)),
    ],
    [
      "GET /me/tracks",
      /^\/me\/tracks$/,
      user("user-library-read", (_m, ctx) =>
        respond(
          pageOf(ctx.url, listening(ctx).saved_tracks, { defaultLimit: 20, maxLimit: 50 }, (s) => ({
            added_at: s.added_at,
            track: trackOf(ctx, s.track_id),
          })),
        )),
    ],
    [
      "GET /me/albums",
      /^\/me\/albums$/,
      user("user-library-read", (_m, ctx) =>
        respond(
          pageOf(ctx.url, listening(ctx).saved_albums, { defaultLimit: 20, maxLimit: 50 }, (s) => ({
            added_at: s.added_at,
            album: albumFull(ctx, s.album_id),
          })),
        )),
    ],
    [
      "GET /me/playlists",
      /^\/me\/playlists$/,
      user("playlist-read-private", (_m, ctx) => {
        const rows = ctx.objects.catalog.playlists.filter((p) =>
          p.owner_id === ctx.grant.userId || p.public || p.collaborative
        );
        return respond(
          pageOf(
            ctx.url,
            rows,
            { defaultLimit: 20, maxLimit: 50 },
            (p) => ctx.objects.playlistSimple(p, ctx.draw),
          ),
        );
      }),
    ],
    [
      "GET /me/following",
      /^\/me\/following$/,
      user("user-follow-read", (_m, ctx) => {
        if (ctx.url.searchParams.get("type") !== "artist") return apiError(400, "Invalid type");
        const ids = listening(ctx).followed_artists;
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
            items: slice.map((id) =>
              ctx.objects.artistFull(ctx.objects.artists.get(id)!, ctx.draw)
            ),
            limit,
            next: next?.href ?? null,
            cursors: slice.length ? { after: slice.at(-1)! } : null,
            total: ids.length,
          },
        });
      }),
    ],
  ];
}

/** Cursor paging over the 50 most recent plays (`before`/`after` are Unix ms). */
function recentlyPlayed(ctx: RouteContext): Response {
  const plays = ctx.objects.catalog.user.recently_played; // newest first
  const q = ctx.url.searchParams;
  const limit = Number(q.get("limit") ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) return apiError(400, "Invalid limit");
  if (q.has("before") && q.has("after")) {
    return apiError(400, "Only one of before or after may be given");
  }
  const before = q.has("before") ? Number(q.get("before")) : undefined;
  const after = q.has("after") ? Number(q.get("after")) : undefined;
  if ([before, after].some((v) => v !== undefined && !Number.isFinite(v))) {
    return apiError(400, "Invalid cursor");
  }
  const at = (p: { played_at: string }) => Date.parse(p.played_at);
  let rows = plays.filter((p) =>
    (before === undefined || at(p) < before) && (after === undefined || at(p) > after)
  );
  rows = after !== undefined ? rows.slice(-limit) : rows.slice(0, limit);
  const items = rows.map((p) => ({
    track: (() => {
      const { track, album } = ctx.objects.tracks.get(p.track_id)!;
      return ctx.objects.trackFull(track, album, ctx.draw);
    })(),
    played_at: p.played_at,
    context: p.context_playlist === null ? null : {
      type: "playlist",
      href: `${ctx.draw.base}/playlists/${p.context_playlist}`,
      external_urls: { spotify: `https://open.spotify.com/playlist/${p.context_playlist}` },
      uri: `spotify:playlist:${p.context_playlist}`,
    },
  }));
  const oldest = rows.at(-1);
  const newest = rows[0];
  const next = oldest && plays.some((p) => at(p) < at(oldest)) ? new URL(ctx.url) : null;
  if (next && oldest) {
    next.searchParams.delete("after");
    next.searchParams.set("before", String(at(oldest)));
  }
  return json({
    href: ctx.url.href,
    items,
    limit,
    next: next?.href ?? null,
    cursors: newest && oldest ? { after: String(at(newest)), before: String(at(oldest)) } : null,
  });
}
