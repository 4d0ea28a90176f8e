import assert from "node:assert/strict";
import { join } from "node:path";
import { PROJECT_ROOT } from "../lib/core/config.ts";
import {
  injectedSource,
  type NotebookJson,
  notebookParams,
  paramsSlug,
  parseParams,
} from "./_params.ts";

async function paramsOf(name: string) {
  const path = join(PROJECT_ROOT, "notebooks", `${name}.ipynb`);
  return notebookParams(JSON.parse(await Deno.readTextFile(path)) as NotebookJson);
}

Deno.test("notebookParams() reads every notebook's parameters cell with the types it declares", async () => {
  const discography = await paramsOf("02_artist_discography");
  assert.deepEqual([...discography.values()], [
    { name: "ARTIST_NAMES", type: "string[]", nullable: false, asConst: false, keyword: "const" },
    { name: "INCLUDE", type: "string[]", nullable: false, asConst: true, keyword: "const" },
    { name: "FRESH", type: "boolean", nullable: false, asConst: false, keyword: "const" },
    { name: "FETCH_SECONDS", type: "number", nullable: false, asConst: false, keyword: "const" },
  ]);
  const playlist = await paramsOf("03_playlist_anatomy");
  assert.deepEqual(playlist.get("PLAYLIST_ID"), {
    name: "PLAYLIST_ID",
    type: "string",
    nullable: true,
    asConst: false,
    keyword: "const",
  });
  assert.deepEqual([...(await paramsOf("01_getting_started")).keys()], [
    "QUERY",
    "MAX_ARTISTS",
    "TIMELINE_ARTISTS",
    "FRESH",
  ]);
  assert.equal((await paramsOf("04_listening_habits")).get("SESSION_GAP_MINUTES")?.type, "number");
});

Deno.test("parseParams() takes JSON, bare text for text parameters, and null where declared", async () => {
  const params = await paramsOf("03_playlist_anatomy");
  const values = parseParams(params, ["PLAYLIST_ID=abc123", "FRESH=true"], "03");
  assert.deepEqual(values.map(([p, v]) => [p.name, v]), [["PLAYLIST_ID", "abc123"], [
    "FRESH",
    true,
  ]]);
  assert.deepEqual(parseParams(params, ["PLAYLIST_ID=null"], "03")[0]![1], null);
  assert.throws(() => parseParams(params, ["FRESH=null"], "03"), {
    name: "TypeError",
    message: 'Invalid value for FRESH: "null" is not true or false',
  });
  assert.throws(() => parseParams(params, ["FRESH"], "03"), /^TypeError: Missing a value/);
  assert.throws(() => parseParams(notebookParams({ cells: [] }), ["X=1"], "99_x"), {
    message: 'Unknown parameter "X" for 99_x: it has no cell tagged "parameters"',
  });
});

/** A notebook whose parameters cell declares these lines. */
function declared(...lines: string[]): NotebookJson {
  return {
    cells: [{ cell_type: "code", metadata: { tags: ["parameters"] }, source: lines.join("\n") }],
  };
}

Deno.test("injectedSource() keeps `as const`, in the notebook's order whatever the order given", async () => {
  const params = await paramsOf("02_artist_discography");
  const values = parseParams(params, ['INCLUDE=["album"]', 'ARTIST_NAMES=["Tova Calloway"]'], "02");
  assert.equal(
    injectedSource(values),
    '// Parameters injected by deno task render\nconst ARTIST_NAMES = ["Tova Calloway"];\n' +
      'const INCLUDE = ["album"] as const;',
  );
  const swapped = parseParams(
    params,
    ['ARTIST_NAMES=["Tova Calloway"]', 'INCLUDE=["album"]'],
    "02",
  );
  assert.equal(await paramsSlug(swapped), await paramsSlug(values));
});

