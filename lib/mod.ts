/**
 * Explore the Spotify Web API in TypeScript notebooks: configuration and tokens, a client that
 * works on the real 2026 API (and on the bundled offline emulator), `normalize` to flatten JSON
 * into polars DataFrames, frame builders, and Observable Plot charts that display inline.
 *
 * ```ts ignore
 * import { connect, artistsFrame, plot, Plot } from "../lib/mod.ts";
 * const spotify = await connect();          // offline emulator when .env has no credentials
 * const artists = await spotify.client.search("the", "artist", { max: 20 });
 * const df = artistsFrame(artists);
 * plot({ marks: [Plot.barX(df.toRecords(), { x: "followers", y: "name" })] });
 * ```
 *
 * @module
 */
// Every nodejs-polars frame made from here on reads nested values back, writes them to CSV, and
// shows as `table(df)` when it is a cell's last expression.
import "./_polars_patch.ts";
// glibc keeps the memory polars frees for the next frame (Linux, when FFI is allowed).
import "./_malloc.ts";
export { type AppMode, type Config, loadConfig, type LoadConfigOptions } from "./config.ts";
export {
  type AccessToken,
  createTokenProvider,
  type TokenAdvice,
  type TokenProvider,
  type TokenProviderOptions,
  type TokenResult,
} from "./token_provider.ts";
export { type ClientOptions, createClient } from "./client.ts";
export { type Clock, systemClock } from "./api/clock.ts";
export type {
  ArtistAlbumsOptions,
  CollectOptions,
  FetchOptions,
  LocaleOptions,
  MarketOptions,
  PagedEndpoints,
  PaginateOptions,
  ProgressCallback,
  ProgressInfo,
  RecentlyPlayedOptions,
  SearchItem,
  SpotifyClient,
  TopOptions,
} from "./spotify_client.ts";
export type { Advice, Get, Params, RequestOptions, RetryOptions } from "./request_options.ts";
export type { CacheEntry, CacheOptions, CacheTtl, ResponseCache } from "./cache.ts";
export { type Discography, type DiscographyOptions, fetchDiscography } from "./discography.ts";
export { connect, type ConnectOptions, type Session } from "./connect.ts";
export { type JsonPath, normalize, type NormalizeOptions } from "./normalize.ts";
export {
  albumsFrame,
  artistsFrame,
  playlistItemsFrame,
  playsFrame,
  savedTracksFrame,
  topArtistsFrame,
  topTracksFrame,
  trackArtistsFrame,
  tracksFrame,
} from "./frames.ts";
export { episodesFrame, type EpisodesFrameOptions, showsFrame } from "./spoken_frames.ts";
export { Chart, type ChartOptions, Plot, plot, type PlotOptions } from "./plot.ts";
export { renderPng, savePlot, type SavePlotOptions } from "./save_plot.ts";
export {
  boxPlot,
  type BoxPlotOptions,
  type ChartData,
  type ChartText,
  heatmap,
  type HeatmapOptions,
  histogram,
  type HistogramOptions,
  missingField,
  rankedBars,
  type RankedBarsOptions,
  releaseTimeline,
  scatter,
  type ScatterOptions,
  stackedBars,
  type StackedBarsOptions,
  timeBars,
  type TimeBarsOptions,
  type TimeInterval,
  type TimelineOptions,
} from "./charts.ts";
export { type Table, table, type TableOptions } from "./table.ts";
export {
  createUserTokenProvider,
  DEFAULT_SCOPES,
  signIn,
  type SignInOptions,
  type TokenStore,
  type UserAuthOptions,
  type UserTokenProvider,
} from "./user_auth.ts";
export { signOut, type SignOutOptions } from "./sign_out.ts";
export { readStreamingHistory, type StreamingHistoryOptions } from "./streaming_history.ts";
export { sessionsFrame, type SessionsOptions } from "./listening.ts";
/** nodejs-polars itself, for the frames' own methods and expressions (`pl.col(...)`). */
export { default as pl } from "nodejs-polars";
export {
  progressBar,
  type ProgressBarOptions,
  type ProgressSink,
  type ProgressState,
} from "./progress.ts";
export { Note, type NoteKind } from "./display.ts";
export type { Secret } from "./secret.ts";
export {
  ApiError,
  AuthError,
  ConfigError,
  ModeError,
  NetworkError,
  RateLimitError,
  SpotifyError,
} from "./errors.ts";
export type * from "./types.ts";
export { TIME_RANGES } from "./types.ts";
