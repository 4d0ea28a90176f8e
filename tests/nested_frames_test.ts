/**
 * Real nested Spotify shapes (album track pages, full tracks, playlist entries with `added_by` and
 * `track.album.artists`, a `maxLevel` frame) through the analyst's path, in the real Deno kernel
 * in notebook mode (`notebookMode()`, for a notebook that does not `connect()`): `normalize` →
 * bare frame as a cell's last expression → `table()` → `toRecords()` → Parquet → CSV. The kernel runs a small generated notebook (headless, the project's runner) in a temporary
 * folder; this process then compares what it wrote with the input.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { type NormalizeOptions, notebookMode } from "../lib/mod.ts";
import { loadSampleCatalog } from "../emulator/mod.ts";
import { runInKernel } from "./_kernel.ts";
import { setup } from "./_client_setup.ts";

const catalog = loadSampleCatalog();

interface Shape {
  data: Record<string, unknown>[];
  options?: NormalizeOptions;
}

async function shapes(): Promise<Record<string, Shape>> {
  await using t = await setup({ mode: "extended" });
  const album = [...catalog.albums].sort((a, b) => b.tracks.length - a.tracks.length)[0]!;
  const albumTracks = await t.client.albumTracks(album.id);
  const ids = catalog.albums.flatMap((a) => a.tracks.map((track) => track.id)).slice(0, 30);
  const fullTracks = (await t.client.tracks(ids)).filter((track) => track !== null);
  const playlist = catalog.playlists.find((p) => p.owner_id !== catalog.user.id)!;
  const entries = await t.client.playlistItems(playlist.id);
  const asRecords = (items: unknown[]) => items as Record<string, unknown>[];
  return {
    album_tracks: { data: asRecords(albumTracks) },
    full_tracks: { data: asRecords(fullTracks) },
    playlist_entries: { data: asRecords(entries) },
    max_level: { data: asRecords(fullTracks), options: { maxLevel: 0 } },
  };
}

/** The cells: one bare frame, one table() and one export cell per shape. */
function cellsOf(dir: string, names: string[]): string[] {
  const lib = new URL("../lib/mod.ts", import.meta.url).href;
  return [
    `import { normalize, notebookMode, table } from "${lib}";\nnotebookMode();\n` +
    `const dir = ${JSON.stringify(dir)};`,
    `const shapes = JSON.parse(await Deno.readTextFile(dir + "/shapes.json"));`,
    ...names.flatMap((name) => [
      `const ${name} = normalize(shapes.${name}.data, shapes.${name}.options);\n${name}`,
      `table(${name})`,
      `await Deno.writeTextFile(dir + "/${name}.json", JSON.stringify(${name}.toRecords(), ` +
      `(_k, v) => typeof v === "bigint" ? String(v) : v));\n` +
      `${name}.writeParquet(dir + "/${name}.parquet");\n${name}.writeCSV(dir + "/${name}.csv");`,
    ]),
  ];
}

/** The value `normalize` puts in `column` for `record`: the dotted path, or the object itself. */
function expected(record: Record<string, unknown>, column: string, maxLevel?: number): unknown {
  const parts = maxLevel === 0 ? [column] : column.split(".");
  let value: unknown = record;
  for (const part of parts) {
    value = value !== null && typeof value === "object"
      ? (value as Record<string, unknown>)[part]
      : undefined;
  }
  return value ?? null;
}

/** Nulls and missing keys of an object are the same (a struct has every field of its type). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
}

const text = (value: string | string[] | undefined) => [value ?? ""].flat().join("");

Deno.test("real nested shapes display bare in the kernel, and read back, export to Parquet and CSV equal to the input", async () => {
  const dir = await Deno.makeTempDir({ prefix: "nested-frames-" });
  notebookMode(); // this process reads the Parquet files back too
  try {
    const all = await shapes();
    const names = Object.keys(all);
    await Deno.writeTextFile(join(dir, "shapes.json"), JSON.stringify(all));
    const cells = await runInKernel(dir, cellsOf(dir, names));

    names.forEach((name, i) => {
      const { data } = all[name]!;
      const [bare, tabled] = [cells[2 + 3 * i]!, cells[3 + 3 * i]!].map((cell) =>
        cell.outputs.find((o) => o.output_type === "execute_result")?.data ?? {}
      );
      // The bare frame shows table()'s text and HTML: shape, ISO dates, compact nested values.
      const plain = text(bare!["text/plain"]);
      if (Deno.env.get("SHOW_BARE")) console.log(`${name}:\n${plain}`);
      assert.equal(plain, text(tabled!["text/plain"]), name);
      assert.equal(text(bare!["text/html"]), text(tabled!["text/html"]), name);
      assert.match(plain, new RegExp(`${data.length} rows × \\d+ columns$`), name);
      assert.match(text(bare!["text/html"]), /<table/, name);
      if (data.length > 20) {
        assert.match(plain, new RegExp(`\n… ${data.length - 20} more rows? …\n`));
      }
      assert.doesNotMatch(plain, /GMT|StructOwned|\[object Object\]/, name);
    });
    for (const cell of cells) {
      assert.ok(!cell.outputs.some((o) => o.output_type === "error"), JSON.stringify(cell));
    }

    for (const name of names) {
      const { data, options } = all[name]!;
      const maxLevel = options?.maxLevel;
      const records = JSON.parse(await Deno.readTextFile(join(dir, `${name}.json`))) as Record<
        string,
        unknown
      >[];
      assert.equal(records.length, data.length, name);
      const columns = Object.keys(records[0]!);
      assert.ok(
        columns.some((c) =>
          /Struct|List/.test(
            String(pl.readParquet(join(dir, `${name}.parquet`)).getColumn(c).dtype),
          )
        ),
        `${name} has nested columns`,
      );
      const want = data.map((record) =>
        Object.fromEntries(columns.map((c) => [c, expected(record, c, maxLevel)]))
      );
      assert.deepEqual(withoutNulls(records), withoutNulls(want), `${name}: toRecords()`);
      const parquet = pl.readParquet(join(dir, `${name}.parquet`)).toRecords();
      assert.deepEqual(withoutNulls(parquet), withoutNulls(want), `${name}: Parquet`);
      const csv = pl.readCSV(await Deno.readTextFile(join(dir, `${name}.csv`)), {
        inferSchemaLength: 0,
      });
      assert.deepEqual(csv.columns, columns, `${name}: CSV header`);
      const cellsOf = csv.toRecords();
      want.forEach((row, r) => {
        for (const column of columns) {
          const cell = cellsOf[r]![column] as string | null;
          const value = row[column];
          if (value === null) assert.ok(cell === null || cell === "", `${name} ${column}`);
          else if (typeof value === "object") {
            assert.deepEqual(
              withoutNulls(JSON.parse(cell!)),
              withoutNulls(value),
              `${name} ${column}`,
            );
          } else assert.equal(cell, String(value), `${name} ${column} row ${r}`);
        }
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