Deno.test("paramsSlug() names exact values readably and adds a hash whenever the name loses something", async () => {
  const params = await paramsOf("02_artist_discography");
  const slug = async (...args: string[]) => await paramsSlug(parseParams(params, args, "02"));
  assert.equal(await slug("FRESH=true", "FETCH_SECONDS=30"), "fresh-true.fetch_seconds-30");
  assert.equal(await slug('INCLUDE=["album","single"]'), "include-album-single");
  assert.match(
    await slug('ARTIST_NAMES=["Tova Calloway"]', 'INCLUDE=["album"]'),
    /^artist_names-tova-calloway\.include-album--[0-9a-f]{8}$/,
  );
  const long = await slug(`ARTIST_NAMES=${JSON.stringify(Array(12).fill("someone"))}`);
  assert.ok(long.length <= 80, long);
  assert.match(long, /^artist_names-someone-someone.*--[0-9a-f]{8}$/);
  assert.notEqual(await slug(`ARTIST_NAMES=${JSON.stringify(Array(13).fill("someone"))}`), long);
  assert.equal(await paramsSlug([]), "");
});

Deno.test("paramsSlug() gives values that differ only in punctuation, case, sign or nesting different pages", async () => {
  const params = notebookParams(declared(
    'const TEXT: string | null = "a";',
    "const N = 1;",
    "const NS: number[] = [];",
    'const WORDS: string[] = ["a"];',
    "const lower = 1;",
  ));
  const groups = [
    [
      "TEXT=a-b",
      "TEXT=a,b",
      "TEXT=a;b",
      "TEXT=a b",
      "TEXT=A-B",
      "TEXT=a--b",
      "TEXT=-a-b",
      "TEXT=a.b",
    ],
    ["TEXT=null", 'TEXT="null"', "TEXT=", 'TEXT=" "'],
    ["N=3", "N=-3", "N=0.3", "N=30", "N=3e21", "N=-0.3"],
    ["NS=[1.5]", "NS=[1,5]", "NS=[15]", "NS=[-1,5]", "NS=[]"],
    ['WORDS=["a-b"]', 'WORDS=["a","b"]', 'WORDS=["a b"]', 'WORDS=["A","b"]', "WORDS=[]"],
    ["lower=1", "lower=2"],
  ];
  for (const group of groups) {
    const slugs = await Promise.all(
      group.map(async (a) => await paramsSlug(parseParams(params, [a], "99"))),
    );
    assert.equal(new Set(slugs).size, group.length, `${group.join(" ")} -> ${slugs.join(" ")}`);
    for (const s of slugs) assert.match(s, /^[a-z0-9_.-]{1,80}$/);
  }
  // A name that lowercasing could confuse with another gets a hash too.
  assert.match(await paramsSlug(parseParams(params, ["lower=1"], "99")), /^lower-1--[0-9a-f]{8}$/);
});

Deno.test("paramsSlug() maps every text of up to three crafted pieces to a page name of its own", async () => {
  const params = notebookParams(declared('const Q = "";'));
  const pieces = ["a", "B", "1", "-", "_", ".", " ", ",", "é", "--", "\n", "null", "Ä", "🎵", "/"];
  let texts = [""];
  for (let length = 0; length < 3; length++) {
    texts = [...texts, ...texts.flatMap((t) => pieces.map((p) => t + p))];
  }
  const slugs = new Map<string, string>();
  for (const text of new Set(texts)) {
    const slug = await paramsSlug([[params.get("Q")!, text]]);
    const before = slugs.get(slug);
    assert.equal(
      before,
      undefined,
      `${JSON.stringify(text)} and ${JSON.stringify(before)}: ${slug}`,
    );
    assert.match(slug, /^[a-z0-9_.-]{1,80}$/);
    slugs.set(slug, text);
  }
  assert.ok(slugs.size > 3000, String(slugs.size));
});

