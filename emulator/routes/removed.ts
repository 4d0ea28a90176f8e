/**
 * The endpoints Spotify removed in November 2024 for every new app, in both modes, answered as
 * `spotify-web-api.md` §3.5 records (these differ from the OpenAPI file, which still describes them).
 *
 * @module
 */
import { apiError } from "../http.ts";
import { get, type RouteSpec } from "./route.ts";

// §3.5: related-artists, recommendations and the editorial playlists answer 404 "Not Found".
const notFound = () => apiError(404, "Not Found");
// §3.5: audio features and analysis answer 403 with no message: {"error":{"status":403}}.
const bareForbidden = () => apiError(403);

/** The 2024 removals. */
export const removedRoutes: RouteSpec[] = [
  get("/artists/{id}/related-artists", notFound),
  get("/recommendations", notFound),
  get("/recommendations/available-genre-seeds", notFound),
  get("/audio-features", bareForbidden),
  get("/audio-features/{id}", bareForbidden),
  get("/audio-analysis/{id}", bareForbidden),
  get("/browse/featured-playlists", notFound),
  get("/browse/categories/{id}/playlists", notFound),
];
