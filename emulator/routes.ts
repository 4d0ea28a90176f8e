/**
 * The emulator's routes, one file per resource in `routes/`: every `GET` operation of Spotify's
 * OpenAPI description, with the mode rules of `spotify-web-api.md` §3 (the 2026 removals answer
 * 403 `Forbidden` in Development Mode; the 2024 removals answer as §3.5 records in both modes).
 *
 * @module
 */
import type { EmulatorMode } from "./objects.ts";
import { compile, type Route, type RouteSpec } from "./routes/route.ts";
import { albumRoutes } from "./routes/albums.ts";
import { artistRoutes } from "./routes/artists.ts";
import { audiobookRoutes } from "./routes/audiobooks.ts";
import { browseRoutes } from "./routes/browse.ts";
import { libraryRoutes } from "./routes/library.ts";
import { playerRoutes } from "./routes/player.ts";
import { playlistRoutes } from "./routes/playlists.ts";
import { removedRoutes } from "./routes/removed.ts";
import { searchRoutes } from "./routes/search.ts";
import { showRoutes } from "./routes/shows.ts";
import { userRoutes } from "./routes/users.ts";

export type { Route, RouteContext } from "./routes/route.ts";

/** Every declared route, in match order (the patterns are anchored, so order does not matter). */
export const ROUTE_SPECS: readonly RouteSpec[] = [
  ...removedRoutes,
  ...searchRoutes,
  ...artistRoutes,
  ...albumRoutes,
  ...playlistRoutes,
  ...showRoutes,
  ...audiobookRoutes,
  ...browseRoutes,
  ...userRoutes,
  ...libraryRoutes,
  ...playerRoutes,
];

/**
 * The routes for one mode.
 *
 * @param mode The app mode emulated.
 * @returns Routes in match order.
 */
export function routes(mode: EmulatorMode): Route[] {
  return ROUTE_SPECS.map((spec) => compile(spec, mode));
}
