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
import { ConfigError, excerpt } from "./errors.ts";
import { Secret } from "./secret.ts";

/** How the app's Spotify quota mode is chosen. */
export type AppMode = "auto" | "development" | "extended";

/** The app modes, in the order the docs list them. */
export const APP_MODES: readonly AppMode[] = ["auto", "development", "extended"];

/** The project's root folder (where `deno.json` and `.env` live). */
export const PROJECT_ROOT: string = fileURLToPath(new URL("../../", import.meta.url));

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

/** Every variable the configuration reads. */
const VARIABLES = [
  "SPOTIFY_CLIENT_ID",
  "SPOTIFY_CLIENT_SECRET",
  "SPOTIFY_MODE",
  "SPOTIFY_API_URL",
  "SPOTIFY_ACCOUNTS_URL",
  "SPOTIFY_REDIRECT_URI",
  "SPOTIFY_TOKEN_FILE",
  "SPOTIFY_CACHE_DIR",
] as const;

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
 * import assert from "node:assert/strict";
 * import { loadConfig } from "./config.ts";
 * const config = loadConfig({ env: { SPOTIFY_MODE: "development" }, envFile: false });
 * assert.ok(config.mode === "development" && config.clientId === undefined);
 * ```
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const envFile = options.envFile ?? join(PROJECT_ROOT, ".env");
  const fromFile = envFile === false ? undefined : readEnvFile(envFile);
  const get = envReader(options.env ?? Deno.env.toObject(), fromFile);
  // Every variable first: a value that runs into the next assignment is the first thing to say.
  for (const name of VARIABLES) get(name);
  const { clientId, clientSecret } = credentials(get);
  const mode = appMode(get("SPOTIFY_MODE") ?? "auto");

  return {
    clientId,
    clientSecret: clientSecret === undefined ? undefined : new Secret(clientSecret),
    apiUrl: baseUrl("SPOTIFY_API_URL", get("SPOTIFY_API_URL") ?? DEFAULT_API_URL),
    accountsUrl: baseUrl(
      "SPOTIFY_ACCOUNTS_URL",
      get("SPOTIFY_ACCOUNTS_URL") ?? DEFAULT_ACCOUNTS_URL,
    ),
    mode,
    redirectUri: redirectUri(get("SPOTIFY_REDIRECT_URI") ?? DEFAULT_REDIRECT_URI),
    tokenFile: resolve(PROJECT_ROOT, get("SPOTIFY_TOKEN_FILE") ?? ".spotify-token.json"),
    cacheDir: cacheDir(get("SPOTIFY_CACHE_DIR")),
    envFile: fromFile === undefined || envFile === false ? undefined : envFile,
  };
}

/**
 * A reader of variables: the environment first, then the `.env` file; empty means unset. A value
 * that holds the next assignment (`A=x B=y` on one line, or two lines run together) may hold a
 * secret, so it is named and never shown.
 */
function envReader(
  env: Record<string, string | undefined>,
  fromFile: Record<string, string> | undefined,
): (name: string) => string | undefined {
  return (name) => {
    const value = (env[name] ?? fromFile?.[name])?.trim();
    if (value === "" || value === undefined) return undefined;
    const other = /(?:^|[\s"'])([A-Z][A-Z0-9_]{2,})=/.exec(value) ??
      /(SPOTIFY_[A-Z_]+)=/.exec(value);
    if (other) {
      throw new ConfigError(
        name,
        `Invalid ${name}: its value runs into another assignment (${
          other[1]
        }=…); put each variable on its own line in .env (${HINT})`,
      );
    }
    return value;
  };
}

/** The app's credentials: both or neither, each of the shape the dashboard shows. */
function credentials(
  get: (name: string) => string | undefined,
): { clientId: string | undefined; clientSecret: string | undefined } {
  const clientId = get("SPOTIFY_CLIENT_ID");
  const clientSecret = get("SPOTIFY_CLIENT_SECRET");
  if (clientId !== undefined && !/^[A-Za-z0-9_-]{8,128}$/.test(clientId)) {
    throw new ConfigError(
      "SPOTIFY_CLIENT_ID",
      `Invalid SPOTIFY_CLIENT_ID: paste the 32-character Client ID from your app's dashboard page, without quotes or spaces (${HINT})`,
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
  return { clientId, clientSecret };
}

/** `SPOTIFY_MODE`: one of {@linkcode APP_MODES}. */
function appMode(mode: string): AppMode {
  if (!(APP_MODES as readonly string[]).includes(mode)) {
    throw new ConfigError(
      "SPOTIFY_MODE",
      `Invalid SPOTIFY_MODE ${shown(mode)}: use one of ${
        APP_MODES.map((m) => `"${m}"`).join(", ")
      } (${HINT})`,
    );
  }
  return mode as AppMode;
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
      `Invalid SPOTIFY_REDIRECT_URI ${
        shown(value)
      }: use http://127.0.0.1:PORT/callback (Spotify rejects localhost) and register the same URI in your app's settings (${HINT})`,
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
  try {
    return checkBaseUrl(value, variable);
  } catch (error) {
    throw new ConfigError(variable, `${(error as Error).message} (${HINT})`);
  }
}

/** A value as messages show it: quoted, cut to a readable length, or left out when it is odd. */
function shown(value: string): string {
  return /\s/.test(value) ? "(it holds spaces)" : `"${excerpt(value, 60)}"`;
}

/**
 * Whether a host name is the loopback interface: `localhost`, `127.0.0.0/8` or `::1`.
 *
 * @param hostname A URL's `hostname` (IPv6 in brackets or not).
 * @returns `true` for loopback.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isLoopback } from "./config.ts";
 * assert.ok(isLoopback("127.0.0.2") && isLoopback("[::1]") && isLoopback("localhost"));
 * assert.ok(!isLoopback("api.example.com") && !isLoopback("127.0.0.1.example.com"));
 * ```
 */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  if (host === "localhost" || host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  const parts = host.split(".");
  return parts.length === 4 && parts[0] === "127" &&
    parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/**
 * Check a base URL that credentials will be sent to: `https`, or `http` only on loopback (the
 * emulator), and no user, query or fragment.
 *
 * @param value The URL.
 * @param name What to call it in the message: the variable or option that carries it.
 * @returns The URL without a trailing slash.
 * @throws {TypeError} With one sentence naming `name`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkBaseUrl } from "./config.ts";
 * assert.equal(checkBaseUrl("http://127.0.0.1:9/v1/", "apiUrl"), "http://127.0.0.1:9/v1");
 * assert.throws(() => checkBaseUrl("http://api.example.com/v1", "apiUrl"), /unencrypted/);
 * ```
 */
export function checkBaseUrl(value: string, name: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new TypeError(
      `Invalid ${name} ${shown(value)}: use an http(s) URL such as the default in .env.example`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new TypeError(
      `Invalid ${name}: use a plain base URL, without credentials, query or fragment`,
    );
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new TypeError(
      `Invalid ${name} "${url.origin}": credentials would go out unencrypted over http; use https, or http only on a loopback address (127.0.0.1, ::1, localhost)`,
    );
  }
  return url.href.replace(/\/+$/, "");
}
