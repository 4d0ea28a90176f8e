/**
 * The player, read-only: playback state, devices, what is playing, the queue, and the 50 most
 * recent plays. The sample listener's phone plays a track from their own playlist.
 *
 * @module
 */
import type { CatalogPlayable } from "../catalog_types.ts";
import { apiError, json } from "../http.ts";
import type { Json } from "../objects.ts";
import { episodeFull } from "../spoken_objects.ts";
import { get, type RouteContext, type RouteSpec, user } from "./route.ts";

const STATE = ["user-read-playback-state"];
const CURRENT = ["user-read-currently-playing", "user-read-playback-state"];

/** A track or an episode, full. */
function playable(ctx: RouteContext, p: CatalogPlayable): Json {
  if (p.type === "episode") {
    const { episode, show } = ctx.objects.episodes.get(p.id)!;
    return episodeFull(episode, show, ctx.draw);
  }
  const { track, album } = ctx.objects.tracks.get(p.id)!;
  return ctx.objects.trackFull(track, album, ctx.draw);
}

function playlistContext(ctx: RouteContext, id: string): Json {
  return {
    type: "playlist",
    href: `${ctx.draw.base}/playlists/${id}`,
    external_urls: { spotify: `https://open.spotify.com/playlist/${id}` },
    uri: `spotify:playlist:${id}`,
  };
}

/**
 * What is playing. An episode shows only when `additional_types` names `episode` (else `item` is
 * null), as the OpenAPI file describes. `actions` is left out: the OpenAPI file and real answers
 * disagree on its shape (`DisallowsObject` there, `{disallows: {...}}` in real answers) and
 * `spotify-web-api.md` does not settle it.
 */
function nowPlaying(ctx: RouteContext): Json {
  const player = ctx.objects.catalog.player;
  const types = (ctx.url.searchParams.get("additional_types") ?? "track").split(",");
  return {
    context: player.context_playlist === null
      ? null
      : playlistContext(ctx, player.context_playlist),
    timestamp: Date.parse(ctx.objects.catalog.now),
    progress_ms: player.progress_ms,
    is_playing: player.is_playing,
    item: types.includes(player.item.type) ? playable(ctx, player.item) : null,
    currently_playing_type: player.item.type,
  };
}

/** The player routes. */
export const playerRoutes: RouteSpec[] = [
  get(
    "/me/player",
    user(STATE, (_m, ctx) => {
      const player = ctx.objects.catalog.player;
      const device = player.devices.find((d) => d.is_active);
      // No active device: 204 and no body, as the real service answers.
      if (!device) return new Response(null, { status: 204 });
      return json({
        device,
        repeat_state: player.repeat_state,
        shuffle_state: player.shuffle_state,
        ...nowPlaying(ctx),
      });
    }),
  ),
  get(
    "/me/player/devices",
    user(STATE, (_m, ctx) => json({ devices: ctx.objects.catalog.player.devices })),
  ),
  get("/me/player/currently-playing", user(CURRENT, (_m, ctx) => json(nowPlaying(ctx)))),
  get(
    "/me/player/queue",
    user(CURRENT, (_m, ctx) => {
      const player = ctx.objects.catalog.player;
      return json({
        currently_playing: playable(ctx, player.item),
        queue: player.queue.map((p) => playable(ctx, p)),
      });
    }),
  ),
  get(
    "/me/player/recently-played",
    user(["user-read-recently-played"], (_m, ctx) => recentlyPlayed(ctx)),
  ),
];

/**
 * Cursor paging over the 50 most recent plays (`before`/`after` are Unix ms). As the real service
 * does (`spotify-web-api.md` §2.5, §4), and unlike the OpenAPI file: no `total`, `next` is null on
 * the last page, `cursors` is null on an empty page, and `context` is null for plays outside one.
 */
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
    track: playable(ctx, { type: "track", id: p.track_id }),
    played_at: p.played_at,
    context: p.context_playlist === null ? null : playlistContext(ctx, p.context_playlist),
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
