/**
 * `login()`: sign in with the app configured in `.env` and keep the tokens in the token file, from
 * `deno task login` or from a notebook cell. Where this machine can open a browser, the authorize
 * page opens and the redirect comes back to 127.0.0.1; where it cannot (no display, an SSH
 * session, a container, JupyterHub), the paste flow runs: open the page anywhere, then paste back
 * the address the browser ended on. The paste flow also starts when no callback has come after a
 * while, and `paste: true` (`deno task login --paste`) asks for it.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import { loadConfig, type LoadConfigOptions } from "../core/config.ts";
import type { TokenAdvice } from "./token_provider.ts";
import {
  createUserTokenProvider,
  DEFAULT_SCOPES,
  signIn,
  type UserTokenProvider,
} from "./user_auth.ts";
import type { AskAddress, Wait } from "./sign_in_answer.ts";

/**
 * Whether a browser can be opened on this machine: not in an SSH session, and on Linux and the
 * BSDs only with a display (`DISPLAY` or `WAYLAND_DISPLAY`).
 *
 * @param env The environment to read.
 * @param os The operating system, as `Deno.build.os` names it.
 * @returns `false` where the authorize page must be opened on another machine.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { canOpenBrowser } from "./login.ts";
 * assert.equal(canOpenBrowser({ DISPLAY: ":0" }, "linux"), true);
 * assert.equal(canOpenBrowser({}, "linux"), false); // a server, a container
 * assert.equal(canOpenBrowser({ SSH_CONNECTION: "10.0.0.2 5122 10.0.0.1 22" }, "darwin"), false);
 * assert.equal(canOpenBrowser({}, "darwin"), true);
 * ```
 */
export function canOpenBrowser(
  env: Record<string, string | undefined> = readEnv(),
  os: string = Deno.build.os,
): boolean {
  if (env.SSH_CONNECTION || env.SSH_CLIENT || env.SSH_TTY) return false;
  if (os === "darwin" || os === "windows") return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

function readEnv(): Record<string, string | undefined> {
  try {
    return Deno.env.toObject();
  } catch {
    return {}; // no permission to read it: assume no browser, the paste flow works anywhere
  }
}

/** Start the system's browser on `url`, without waiting on it; nothing happens where none starts. */
function launchBrowser(url: string): void {
  const [command, ...args] = Deno.build.os === "darwin"
    ? ["open", url]
    : Deno.build.os === "windows"
    ? ["explorer", url]
    : ["xdg-open", url];
  try {
    const child = new Deno.Command(command!, { args, stdout: "null", stderr: "null" }).spawn();
    // Never wait on the opener: one that does not return must not hold the sign-in.
    child.status.catch(() => {});
    child.unref();
  } catch {
    // No such opener here: the printed URL is enough.
  }
}

/** Reads a pasted address with `prompt()`: the Jupyter input box in a notebook, the terminal outside. */
const promptAsk: AskAddress = (question) => globalThis.prompt(question);

/** Options of {@linkcode login}. */
export interface LoginOptions extends LoadConfigOptions {
  /** Ask for the pasted address at once (the browser is on another machine). @default {false} */
  paste?: boolean;
  /** Whether a browser can be opened here. @default {canOpenBrowser()} */
  browser?: boolean;
  /** How to read the pasted address. @default {prompt()} */
  ask?: AskAddress;
  /** Where the instructions go. @default {console.log} */
  print?: (text: string) => void;
  /** How a browser is started on the authorize page. @default {xdg-open, open or explorer} */
  launch?: (url: string) => void;
  /** How long to wait for the callback before also asking for the address. @default {30000} */
  pasteAfterMs?: number;
  /** How long to wait for the user in all, in ms. @default {300000} */
  timeoutMs?: number;
  /** The waits; injectable for tests. */
  wait?: Wait;
  /** The `fetch` to use. @default {globalThis.fetch} */
  fetch?: typeof fetch;
  /** How token errors name the settings to check. @default {the .env variables} */
  advice?: TokenAdvice;
}

const ENV_ADVICE: TokenAdvice = {
  accountsUrl: "SPOTIFY_ACCOUNTS_URL in .env",
  credentials: "SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET in .env",
};

/**
 * Sign in with the configured app (PKCE) and keep the tokens in the token file (mode 0600), where
 * `connect({ user: true })` finds them.
 *
 * @param options Where the configuration comes from, and how to show and ask.
 * @returns The signed-in token provider.
 * @throws {ConfigError} When no app is configured.
 * @throws {AuthError} When the sign-in is refused, fails its checks, or times out.
 *
 * In a notebook cell, `await login()` prints the page to open and, where the browser is elsewhere,
 * asks for the address it ended on in Jupyter's input box.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { login } from "./login.ts";
 * await assert.rejects(login({ env: {}, envFile: false }), /^ConfigError: Cannot sign in without an app/);
 * ```
 */
export async function login(options: LoginOptions = {}): Promise<UserTokenProvider> {
  const config = loadConfig(options);
  const print = options.print ?? console.log;
  if (config.clientId === undefined) {
    throw new ConfigError(
      "SPOTIFY_CLIENT_ID",
      `Cannot sign in without an app: set SPOTIFY_CLIENT_ID (and SPOTIFY_CLIENT_SECRET) in .env, and add ${config.redirectUri} to the app's Redirect URIs (see .env.example)`,
    );
  }
  const browser = options.browser ?? canOpenBrowser();
  const paste = options.paste === true || !browser;
  const advice = options.advice ?? ENV_ADVICE;
  print(
    `Signing in to app …${config.clientId.slice(-4)} with scopes: ${DEFAULT_SCOPES.join(", ")}.`,
  );
  const result = await signIn({
    clientId: config.clientId,
    accountsUrl: config.accountsUrl,
    redirectUri: config.redirectUri,
    advice,
    paste,
    ask: options.ask ?? promptAsk,
    open: (url) => {
      print(instructions(url, paste, options.timeoutMs ?? 300_000));
      if (!paste) (options.launch ?? launchBrowser)(url);
    },
    ...pick(options, ["pasteAfterMs", "timeoutMs", "wait", "fetch"]),
  });
  const tokens = createUserTokenProvider({
    clientId: config.clientId,
    accountsUrl: config.accountsUrl,
    apiUrl: config.apiUrl,
    tokenFile: config.tokenFile,
    advice,
    ...pick(options, ["fetch"]),
  });
  await tokens.set(result);
  return tokens;
}

function instructions(url: string, paste: boolean, timeoutMs: number): string {
  const minutes = Math.round(timeoutMs / 60_000);
  return paste
    ? `Open this page in a browser on any machine and sign in with Spotify (it waits ${minutes} minutes):\n\n  ${url}\n\n` +
      `After you agree, the browser goes to an address on 127.0.0.1 that fails to load: that is expected, copy that address.`
    : `Open this page to sign in with Spotify (it waits ${minutes} minutes):\n\n  ${url}\n`;
}

/** The options among `keys` that are set (so that `exactOptionalPropertyTypes` holds). */
function pick<T extends object, K extends keyof T>(options: T, keys: K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) if (options[key] !== undefined) picked[key] = options[key];
  return picked;
}
