/**
 * `connect()`: what the first cell of every notebook calls. It loads the configuration, and either
 * connects to the configured API with the app's credentials, or, when no credentials are configured,
 * starts the bundled emulator on 127.0.0.1 and connects to it, with a banner saying the data is the
 * offline sample. The notebook's code is the same either way. It also switches notebook mode on
 * (`notebookMode()`: every frame shows as `table(df)`, nested values read back).
 *
 * @module
 */
import { createClient } from "./api/client.ts";
import type { SpotifyClient } from "./api/spotify_client.ts";
import type { Advice } from "./api/request_options.ts";
import { join } from "node:path";
import { exists } from "./core/files.ts";
import { type Config, loadConfig, type LoadConfigOptions } from "./core/config.ts";
import { Note } from "./show/display.ts";
import { inKernel } from "./show/progress.ts";
import { notebookMode } from "./show/notebook_mode.ts";
import { AuthError } from "./core/errors.ts";
import {
  type AccessToken,
  createTokenProvider,
  type TokenAdvice,
  type TokenProvider,
} from "./auth/token_provider.ts";
import { createUserTokenProvider, NOT_SIGNED_IN, signIn } from "./auth/user_auth.ts";
import { syncQuietly } from "./history/sync.ts";

/**
 * How the client's messages name the settings when they come from the environment: the edge that
 * reads `.env` is the one that gives `.env` advice.
 */
const ENV_ADVICE: Advice = {
  mode: (mode) => `SPOTIFY_MODE=${mode} in .env`,
  apiUrl: "SPOTIFY_API_URL in .env",
  credentials: "SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET in .env",
};

/** The same for the token endpoint's messages (live sign-ins, and `deno task login`). */
export const ENV_TOKEN_ADVICE: TokenAdvice = {
  accountsUrl: "SPOTIFY_ACCOUNTS_URL in .env",
  credentials: ENV_ADVICE.credentials,
};

/** Options of {@linkcode connect}. */
export interface ConnectOptions extends LoadConfigOptions {
  /** Override the configured `fetch` (tests). */
  fetch?: typeof fetch;
  /**
   * Where answers are cached between runs (one folder per API inside), or `false` for no cache.
   * @default {the configuration's `cacheDir` (SPOTIFY_CACHE_DIR, else data/cache)}
   */
  cacheDir?: string | false;
  /**
   * Act as a signed-in user (top items, recently played, saved tracks, own playlists). Online this
   * needs `deno task login` first; offline the sample user is signed in automatically.
   * @default {false}
   */
  user?: boolean;
  /**
   * The listening history store a signed-in session adds its new plays to (`false`: none). The
   * sync never fails the cell: a failure is one line of warning.
   * @default {the configuration's `historyFile` (SPOTIFY_HISTORY_DB, else data/history.sqlite)}
   */
  history?: string | false;
}

/** A connected session: the client, and what the notebook shows about it. */
export interface Session extends AsyncDisposable {
  /** The loaded configuration (secrets redacted when printed). */
  config: Config;
  /** The API client. */
  client: SpotifyClient;
  /** The token provider the client uses. */
  tokens: TokenProvider;
  /** Whether this session runs against the bundled offline emulator. */
  offline: boolean;
  /** Whether the client acts as a signed-in user. */
  user: boolean;
  /** What to show at the top of a notebook: where the data comes from. */
  banner: Note;
  /** A current token (its value never prints). */
  token(): Promise<AccessToken>;
  /**
   * How many requests the bundled offline emulator has answered so far (every session of a kernel
   * shares one), or `undefined` online. Re-running a cached cell leaves it unchanged.
   */
  readonly emulatorRequests: number | undefined;
  /** Stop the offline emulator, if one was started (in a kernel it lives as long as the kernel). */
  close(): Promise<void>;
}

/**
 * In a Jupyter kernel, offline sessions share one emulator per mode: re-running a notebook (its
 * `connect()` cell) reuses it instead of starting another server on another port each time.
 */
const kernelEmulators = new Map<string, Promise<OfflineApi>>();