Deno.test("parseParams() refuses numbers that are not finite, names given twice, and echoes a name on one line", async () => {
  const params = await paramsOf("02_artist_discography");
  for (const text of ["1e999", "-1e999", "NaN", "Infinity"]) {
    assert.throws(() => parseParams(params, [`FETCH_SECONDS=${text}`], "02"), {
      name: "TypeError",
      message: `Invalid value for FETCH_SECONDS: "${text}" is not ${
        text.includes("e999") ? "a finite number" : "a number"
      }`,
    });
  }
  const lists = notebookParams(declared("const NS: number[] = [];"));
  assert.throws(() => parseParams(lists, ["NS=[1, 1e999]"], "99"), {
    message: 'Invalid value for NS: "[1, 1e999]" is not a list of finite numbers',
  });
  assert.throws(() => parseParams(params, ["FRESH=true", "FRESH=false"], "02"), {
    message: "Give FRESH once: --param FRESH=... appears twice",
  });
  const hostile = "FRESH\n\rOK\u2028\u0085\u001b[31m" + "x".repeat(500);
  assert.throws(() => parseParams(params, [`${hostile}=1`], "02"), (error: Error) => {
    assert.equal(error.message.split(/[\n\r\u2028\u2029\u0085]/).length, 1, error.message);
    assert.ok(!error.message.includes("\u001b"), error.message);
    assert.ok(error.message.length < 250, error.message);
    assert.match(error.message, /^Unknown parameter "FRESH\\n\\rOK\\u2028\\u0085\\u001b\[31mxxx/);
    return true;
  });
});

Deno.test("notebookParams() reads let and var, several names per statement, and lists deno fmt wraps over lines", () => {
  const params = notebookParams(declared(
    "let X = 1; // a comment",
    "var V = 'single quoted';",
    'const A = "a", B: number | null = null;',
    "const ARTIST_NAMES = [",
    '  "A",',
    '  "B",',
    "];",
    "const MODES = [",
    "  1,",
    "  -2,",
    "] as const;",
  ));
  assert.deepEqual([...params.values()].map((p) => [p.name, p.keyword, p.type, p.nullable]), [
    ["X", "let", "number", false],
    ["V", "var", "string", false],
    ["A", "const", "string", false],
    ["B", "const", "number", true],
    ["ARTIST_NAMES", "const", "string[]", false],
    ["MODES", "const", "number[]", false],
  ]);
  const values = parseParams(params, ["X=3", 'ARTIST_NAMES=["C"]', "MODES=[4]", "V=w"], "99");
  assert.equal(
    injectedSource(values),
    '// Parameters injected by deno task render\nlet X = 3;\nvar V = "w";\n' +
      'const ARTIST_NAMES = ["C"];\nconst MODES = [4] as const;',
  );
});

Deno.test("parseParams() says whether the notebook has no parameters cell, an empty one, or which names it has", () => {
  const message = (notebook: NotebookJson, arg: string) => {
    try {
      parseParams(notebookParams(notebook), [arg], "99_x");
    } catch (error) {
      return (error as Error).message;
    }
    return "accepted";
  };
  assert.equal(
    message({ cells: [{ cell_type: "code", source: "let X = 1;" }] }, "X=3"),
    'Unknown parameter "X" for 99_x: it has no cell tagged "parameters"',
  );
  assert.equal(
    message(declared("// nothing here yet"), "X=3"),
    'Unknown parameter "X" for 99_x: its cell tagged "parameters" declares no const, let or var',
  );
  assert.equal(
    message(declared("let X = 1, Y = 2;"), "Z=3"),
    'Unknown parameter "Z" for 99_x: its parameters are X, Y',
  );
  assert.equal(
    message(declared("const OPTIONS = { a: 1 };"), "X=3"),
    'Unknown parameter "X" for 99_x: its cell tagged "parameters" declares only OPTIONS, of ' +
      "types --param cannot write",
  );
  assert.match(
    message(declared("const OPTIONS = { a: 1 };", "const N = 1;"), "OPTIONS={}"),
    /^Cannot set "OPTIONS" for 99_x from the command line: its cell tagged "parameters" gives it a type --param cannot write/,
  );
  assert.equal(message(declared("let X = 1;"), "X=3"), "accepted");
});
