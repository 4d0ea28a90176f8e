/**
 * Configuration from the environment and the project's `.env` file. Real environment variables win
 * over the file; the file is found from this module's location, so it is the same whether the caller
 * runs in the project root, in `notebooks/` (the Jupyter kernel) or anywhere else.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { join, resolve } from "node:path";
import { readEnvFile } from "./_env_file.ts";
import { ConfigError } from "./errors.ts";
import { Secret } from "./secret.ts";

/** How the app's Spotify quota mode is chosen. */
export type AppMode = "auto" | "development" | "extended";

/** The app modes, in the order the docs list them. */
export const APP_MODES: readonly AppMode[] = ["auto", "development", "extended"];

/** The project's root folder (where `deno.json` and `.env` live). */
export const PROJECT_ROOT: string = fileURLToPath(new URL("..", import.meta.url));

/** Default Web API base URL. */
export const DEFAULT_API_URL = "https://api.spotify.com/v1";
/** Default redirect URI of the sign-in flow. */
export const DEFAULT_REDIRECT_URI = "http://127.0.0.1:8888/callback";

/** Default accounts (OAuth) base URL. */
export const DEFAULT_ACCOUNTS_URL = "https://accounts.spotify.com";

/** The loaded configuration. Secrets are {@linkcode Secret}s and never print. */
export interface Config {
  /** The app's client id, or `undefined` when none is configured (offline). */
  clientId: string | undefined;
  /** The app's client secret, or `undefined`. */
  clientSecret: Secret | undefined;
  /** Web API base URL, without a trailing slash. */
  apiUrl: string;
  /** Accounts base URL, without a trailing slash. */
  accountsUrl: string;
  /** The app mode. */
  mode: AppMode;
  /** The redirect URI registered for the app, for `deno task login`. */
  redirectUri: string;
  /** Where the signed-in user's tokens are kept (mode 0600, git-ignored). */
  tokenFile: string;
  /** Where API answers are cached between runs, or `false` for no cache. */
  cacheDir: string | false;
  /** The `.env` file that was read, or `undefined` when there was none. */
  envFile: string | undefined;
}

/** Options of {@linkcode loadConfig}. */
export interface LoadConfigOptions {
  /**
   * The environment to read.
   * @default {Deno.env.toObject()}
   */
  env?: Record<string, string | undefined>;
  /**
   * The `.env` file to read, or `false` for none.
   * @default {"<project root>/.env"}
   */
  envFile?: string | false;
}

const HINT = "see .env.example";

/**
 * Load the configuration from the environment and `.env`.
 *
 * Missing credentials are not an error here (the notebooks then run offline against the emulator);
 * half a pair of credentials, or a malformed value, is a {@linkcode ConfigError} naming the variable.
 *
 * @param options Where to read from.
 * @returns The configuration.
 * @throws {ConfigError} When a value is malformed.
 *
 * @example
 * ```ts
 * import { loadConfig } from "./config.ts";
 * const config = loadConfig({ env: { SPOTIFY_MODE: "development" }, envFile: false });
 * console.assert(config.mode === "development" && config.clientId === undefined);
 * ```
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const envFile = options.envFile ?? join(PROJECT_ROOT, ".env");
  const fromFile = envFile === false ? undefined : readEnvFile(envFile);
  const env = options.env ?? Deno.env.toObject();
  const get = (name: string): string | undefined => {
    const value = (env[name] ?? fromFile?.[name])?.trim();
    return value === "" ? undefined : value;
  };

  const clientId = get("SPOTIFY_CLIENT_ID");
  const clientSecret = get("SPOTIFY_CLIENT_SECRET");
  if (clientId !== undefined && !/^[A-Za-z0-9_-]{8,128}$/.test(clientId)) {
    throw new ConfigError(
      "SPOTIFY_CLIENT_ID",
      `Invalid SPOTIFY_CLIENT_ID "${clientId}": paste the Client ID from your app's dashboard page (${HINT})`,
    );
  }
  if (clientSecret !== undefined && !/^[A-Za-z0-9_-]{8,256}$/.test(clientSecret)) {
    throw new ConfigError(
      "SPOTIFY_CLIENT_SECRET",
      `Invalid SPOTIFY_CLIENT_SECRET: paste the Client secret from your app's dashboard page, without quotes or spaces (${HINT})`,
    );
  }
  if (clientId !== undefined && clientSecret === undefined) {
    throw new ConfigError(
      "SPOTIFY_CLIENT_SECRET",
      `Missing SPOTIFY_CLIENT_SECRET: SPOTIFY_CLIENT_ID is set, so set the Client secret too (${HINT})`,
    );
  }
  if (clientSecret !== undefined && clientId === undefined) {
    throw new ConfigError(
      "SPOTIFY_CLIENT_ID",
      `Missing SPOTIFY_CLIENT_ID: SPOTIFY_CLIENT_SECRET is set, so set the Client ID too (${HINT})`,
    );
  }

  const mode = get("SPOTIFY_MODE") ?? "auto";
  if (!(APP_MODES as readonly string[]).includes(mode)) {
    throw new ConfigError(
      "SPOTIFY_MODE",
      `Invalid SPOTIFY_MODE "${mode}": use one of ${
        APP_MODES.map((m) => `"${m}"`).join(", ")
      } (${HINT})`,
    );
  }

  return {
    clientId,
    clientSecret: clientSecret === undefined ? undefined : new Secret(clientSecret),
    apiUrl: baseUrl("SPOTIFY_API_URL", get("SPOTIFY_API_URL") ?? DEFAULT_API_URL),
    accountsUrl: baseUrl(
      "SPOTIFY_ACCOUNTS_URL",
      get("SPOTIFY_ACCOUNTS_URL") ?? DEFAULT_ACCOUNTS_URL,
    ),
    mode: mode as AppMode,
    redirectUri: redirectUri(get("SPOTIFY_REDIRECT_URI") ?? DEFAULT_REDIRECT_URI),
    tokenFile: resolve(PROJECT_ROOT, get("SPOTIFY_TOKEN_FILE") ?? ".spotify-token.json"),
    cacheDir: cacheDir(get("SPOTIFY_CACHE_DIR")),
    envFile: fromFile === undefined || envFile === false ? undefined : envFile,
  };
}

/** `SPOTIFY_REDIRECT_URI`: a loopback IP literal with a port, as Spotify requires since 2025. */
function redirectUri(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (
    url === undefined || url.protocol !== "http:" ||
    !["127.0.0.1", "[::1]"].includes(url.hostname) ||
    url.port === ""
  ) {
    throw new ConfigError(
      "SPOTIFY_REDIRECT_URI",
      `Invalid SPOTIFY_REDIRECT_URI "${value}": use http://127.0.0.1:PORT/callback (Spotify rejects localhost) and register the same URI in your app's settings (${HINT})`,
    );
  }
  return url.href;
}

/** `SPOTIFY_CACHE_DIR`: a folder (relative to the project root), or `off`. */
function cacheDir(value: string | undefined): string | false {
  if (value === undefined) return join(PROJECT_ROOT, "data", "cache");
  if (/^(off|none|false|0)$/i.test(value)) return false;
  return resolve(PROJECT_ROOT, value);
}

function baseUrl(variable: string, value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new ConfigError(
      variable,
      `Invalid ${variable} "${value}": use an http(s) URL such as the default in .env.example`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError(
      variable,
      `Invalid ${variable}: use a plain base URL, without credentials, query or fragment (${HINT})`,
    );
  }
  return url.href.replace(/\/+$/, "");
}
