/**
 * `deno task login`: sign in with your Spotify account (Authorization Code with PKCE), so notebooks
 * can read your own listening. Prints the authorize URL (and opens it where a browser exists),
 * waits for Spotify to send you back to SPOTIFY_REDIRECT_URI on 127.0.0.1, and stores the tokens
 * in `.spotify-token.json` (mode 0600, git-ignored). `deno task logout` deletes that file.
 *
 * @module
 */
import { createClient, loadConfig, SpotifyError } from "../lib/mod.ts";
import { createUserTokenProvider, DEFAULT_SCOPES, signIn } from "../lib/auth/user_auth.ts";
import { ENV_TOKEN_ADVICE } from "../lib/connect.ts";
import { signOut } from "../lib/sign_out.ts";

function fail(message: string): never {
  console.error(message);
  Deno.exit(1);
}

function openBrowser(url: string): void {
  console.log(`Open this page to sign in with Spotify (it waits 5 minutes):\n\n  ${url}\n`);
  for (const opener of ["xdg-open", "open"]) {
    try {
      const child = new Deno.Command(opener, { args: [url], stdout: "null", stderr: "null" })
        .spawn();
      // Never wait on the opener: one that does not return must not hold the sign-in.
      child.status.catch(() => {});
      child.unref();
      return;
    } catch {
      // No such opener here: the printed URL is enough.
    }
  }
}

try {
  const config = loadConfig();
  if (Deno.args[0] === "logout") {
    const had = await signOut(config.tokenFile, { cacheDir: config.cacheDir });
    console.log(
      had
        ? `Signed out: deleted ${config.tokenFile}${
          config.cacheDir === false ? "" : " and your cached answers"
        }.`
        : "Not signed in: nothing to delete.",
    );
    Deno.exit(0);
  }
  if (config.clientId === undefined) {
    fail(
      `Cannot sign in without an app: set SPOTIFY_CLIENT_ID (and SPOTIFY_CLIENT_SECRET) in .env, and add ${loadConfig().redirectUri} to the app's Redirect URIs (see .env.example)`,
    );
  }
  console.log(
    `Signing in to app …${config.clientId.slice(-4)} with scopes: ${DEFAULT_SCOPES.join(", ")}.`,
  );
  const result = await signIn({
    clientId: config.clientId,
    accountsUrl: config.accountsUrl,
    redirectUri: config.redirectUri,
    open: openBrowser,
    advice: ENV_TOKEN_ADVICE,
  });
  const tokens = createUserTokenProvider({
    clientId: config.clientId,
    accountsUrl: config.accountsUrl,
    apiUrl: config.apiUrl,
    tokenFile: config.tokenFile,
    advice: ENV_TOKEN_ADVICE,
  });
  await tokens.set(result); // also records the account (GET /me), which keys its cached answers
  const client = createClient({ apiUrl: config.apiUrl, tokenProvider: tokens, mode: config.mode });
  const profile = await client.me();
  console.log(
    `Signed in as ${
      profile.display_name ?? profile.id
    }; tokens saved to ${config.tokenFile} (mode 0600). ` +
      `Notebooks use them through connect({ user: true }); "deno task logout" forgets them.`,
  );
} catch (error) {
  if (error instanceof SpotifyError || error instanceof TypeError) fail(error.message);
  throw error;
}
