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
    { name: "ARTIST_NAMES", type: "string[]", nullable: false, asConst: false },
    { name: "INCLUDE", type: "string[]", nullable: false, asConst: true },
    { name: "FRESH", type: "boolean", nullable: false, asConst: false },
    { name: "FETCH_SECONDS", type: "number", nullable: false, asConst: false },
  ]);
  const playlist = await paramsOf("03_playlist_anatomy");
  assert.deepEqual(playlist.get("PLAYLIST_ID"), {
    name: "PLAYLIST_ID",
    type: "string",
    nullable: true,
    asConst: false,
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
  assert.throws(() => parseParams(new Map(), ["X=1"], "99_x"), {
    message: 'Unknown parameter "X" for 99_x: it has no cell tagged "parameters"',
  });
});

Deno.test("injectedSource() keeps `as const`, and paramsSlug() names short values and hashes long ones", async () => {
  const params = await paramsOf("02_artist_discography");
  const values = parseParams(params, ['INCLUDE=["album"]', 'ARTIST_NAMES=["Tova Calloway"]'], "02");
  assert.equal(
    injectedSource(values),
    '// Parameters injected by deno task render\nconst INCLUDE = ["album"] as const;\n' +
      'const ARTIST_NAMES = ["Tova Calloway"];',
  );
  assert.equal(await paramsSlug(values), "include-album.artist_names-tova-calloway");
  const long = parseParams(
    params,
    [`ARTIST_NAMES=${JSON.stringify(Array(12).fill("Someone"))}`],
    "02",
  );
  const slug = await paramsSlug(long);
  assert.ok(slug.length <= 80, slug);
  assert.match(slug, /^artist_names-someone-someone.*-[0-9a-f]{8}$/);
  const other = parseParams(
    params,
    [`ARTIST_NAMES=${JSON.stringify(Array(13).fill("Someone"))}`],
    "02",
  );
  assert.notEqual(await paramsSlug(other), slug);
  assert.equal(await paramsSlug([]), "");
});
