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
    env: {
      NO_COLOR: "1",
      SPOTIFY_CACHE_DIR: "off",
      SPOTIFY_HISTORY_DB: join(out, "history.sqlite"),
      ...env,
    },
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

Deno.test("the offline demo with a file that is not a store at OUT/history.sqlite stops in one sentence advising --out, and keeps the file", async () => {
  const out = await Deno.makeTempDir({ prefix: "demo-out-" });
  try {
    const store = join(out, "history.sqlite");
    await Deno.writeTextFile(store, "notes\n");
    const result = await demo(
      { SPOTIFY_CLIENT_ID: "", SPOTIFY_CLIENT_SECRET: "" },
      ["06_listening_over_time"],
      out,
    );
    assert.equal(result.code, 1, result.stderr);
    assert.equal(
      result.stderr,
      `Cannot open the history store "${store}": it is not a SQLite file; the offline demo keeps the sample listening history there: move that file away or give the demo another folder with --out (the file is left as it is)`,
    );
    assert.equal(await Deno.readTextFile(store), "notes\n");
  } finally {
    await Deno.remove(out, { recursive: true });
  }
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
Deno.test("demo with real credentials but no sign-in skips the user notebooks, saying why, and indexes the rest; render then runs a notebook with parameters injected after its parameters cell, names the page after them and lists it in the same index; the index shows a card per page with its first chart, and every file is written whole, mode 0644, its outputs without colour codes", async () => {
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
  assert.match(
    first.stdout.split("\n").at(-1)!,
    /^Rendered 1 of 2 notebooks to \S+\/ \(index: \S+\); skipped 1 that reads your own listening \(03_playlist_anatomy\): run "deno task login" first$/,
  );
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
  // Plain values print in colour in the kernel; the saved notebook and the page have plain text.
  const plain = notebook.cells.flatMap((c) => c.outputs ?? [])
    .map((o) => [o.data?.["text/plain"] ?? ""].flat().join("")).join("\n");
  assert.match(plain, /offline: true/);
  assert.ok(!plain.includes("\u001b"), "no colour codes");
  const html = await Deno.readTextFile(join(out, `${page}.html`));
  assert.doesNotMatch(html, /<span class="ansi-/);
  assert.match(html, /Releases of the first \d artists found for (?:&#34;|&quot;)quiet/);
  const index = await Deno.readTextFile(join(out, "index.html"));
  assert.match(
    index,
    /<a href="01_getting_started\.html">page<\/a>/,
    "the earlier page stays listed",
  );
  assert.match(index, new RegExp(`<a href="${page.replaceAll(".", "\\.")}\\.html">page</a>`));
  assert.match(index, /<code>QUERY = &#34;quiet&#34;<\/code> <code>MAX_ARTISTS = 3<\/code>/);
  // Each card shows its notebook's first chart as a thumbnail, and when it was rendered.
  const cards = index.split('<article class="card">').slice(1);
  assert.equal(cards.length, 3, "01 twice (as committed, with parameters) and 03 (skipped)");
  for (const card of cards.filter((c) => !c.includes("skipped"))) {
    assert.match(card, /<img class="thumb" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    assert.match(card, /alt="First chart: Releases of the first \d+ artists found for/);
    assert.match(card, /Rendered <time datetime="\d{4}-\d\d-\d\dT\d\d:\d\dZ">/);
  }
  // What was written has the permissions of any new file (0644 under the usual umask), whole:
  // no temporary file is left beside it.
  const mode = 0o666 & ~Deno.umask();
  const written = [...Deno.readDirSync(out)].map((e) => e.name).filter((n) => n !== ".cache");
  assert.deepEqual(
    written.sort(),
    [
      "01_getting_started.html",
      "01_getting_started.ipynb",
      `${page}.html`,
      `${page}.ipynb`,
      "index.html",
      "index.json",
    ].sort(),
  );
  for (const name of written) {
    const stat = await Deno.stat(join(out, name));
    assert.equal((stat.mode! & 0o777).toString(8), mode.toString(8), `${name} is 0644`);
  }
  await Deno.remove(out, { recursive: true });
});

Deno.test("demo and render --help print how to use them and exit 0, before connecting", async () => {
  for (const flag of ["--help", "-h"]) {
    const result = await demo({ SPOTIFY_API_URL: "http://127.0.0.1:9/unreachable" }, [
      "02_artist_discography",
      flag,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    assert.match(result.stdout, /^use: deno task demo \[--out DIR\]\n/);
    assert.match(result.stdout, /\nuse: deno task render NOTEBOOK\.\.\. \[--param NAME=VALUE\]/);
  }
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

Deno.test("render refuses a number that is not finite, a name given twice, and echoes a crafted name on one line, before anything runs", async () => {
  const env = { SPOTIFY_CLIENT_ID: "", SPOTIFY_CLIENT_SECRET: "" };
  const cases: [string[], string][] = [
    [
      ["--param", "FETCH_SECONDS=1e999"],
      'Invalid value for FETCH_SECONDS: "1e999" is not a finite number',
    ],
    [
      ["--param", "FETCH_SECONDS=-1e999"],
      'Invalid value for FETCH_SECONDS: "-1e999" is not a finite number',
    ],
    [["--param", "FETCH_SECONDS=NaN"], 'Invalid value for FETCH_SECONDS: "NaN" is not a number'],
    [
      ["--param", "FRESH=true", "--param", "FRESH=false"],
      "Give FRESH once: --param FRESH=... appears twice",
    ],
    [
      ["--param", "FRESH\nOK: rendered\r\u2028\u001b[2J=1"],
      'Unknown parameter "FRESH\\nOK: rendered\\r\\u2028\\u001b[2J" for 02_artist_discography: ' +
      "its parameters are ARTIST_NAMES, INCLUDE, FRESH, FETCH_SECONDS",
    ],
    [["--bogus\nline"], 'Unknown option "--bogus\\nline": use: deno task render NOTEBOOK'],
  ];
  for (const [args, message] of cases) {
    const result = await demo(env, ["02_artist_discography", ...args]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, "", "nothing ran");
    assert.ok(result.stderr.startsWith(message), `${result.stderr}\n!= ${message}`);
    assert.equal(result.stderr.split(/[\n\r\u2028\u2029]/).length, 1, result.stderr);
  }
});

/**
 * A folder this process cannot write to, made honestly: mode 0555, and as root (where modes do not
 * stop writes) immutable too (`chattr +i`). Writing into it is tried: `undefined` when it still
 * works (no way to lock a folder here).
 */
async function readOnlyFolder(): Promise<(AsyncDisposable & { path: string }) | undefined> {
  const path = await Deno.makeTempDir({ prefix: "render-read-only-" });
  await Deno.chmod(path, 0o555);
  const chattr = (flag: string) =>
    new Deno.Command("chattr", { args: [flag, path], stdout: "null", stderr: "null" }).output()
      .catch(() => undefined);
  if (Deno.uid() === 0) await chattr("+i");
  const dispose = async () => {
    if (Deno.uid() === 0) await chattr("-i");
    await Deno.chmod(path, 0o755);
    await Deno.remove(path, { recursive: true });
  };
  const writable = await Deno.writeTextFile(join(path, "probe"), "").then(() => true, () => false);
  if (writable) {
    await dispose();
    return undefined;
  }
  return { path, [Symbol.asyncDispose]: dispose };
}

const lockable = await readOnlyFolder().then(async (folder) => {
  await folder?.[Symbol.asyncDispose]();
  return folder !== undefined;
});
if (!lockable) console.log("Skipping the read-only --out case: no folder can be locked here.");

Deno.test({
  name:
    "render refuses an --out that is a file, a read-only folder, or a folder it cannot make, in one sentence before any notebook runs",
  ignore: !lockable,
  async fn() {
    const env = { SPOTIFY_CLIENT_ID: "", SPOTIFY_CLIENT_SECRET: "" };
    await using locked = await readOnlyFolder();
    const dir = await Deno.makeTempDir({ prefix: "render-out-" });
    const file = join(dir, "a-file");
    await Deno.writeTextFile(file, "kept");
    const cases: [string, RegExp][] = [
      [
        file,
        /^Cannot write the pages to ".*a-file": it is a file, not a folder; give --out a folder$/,
      ],
      [
        join(file, "sub"),
        /^Cannot make the folder ".*a-file\/sub" for the pages: a part of its path is a file$/,
      ],
      [
        locked!.path,
        /^Cannot write the pages to ".*render-read-only-\w+": (permission denied|operation not permitted|read-only file system); give --out a folder you can write to$/i,
      ],
      [
        join(locked!.path, "sub"),
        /^Cannot make the folder ".*render-read-only-\w+\/sub" for the pages: (permission denied|operation not permitted|read-only file system)$/i,
      ],
      [
        join(PROJECT_ROOT, "notebooks"),
        /"01_getting_started\.ipynb" would replace the notebook being rendered/,
      ],
    ];
    for (const [out, expected] of cases) {
      const result = await demo(env, ["01_getting_started"], out);
      assert.equal(result.code, 1, out);
      assert.match(result.stderr, expected);
      assert.equal(result.stdout, "", "no notebook ran and nothing connected");
    }
    assert.equal(await Deno.readTextFile(file), "kept");
    assert.deepEqual([...Deno.readDirSync(locked!.path)], []);
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test("render refuses a file that is not a notebook in one sentence naming it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "render-bad-" });
  const env = { SPOTIFY_CLIENT_ID: "", SPOTIFY_CLIENT_SECRET: "" };
  const cases: [string, string, string][] = [
    ["99_text.ipynb", "just some text", "it is not JSON ("],
    ["99_old.ipynb", '{"nbformat": 3, "worksheets": []}', 'it is nbformat "3" and only nbformat 4'],
    [
      "99_empty.ipynb",
      '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}',
      "it has no cells",
    ],
  ];
  for (const [name, text, problem] of cases) {
    await Deno.writeTextFile(join(dir, name), text);
    const result = await demo(env, [join(dir, name)]);
    assert.equal(result.code, 1);
    assert.ok(
      result.stderr.startsWith(`Cannot render "${join(dir, name)}": ${problem}`),
      result.stderr,
    );
    assert.equal(result.stderr.split("\n").length, 1, result.stderr);
    assert.equal(result.stdout, "");
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("render runs a notebook whose sources are strings, and values that differ only in punctuation get pages of their own", async () => {
  const dir = await Deno.makeTempDir({ prefix: "render-strings-" });
  const notebook = join(dir, "99_strings.ipynb");
  const cell = (id: string, source: string, tags: string[] = []) => ({
    cell_type: "code",
    id,
    execution_count: null,
    metadata: { tags },
    outputs: [],
    source,
  });
  await Deno.writeTextFile(
    notebook,
    JSON.stringify({
      cells: [
        {
          cell_type: "markdown",
          id: "m",
          metadata: {},
          source: "# Strings as sources\nEach cell's source is one text.",
        },
        cell("p", 'const WORDS = "a b";\nconst TIMES = 2;', ["parameters"]),
        cell("r", 'console.log(`said ${WORDS.replaceAll(/[^a-z]/g, "_")} ${TIMES * 21} times`);'),
      ],
      metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
  const out = join(dir, "out");
  const env = { SPOTIFY_CLIENT_ID: "", SPOTIFY_CLIENT_SECRET: "" };
  const pages: string[] = [];
  for (const [words, said] of [["x,y", "x_y"], ["x;y", "x_y"], ["x-y", "x_y"]] as const) {
    const result = await demo(
      env,
      [notebook, "--param", `WORDS=${words}`, "--param", "TIMES=5"],
      out,
    );
    assert.equal(result.code, 0, result.stderr);
    const page = /ok {3}\S*\/(99_strings\.[^/\s]+)\.html/.exec(result.stdout)?.[1];
    assert.ok(page, result.stdout);
    pages.push(page);
    const executed = JSON.parse(await Deno.readTextFile(join(out, `${page}.ipynb`))) as {
      cells: { outputs?: { text?: string | string[] }[] }[];
    };
    const printed = executed.cells.flatMap((c) => c.outputs ?? []).map((o) =>
      [o.text ?? ""].flat().join("")
    );
    assert.deepEqual(printed.filter(Boolean), [`said ${said} 105 times\n`]);
    assert.match(await Deno.readTextFile(join(out, `${page}.html`)), /said x_y 105 times/);
  }
  assert.equal(pages[2], "99_strings.words-x-y.times-5", "an exact value keeps a readable name");
  assert.match(pages[0]!, /^99_strings\.words-x-y\.times-5--[0-9a-f]{8}$/);
  assert.equal(new Set(pages).size, 3, pages.join(" "));
  const index = JSON.parse(await Deno.readTextFile(join(out, "index.json"))) as {
    page: string;
    title: string;
    params: Record<string, unknown>;
  }[];
  assert.deepEqual(
    index.map((p) => [p.page, p.title, p.params.WORDS]).sort(),
    pages.map((page, i) => [page, "Strings as sources", ["x,y", "x;y", "x-y"][i]]).sort(),
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("render sets a `let` parameter and a list deno fmt wrapped over lines, declared together, and the kernel runs the injected cell after them", async () => {
  const dir = await Deno.makeTempDir({ prefix: "render-let-" });
  const notebook = join(dir, "99_let.ipynb");
  const cell = (id: string, source: string[], tags: string[] = []) => ({
    cell_type: "code",
    id,
    execution_count: null,
    metadata: { tags },
    outputs: [],
    source,
  });
  await Deno.writeTextFile(
    notebook,
    JSON.stringify({
      cells: [
        cell("p", [
          "let X = 1, Y = 2;\n",
          "const ARTIST_NAMES = [\n",
          '  "A",\n',
          '  "B",\n',
          "];",
        ], ["parameters"]),
        cell("r", ["console.log(`x=${X} y=${Y} names=${ARTIST_NAMES.join('+')}`);"]),
      ],
      metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
  const out = join(dir, "out");
  const env = { SPOTIFY_CLIENT_ID: "", SPOTIFY_CLIENT_SECRET: "" };
  const args = [notebook, "--param", "X=3", "--param", 'ARTIST_NAMES=["c"]'];
  const result = await demo(env, args, out);
  assert.equal(result.code, 0, result.stderr);
  const executed = JSON.parse(
    await Deno.readTextFile(join(out, "99_let.x-3.artist_names-c.ipynb")),
  ) as { cells: { source: string | string[]; outputs?: { text?: string | string[] }[] }[] };
  assert.equal(
    [executed.cells[1]!.source].flat().join(""),
    '// Parameters injected by deno task render\nlet X = 3;\nconst ARTIST_NAMES = ["c"];',
  );
  const printed = executed.cells.flatMap((c) => c.outputs ?? []).map((o) =>
    [o.text ?? ""].flat().join("")
  );
  assert.deepEqual(printed.filter(Boolean), ["x=3 y=2 names=c\n"]);
  await Deno.remove(dir, { recursive: true });
});
