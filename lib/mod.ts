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
export { type AppMode, type Config, loadConfig, type LoadConfigOptions } from "./core/config.ts";
export {
  type AccessToken,
  createTokenProvider,
  type TokenAdvice,
  type TokenProvider,
  type TokenProviderOptions,
  type TokenResult,
} from "./auth/token_provider.ts";
export { type ClientOptions, createClient } from "./api/client.ts";
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
} from "./api/spotify_client.ts";
export type { Advice, Get, Params, RequestOptions, RetryOptions } from "./api/request_options.ts";
export type { CacheEntry, CacheOptions, CacheTtl, ResponseCache } from "./api/cache.ts";
export { type Discography, type DiscographyOptions, fetchDiscography } from "./api/discography.ts";
export { connect, type ConnectOptions, type Session } from "./connect.ts";
export { type JsonPath, normalize, type NormalizeOptions } from "./frames/normalize.ts";
export {
  albumsFrame,
  artistsFrame,
  playlistItemsFrame,
  playlistsFrame,
  trackArtistsFrame,
  tracksFrame,
} from "./frames/frames.ts";
export {
  playsFrame,
  savedTracksFrame,
  topArtistsFrame,
  topTracksFrame,
} from "./frames/listening_frames.ts";
export {
  audiobooksFrame,
  chaptersFrame,
  type ChaptersFrameOptions,
  episodesFrame,
  type EpisodesFrameOptions,
  showsFrame,
} from "./frames/spoken_frames.ts";
export { type ColumnInfo, type ColumnName, COLUMNS, dtypeName } from "./frames/columns.ts";
export { Chart, type ChartOptions, Plot, plot, type PlotOptions } from "./show/plot.ts";
export { renderPng, savePlot, type SavePlotOptions } from "./show/save_plot.ts";
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
  type PlotPassThrough,
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
} from "./show/charts.ts";
export { type Table, table, type TableOptions } from "./show/table.ts";
export { notebookMode } from "./show/notebook_mode.ts";
export {
  createUserTokenProvider,
  DEFAULT_SCOPES,
  signIn,
  type SignInOptions,
  type TokenStore,
  type UserAuthOptions,
  type UserTokenProvider,
} from "./auth/user_auth.ts";
export { canOpenBrowser, login, type LoginOptions } from "./auth/login.ts";
export { type AskAddress, type Wait } from "./auth/sign_in_answer.ts";
export { signOut, type SignOutOptions } from "./sign_out.ts";
export { readStreamingHistory, type StreamingHistoryOptions } from "./frames/streaming_history.ts";
export { sessionsFrame, type SessionsOptions } from "./frames/listening.ts";
export {
  type HistoryOwner,
  HistoryStore,
  openHistory,
  type OpenHistoryOptions,
} from "./history/store.ts";
export {
  importHistory,
  type ImportHistoryOptions,
  type ImportReport,
} from "./history/import_export.ts";
export {
  HISTORY_COLUMNS,
  historyFrame,
  type HistoryFrameOptions,
  type PlayKind,
} from "./history/read.ts";
export {
  syncHistory,
  type SyncHistoryOptions,
  type SyncReport,
  type SyncSource,
} from "./history/sync.ts";
export { queryHistory } from "./history/query.ts";
export { coverageFrame } from "./history/coverage.ts";
export { coverageChart, rankChart, type RankChartOptions } from "./history/charts.ts";
export {
  type SnapshotList,
  type SnapshotReport,
  snapshotsFrame,
  type SnapshotsFrameOptions,
} from "./history/snapshots.ts";
/** nodejs-polars itself, for the frames' own methods and expressions (`pl.col(...)`). */
export { default as pl } from "nodejs-polars";
export {
  progressBar,
  type ProgressBarOptions,
  type ProgressSink,
  type ProgressState,
} from "./show/progress.ts";
export { Note, type NoteKind } from "./show/display.ts";
export type { Secret } from "./core/secret.ts";
export {
  ApiError,
  AuthError,
  ConfigError,
  ModeError,
  NetworkError,
  RateLimitError,
  SpotifyError,
} from "./core/errors.ts";
export type * from "./api/types.ts";
export { TIME_RANGES } from "./api/types.ts";