/**
 * What `connect()` uses of a running emulator (`emulator/mod.ts`'s `RunningEmulator` has it): the seam
 * is one `import()` below, so lib names the shape it needs instead of importing the emulator's types.
 */
interface OfflineApi {
  apiUrl: string;
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  emulator: { log: readonly unknown[] };
  close(): Promise<void>;
}

/**
 * Connect to Spotify, or to the offline emulator when no credentials are configured, and switch
 * notebook mode on (`notebookMode()`).
 *
 * @param options Where to read the configuration from.
 * @returns The session.
 * @throws {ConfigError} When a configuration value is malformed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { connect } from "./connect.ts";
 * await using spotify = await connect({ env: {}, envFile: false, cacheDir: false });
 * assert.ok(spotify.offline);
 * const [first] = await spotify.client.search("the", "artist", { max: 1 });
 * assert.ok(typeof first?.name === "string");
 * ```
 */
export async function connect(options: ConnectOptions = {}): Promise<Session> {
  const config = loadConfig(options);
  notebookMode();
  const { clientId, clientSecret } = config;
  const spotify = clientId !== undefined && clientSecret !== undefined
    ? await connectLive(config, { clientId, clientSecret }, options)
    : await connectOffline(config, options);
  return await withHistory(spotify, options);
}

/** What both ways of connecting share: the `fetch`, the cache's root and whether a user signs in. */
function parts(config: Config, options: ConnectOptions) {
  const root = options.cacheDir ?? config.cacheDir;
  return {
    fetchImpl: options.fetch ?? globalThis.fetch,
    user: options.user ?? false,
    /** The cache of one API: answers of the real API and of the offline sample never mix. */
    cache: (name: string) =>
      root === false ? {} : { cache: { dir: join(root, name.replace(/[^\w.-]+/g, "_")) } },
  };
}

/** The real Web API with the app's credentials, as the app or as the signed-in user. */
async function connectLive(
  config: Config,
  app: { clientId: string; clientSecret: NonNullable<Config["clientSecret"]> },
  options: ConnectOptions,
): Promise<Session> {
  const { fetchImpl, user, cache } = parts(config, options);
  const { clientId, clientSecret } = app;
  if (user && !(await exists(config.tokenFile))) {
    throw new AuthError(NOT_SIGNED_IN);
  }
  const tokens = user
    ? createUserTokenProvider({
      clientId,
      accountsUrl: config.accountsUrl,
      apiUrl: config.apiUrl,
      tokenFile: config.tokenFile,
      fetch: fetchImpl,
      advice: ENV_TOKEN_ADVICE,
    })
    : createTokenProvider({
      clientId,
      clientSecret,
      accountsUrl: config.accountsUrl,
      fetch: fetchImpl,
      advice: ENV_TOKEN_ADVICE,
    });
  const client = createClient({
    apiUrl: config.apiUrl,
    mode: config.mode,
    advice: ENV_ADVICE,
    tokenProvider: tokens,
    fetch: fetchImpl,
    ...cache(new URL(config.apiUrl).host),
  });
  const banner = new Note(
    "Live data.",
    `connected to ${config.apiUrl} with app …${clientId.slice(-4)} (mode: ${config.mode})${
      user ? ", as the signed-in user" : ""
    }.`,
  );
  return session(config, client, tokens, { offline: false, user }, banner, async () => {});
}

/** The bundled emulator, imported only when needed; a kernel shares one per mode across cells. */
async function startOffline(mode: "development" | "extended"): Promise<OfflineApi> {
  const shared = inKernel();
  let starting = shared ? kernelEmulators.get(mode) : undefined;
  if (starting === undefined) {
    const { startEmulator } = await import("../emulator/mod.ts");
    starting = startEmulator({ mode });
    if (shared) {
      kernelEmulators.set(mode, starting);
      // A failed start is not kept: the next connect() tries again.
      starting.catch(() => kernelEmulators.delete(mode));
    }
  }
  return await starting;
}

