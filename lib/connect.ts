/**
 * `connect()`: what the first cell of every notebook calls. It loads the configuration, and either
 * connects to the configured API with the app's credentials, or, when no credentials are configured,
 * starts the bundled emulator on 127.0.0.1 and connects to it, with a banner saying the data is the
 * offline sample. The notebook's code is the same either way.
 *
 * @module
 */
import { createClient, type SpotifyClient } from "./client.ts";
import { join } from "node:path";
import { type Config, loadConfig, type LoadConfigOptions } from "./config.ts";
import { Note } from "./display.ts";
import { type AccessToken, createTokenProvider, type TokenProvider } from "./token_provider.ts";

/** Options of {@linkcode connect}. */
export interface ConnectOptions extends LoadConfigOptions {
  /** Override the configured `fetch` (tests). */
  fetch?: typeof fetch;
  /**
   * Where answers are cached between runs (one folder per API inside), or `false` for no cache.
   * @default {the configuration's `cacheDir` (SPOTIFY_CACHE_DIR, else data/cache)}
   */
  cacheDir?: string | false;
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
  /** What to show at the top of a notebook: where the data comes from. */
  banner: Note;
  /** A current token (its value never prints). */
  token(): Promise<AccessToken>;
  /** Stop the offline emulator, if one was started. */
  close(): Promise<void>;
}

/**
 * Connect to Spotify, or to the offline emulator when no credentials are configured.
 *
 * @param options Where to read the configuration from.
 * @returns The session.
 * @throws {ConfigError} When a configuration value is malformed.
 *
 * @example
 * ```ts
 * import { connect } from "./connect.ts";
 * await using spotify = await connect({ env: {}, envFile: false, cacheDir: false });
 * console.assert(spotify.offline);
 * const [first] = await spotify.client.search("the", "artist", { max: 1 });
 * console.assert(typeof first?.name === "string");
 * ```
 */
export async function connect(options: ConnectOptions = {}): Promise<Session> {
  const config = loadConfig(options);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const cacheRoot = options.cacheDir ?? config.cacheDir;
  /** The cache of one API: answers of the real API and of the offline sample never mix. */
  const cache = (name: string) =>
    cacheRoot === false ? {} : { cache: { dir: join(cacheRoot, name.replace(/[^\w.-]+/g, "_")) } };
  if (config.clientId !== undefined && config.clientSecret !== undefined) {
    const tokens = createTokenProvider({
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      accountsUrl: config.accountsUrl,
      fetch: fetchImpl,
    });
    const client = createClient({
      apiUrl: config.apiUrl,
      mode: config.mode,
      tokenProvider: tokens,
      fetch: fetchImpl,
      ...cache(new URL(config.apiUrl).host),
    });
    const banner = new Note(
      "Live data.",
      `connected to ${config.apiUrl} with app …${
        config.clientId.slice(-4)
      } (mode: ${config.mode}).`,
    );
    return session(config, client, tokens, false, banner, async () => {});
  }

  // No credentials: the bundled emulator, in-process. Imported only when needed.
  const { startEmulator } = await import("../tools/emulator/server.ts");
  const emulatorMode = config.mode === "extended" ? "extended" : "development";
  const server = await startEmulator({ mode: emulatorMode });
  const tokens = createTokenProvider({
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    accountsUrl: server.accountsUrl,
    fetch: fetchImpl,
  });
  const client = createClient({
    apiUrl: server.apiUrl,
    mode: config.mode,
    tokenProvider: tokens,
    fetch: fetchImpl,
    ...cache(`offline-${emulatorMode}`),
  });
  const banner = new Note(
    "Offline sample data.",
    `no SPOTIFY_CLIENT_ID is configured, so this notebook runs against the bundled emulator ` +
      `(${emulatorMode} mode, a fictional catalog). Put your app's credentials in .env ` +
      `(see .env.example) to explore real Spotify data.`,
    "offline",
  );
  const offlineConfig = { ...config, apiUrl: server.apiUrl, accountsUrl: server.accountsUrl };
  return session(offlineConfig, client, tokens, true, banner, () => server.close());
}

function session(
  config: Config,
  client: SpotifyClient,
  tokens: TokenProvider,
  offline: boolean,
  banner: Note,
  close: () => Promise<void>,
): Session {
  return {
    config,
    client,
    tokens,
    offline,
    banner,
    token: () => tokens.getToken(),
    close,
    [Symbol.asyncDispose]: close,
  };
}
