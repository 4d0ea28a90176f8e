/**
 * `deno task demo` as a user meets it: one sentence for each situation we can name, and a failing
 * cell reported with its notebook and cell number.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { PROJECT_ROOT } from "../lib/core/config.ts";
import { runNotebooks } from "../tools/jupyter.ts";
import { startEmulator } from "../emulator/mod.ts";

const SECRET = "demoCanarySecret00000000000000042";

/** `deno task demo`/`render`, writing to a temporary folder (never the project's `out/`). */
async function demo(env: Record<string, string>, args: string[] = [], outDir?: string) {
  const out = outDir ?? await Deno.makeTempDir({ prefix: "demo-out-" });
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(PROJECT_ROOT, "tools/demo.ts"), "--out", out, ...args],
    env: { NO_COLOR: "1", SPOTIFY_CACHE_DIR: "off", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b).trim();
  if (outDir === undefined) await Deno.remove(out, { recursive: true });
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

// One folder for both runs: the page the first renders is the earlier page the render must keep
// listed (a notebook run less than rendering it twice).
Deno.test("demo with real credentials but no sign-in skips the user notebooks, saying why, and indexes the rest; render then runs a notebook with parameters injected after its parameters cell, names the page after them and lists it in the same index", async () => {
  await using server = await startEmulator();
  const out = await Deno.makeTempDir({ prefix: "demo-out-" });
  const first = await demo(
    {
      SPOTIFY_CLIENT_ID: server.clientId,
      SPOTIFY_CLIENT_SECRET: server.clientSecret,
      SPOTIFY_ACCOUNTS_URL: server.accountsUrl,
      SPOTIFY_API_URL: server.apiUrl,
      SPOTIFY_TOKEN_FILE: "/nonexistent/.spotify-token.json",
    },
    ["01_getting_started", "03_playlist_anatomy"],
    out,
  );
  assert.equal(first.code, 0, first.stderr);
  assert.match(
    first.stdout,
    /skip notebooks\/03_playlist_anatomy\.ipynb: it reads your own listening; run "deno task login" first/,
  );
  assert.match(first.stdout, /ok {3}\S*\/01_getting_started\.html/);
  const listed = await Deno.readTextFile(join(out, "index.html"));
  assert.match(listed, /<a href="01_getting_started\.html">page<\/a>/);
  assert.match(listed, /Playlist anatomy.*skipped: run deno task login first/s);
  assert.match(listed, /from live Spotify data/);

  // The render, offline, into the same folder.
  const env = { SPOTIFY_CLIENT_ID: "", SPOTIFY_CLIENT_SECRET: "" };
  const result = await demo(env, [
    "01_getting_started",
    "--param",
    'QUERY="quiet"',
    "--param",
    "MAX_ARTISTS=3",
    "--param=FRESH=true",
  ], out);
  assert.equal(result.code, 0, result.stderr);
  const page = "01_getting_started.query-quiet.max_artists-3.fresh-true";
  assert.match(result.stdout, new RegExp(`ok {3}\\S*/${page.replaceAll(".", "\\.")}\\.html`));
  const notebook = JSON.parse(await Deno.readTextFile(join(out, `${page}.ipynb`))) as {
    cells: {
      cell_type: string;
      source: string | string[];
      metadata: { tags?: string[] };
      outputs?: { data?: Record<string, unknown> }[];
    }[];
  };
  const at = notebook.cells.findIndex((c) => c.metadata.tags?.includes("parameters"));
  const injected = notebook.cells[at + 1]!;
  assert.deepEqual(injected.metadata.tags, ["injected-parameters"]);
  assert.equal(
    [injected.source].flat().join(""),
    '// Parameters injected by deno task render\nconst QUERY = "quiet";\nconst MAX_ARTISTS = 3;\nconst FRESH = true;',
  );
  // The search ran with the new values: at most 3 artists, each found for "quiet".
  const html = await Deno.readTextFile(join(out, `${page}.html`));
  assert.match(html, /Releases of the first \d artists found for (?:&#34;|&quot;)quiet/);
  const index = await Deno.readTextFile(join(out, "index.html"));
  assert.match(
    index,
    /<a href="01_getting_started\.html">page<\/a>/,
    "the earlier page stays listed",
  );
  assert.match(index, new RegExp(`<a href="${page.replaceAll(".", "\\.")}\\.html">page</a>`));
  assert.match(index, /<code>QUERY = &#34;quiet&#34;<\/code> <code>MAX_ARTISTS = 3<\/code>/);
  await Deno.remove(out, { recursive: true });
});

Deno.test("render refuses an unknown parameter or a value of the wrong type in one sentence", async () => {
  const env = { SPOTIFY_CLIENT_ID: "", SPOTIFY_CLIENT_SECRET: "" };
  const unknown = await demo(env, ["02_artist_discography", "--param", "ARTISTS=[]"]);
  assert.equal(unknown.code, 1);
  assert.equal(
    unknown.stderr,
    'Unknown parameter "ARTISTS" for 02_artist_discography: its parameters are ARTIST_NAMES, INCLUDE, FRESH, FETCH_SECONDS',
  );
  const wrong = await demo(env, ["02_artist_discography", "--param", "FRESH=yes"]);
  assert.equal(wrong.code, 1);
  assert.equal(wrong.stderr, 'Invalid value for FRESH: "yes" is not true or false');
  const list = await demo(env, ["02_artist_discography", "--param", 'ARTIST_NAMES="Tova"']);
  assert.equal(
    list.stderr,
    'Invalid value for ARTIST_NAMES: "\\"Tova\\"" is not a JSON list of texts, e.g. ["a", "b"]',
  );
  const two = await demo(env, ["--param", "FRESH=true"]);
  assert.match(two.stderr, /^Parameters apply to one notebook: name it/);
});