/** No credentials: the same client against the offline emulator and its sample listener. */
async function connectOffline(config: Config, options: ConnectOptions): Promise<Session> {
  const { fetchImpl, user, cache } = parts(config, options);
  const emulatorMode = config.mode === "extended" ? "extended" : "development";
  const server = await startOffline(emulatorMode);
  const tokens = user
    ? await signInSampleListener(server, { fetch: fetchImpl })
    : createTokenProvider({
      clientId: server.clientId,
      clientSecret: server.clientSecret,
      accountsUrl: server.accountsUrl,
      fetch: fetchImpl,
    });
  const client = createClient({
    apiUrl: server.apiUrl,
    mode: config.mode,
    advice: ENV_ADVICE,
    tokenProvider: tokens,
    fetch: fetchImpl,
    ...cache(`offline-${emulatorMode}`),
  });
  const banner = new Note(
    "Offline sample data.",
    `no SPOTIFY_CLIENT_ID is configured, so this notebook runs against the bundled emulator ` +
      `(${emulatorMode} mode, a fictional catalog${
        user ? ", signed in as its sample listener" : ""
      }). Put your app's credentials in .env ` +
      `(see .env.example) to explore real Spotify data.`,
    "offline",
  );
  const offlineConfig = { ...config, apiUrl: server.apiUrl, accountsUrl: server.accountsUrl };
  const close = inKernel() ? async () => {} : () => server.close();
  return session(offlineConfig, client, tokens, { offline: true, user }, banner, close, server);
}

/**
 * A signed-in session adds the plays that arrived since the last sync to the history store (never
 * failing: a failed sync is one line of warning).
 */
async function withHistory(spotify: Session, options: ConnectOptions): Promise<Session> {
  if (spotify.user && options.history !== false) {
    await syncQuietly(spotify, { path: options.history ?? spotify.config.historyFile });
  }
  return spotify;
}

/** Options of {@linkcode signInSampleListener}. */
export interface SampleSignInOptions {
  /** The `fetch` to use. @default {globalThis.fetch} */
  fetch?: typeof fetch;
  /** The tokens' clock, in ms since the epoch (an emulator's moved clock). @default {Date.now} */
  now?: () => number;
}

/**
 * Sign the emulator's sample listener in, playing the browser: follow the authorize redirect to the
 * one-shot callback server, as a person would click "Agree". Tokens stay in memory, and the account
 * is looked up on the emulator (never on the real API).
 *
 * @param server A running emulator's URLs and client id.
 * @param options `fetch` and the tokens' clock.
 * @returns The signed-in listener's token provider.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { connect } from "./connect.ts";
 * // connect({ user: true }) without credentials signs the sample listener in with it.
 * const env = {};
 * await using spotify = await connect({ env, envFile: false, cacheDir: false, user: true, history: false });
 * assert.equal(await spotify.tokens.account?.(), "sample.listener");
 * ```
 */
export async function signInSampleListener(
  server: { clientId: string; accountsUrl: string; apiUrl: string },
  options: SampleSignInOptions = {},
): Promise<TokenProvider> {
  const { clientId, accountsUrl, apiUrl } = server;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const result = await signIn({
    clientId,
    accountsUrl,
    redirectUri: "http://127.0.0.1:0/callback",
    fetch: fetchImpl,
    open: async (url) => void await (await fetchImpl(url)).body?.cancel(),
  });
  const tokens = createUserTokenProvider({
    clientId,
    accountsUrl,
    apiUrl,
    tokenFile: undefined,
    fetch: fetchImpl,
    ...(options.now ? { now: options.now } : {}),
  });
  await tokens.set(result);
  return tokens;
}

function session(
  config: Config,
  client: SpotifyClient,
  tokens: TokenProvider,
  kind: { offline: boolean; user: boolean },
  banner: Note,
  close: () => Promise<void>,
  server?: OfflineApi,
): Session {
  return {
    config,
    client,
    tokens,
    ...kind,
    banner,
    get emulatorRequests() {
      return server?.emulator.log.length;
    },
    token: () => tokens.getToken(),
    close,
    [Symbol.asyncDispose]: close,
  };
}
