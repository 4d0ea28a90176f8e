/**
 * `deno task demo` as a user meets it: one sentence for each situation we can name, and a failing
 * cell reported with its notebook and cell number.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { PROJECT_ROOT } from "../lib/config.ts";
import { runNotebooks } from "../tools/_jupyter.ts";
import { startEmulator } from "../emulator/mod.ts";

const SECRET = "demoCanarySecret00000000000000042";

async function demo(env: Record<string, string>, args: string[] = []) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(PROJECT_ROOT, "tools/demo.ts"), ...args],
    env: { NO_COLOR: "1", SPOTIFY_CACHE_DIR: "off", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b).trim();
  return { code: output.code, stdout: text(output.stdout), stderr: text(output.stderr) };
}

Deno.test("demo stops in one sentence, without the secret, when the credentials are wrong", async () => {
  await using server = await startEmulator();
  const result = await demo({
    SPOTIFY_CLIENT_ID: server.clientId,
    SPOTIFY_CLIENT_SECRET: SECRET,
    SPOTIFY_ACCOUNTS_URL: server.accountsUrl,
    SPOTIFY_API_URL: server.apiUrl,
  });
  assert.equal(result.code, 1);
  assert.equal(result.stderr.split("\n").length, 1, result.stderr);
  assert.match(result.stderr, /^Cannot get a token: Spotify rejected the app's credentials/);
  assert.ok(!result.stderr.includes(SECRET) && !result.stdout.includes(SECRET));
});

Deno.test("demo stops in one sentence when the API is unreachable", async () => {
  await using server = await startEmulator();
  const result = await demo({
    SPOTIFY_CLIENT_ID: server.clientId,
    SPOTIFY_CLIENT_SECRET: server.clientSecret,
    SPOTIFY_ACCOUNTS_URL: server.accountsUrl,
    SPOTIFY_API_URL: "http://127.0.0.1:9/v1",
  });
  assert.equal(result.code, 1);
  assert.equal(result.stderr.split("\n").length, 1, result.stderr);
  assert.match(result.stderr, /is unreachable .*SPOTIFY_API_URL/);
});

Deno.test("demo stops in one sentence on a malformed setting or an unknown notebook", async () => {
  const mode = await demo({ SPOTIFY_MODE: "turbo" });
  assert.equal(mode.code, 1);
  assert.equal(
    mode.stderr,
    'Invalid SPOTIFY_MODE "turbo": use one of "auto", "development", "extended" (see .env.example)',
  );
  const unknown = await demo({}, ["99_nothing"]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /^Unknown notebook "99_nothing": use one of 01_getting_started/);
});

Deno.test("a failing cell is reported with its number and code, and leaves no output behind", async () => {
  const dir = await Deno.makeTempDir();
  const notebook = join(dir, "99_failing.ipynb");
  const cell = (source: string, id: string) => ({
    cell_type: "code",
    id,
    execution_count: null,
    metadata: {},
    outputs: [],
    source,
  });
  await Deno.writeTextFile(
    notebook,
    JSON.stringify({
      cells: [cell("const x = 1;", "a"), cell('throw new RangeError("boom " + x);', "b")],
      metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
  const outDir = join(dir, "out");
  await Deno.mkdir(outDir);
  await Deno.writeTextFile(join(outDir, "99_failing.html"), "stale success");
  const [result] = await runNotebooks({ notebooks: [notebook], outDir });
  assert.equal(result?.ok, false);
  assert.match(
    result?.error ?? "",
    /^cell 2 \(`throw new RangeError\("boom " \+ x\);`\) raised RangeError: boom 1/,
  );
  assert.deepEqual([...Deno.readDirSync(outDir)], []);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("demo with real credentials but no sign-in skips the user notebooks, saying why, and indexes the rest", async () => {
  await using server = await startEmulator();
  const result = await demo({
    SPOTIFY_CLIENT_ID: server.clientId,
    SPOTIFY_CLIENT_SECRET: server.clientSecret,
    SPOTIFY_ACCOUNTS_URL: server.accountsUrl,
    SPOTIFY_API_URL: server.apiUrl,
    SPOTIFY_TOKEN_FILE: "/nonexistent/.spotify-token.json",
  }, ["01_getting_started", "03_playlist_anatomy"]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    /skip notebooks\/03_playlist_anatomy\.ipynb: it reads your own listening; run "deno task login" first/,
  );
  assert.match(result.stdout, /ok {3}out\/01_getting_started\.html/);
  const index = await Deno.readTextFile(join(PROJECT_ROOT, "out", "index.html"));
  assert.match(index, /<a href="01_getting_started\.html">page<\/a>/);
  assert.match(index, /Playlist anatomy.*skipped: run deno task login first/s);
  assert.match(index, /from live Spotify data/);
});
