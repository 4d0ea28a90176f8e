/**
 * `deno task login`: sign in with your Spotify account (Authorization Code with PKCE), so notebooks
 * can read your own listening. Prints the authorize URL (and opens it where a browser exists),
 * waits for Spotify to send you back to SPOTIFY_REDIRECT_URI on 127.0.0.1, and stores the tokens
 * in `.spotify-token.json` (mode 0600, git-ignored). Where the browser is on another machine (no
 * display, an SSH session), or with `--paste`, or when no callback has come after 30 s, it asks for
 * the address the browser ended on, read from standard input. `deno task logout` deletes the file.
 *
 * @module
 */
import { createClient, loadConfig, SpotifyError } from "../lib/mod.ts";
import { login } from "../lib/auth/login.ts";
import type { AskAddress } from "../lib/auth/sign_in_answer.ts";
import { ENV_TOKEN_ADVICE } from "../lib/connect.ts";
import { signOut } from "../lib/sign_out.ts";

function fail(message: string): never {
  console.error(message);
  Deno.exit(1);
}

/** Lines of standard input, one at a time (a terminal, or a pipe). */
function stdinLines(): () => Promise<string | null> {
  const reader = Deno.stdin.readable.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  let ended = false;
  return async () => {
    for (;;) {
      const newline = buffered.indexOf("\n");
      if (newline >= 0) {
        const line = buffered.slice(0, newline).replace(/\r$/, "");
        buffered = buffered.slice(newline + 1);
        return line;
      }
      if (ended) {
        const rest = buffered;
        buffered = "";
        return rest === "" ? null : rest;
      }
      const { value, done } = await reader.read();
      if (done) ended = true;
      else buffered += value;
    }
  };
}

/** Ask on standard output, read the answer from standard input; `null` once the sign-in is over. */
function stdinAsk(): AskAddress {
  const next = stdinLines();
  let pending: Promise<string | null> | undefined;
  return async (question, signal) => {
    console.log(question);
    pending ??= next();
    const over = new Promise<null>((resolve) =>
      signal.addEventListener("abort", () => resolve(null), { once: true })
    );
    const line = await Promise.race([pending, over]);
    if (!signal.aborted) pending = undefined;
    return line;
  };
}

const USAGE = [
  "use: deno task login [--paste]",
  "  Sign in with your Spotify account so notebooks can read your own listening; the tokens go",
  "  to .spotify-token.json (mode 0600). --paste: give the address the browser ended on here",
  "  instead of waiting for Spotify's redirect to 127.0.0.1.",
  "use: deno task logout",
  "  Delete the stored tokens and your cached answers.",
].join("\n");

async function main(args: string[]): Promise<void> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  if (args[0] === "logout") {
    const had = await signOut(config.tokenFile, { cacheDir: config.cacheDir });
    console.log(
      had
        ? `Signed out: deleted ${config.tokenFile}${
          config.cacheDir === false ? "" : " and your cached answers"
        }.`
        : "Not signed in: nothing to delete.",
    );
    return;
  }
  const unknown = args.find((arg) => arg !== "--paste");
  if (unknown !== undefined) {
    fail(
      `Unknown option ${
        JSON.stringify(unknown)
      }: use "deno task login" or "deno task login --paste"`,
    );
  }
  const tokens = await login({
    paste: args.includes("--paste"),
    ask: stdinAsk(),
    advice: ENV_TOKEN_ADVICE,
  });
  const client = createClient({ apiUrl: config.apiUrl, tokenProvider: tokens, mode: config.mode });
  const profile = await client.me();
  console.log(
    `Signed in as ${
      profile.display_name ?? profile.id
    }; tokens saved to ${config.tokenFile} (mode 0600). ` +
      `Notebooks use them through connect({ user: true }); "deno task logout" forgets them.`,
  );
}

try {
  await main(Deno.args);
  // A question on standard input may still be waiting for a line nobody needs now.
  Deno.exit(0);
} catch (error) {
  if (error instanceof SpotifyError || error instanceof TypeError) fail(error.message);
  throw error;
}
