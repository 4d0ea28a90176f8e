/**
 * The store file: what opening refuses (and leaves as it is), the migration from the first schema
 * version, a full disk, and the settings that let two writers share it.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { SpotifyError } from "../core/errors.ts";
import { APPLICATION_ID, MIGRATIONS, SCHEMA_V1, SCHEMA_VERSION } from "./_schema.ts";
import { extendedEntry, tempStore, writeExport } from "./_test_fixtures.ts";
import { importHistory } from "./import_export.ts";
import { historyFrame } from "./read.ts";
import { openHistory } from "./store.ts";

/** What `openHistory` says about the file at `path`, and whether the folder changed. */
async function refused(path: string): Promise<string> {
  const folder = join(path, "..");
  const before = await Deno.readFile(path);
  const names = [...Deno.readDirSync(folder)].map((e) => e.name).sort();
  const error = await openHistory("someone", { path }).then(
    (store) => {
      store.close();
      throw new Error("opened");
    },
    (error: unknown) => error,
  );
  assert.ok(error instanceof SpotifyError, String(error));
  assert.deepEqual(await Deno.readFile(path), before, "the file was changed");
  assert.deepEqual([...Deno.readDirSync(folder)].map((e) => e.name).sort(), names);
  assert.equal(error.message.split("\n").length, 1);
  return error.message;
}

Deno.test("a file that is not SQLite at the store's path is one sentence and is left as it is", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "history.sqlite");
    await Deno.writeTextFile(path, "my notes, not a database\n".repeat(100));
    assert.match(
      await refused(path),
      /^Cannot open the history store ".*history\.sqlite": it is not a SQLite file; move it away or set SPOTIFY_HISTORY_DB to another path \(the file is left as it is\)$/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a folder at the store's path is one sentence naming a file path to give, and the folder is left as it is", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "d.db");
    await Deno.mkdir(path);
    const error = await openHistory("someone", { path }).then(
      (store) => (store.close(), undefined),
      (error: unknown) => error,
    );
    assert.ok(error instanceof SpotifyError, String(error));
    assert.equal(
      error.message,
      `Cannot open the history store "${path}": it is a folder; give the path of a file, such as "${
        join(path, "history.sqlite")
      }", or set SPOTIFY_HISTORY_DB to one (the folder is left as it is)`,
    );
    assert.deepEqual([...Deno.readDirSync(path)], []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("another program's SQLite database at the store's path is refused and left as it is", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "history.sqlite");
    const other = new DatabaseSync(path);
    other.exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')");
    other.close();
    assert.match(await refused(path), /it is the SQLite database of another program/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** A store of 3,000 plays, checkpointed and closed; returns its path. */
async function filledStore(t: Awaited<ReturnType<typeof tempStore>>): Promise<string> {
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 240_000).toISOString().slice(0, 19);
  const folder = await writeExport(t.dir, {
    "Streaming_History_Audio_2026.json": Array.from(
      { length: 3000 },
      (_, i) => extendedEntry(`${at(i)}Z`, `Song ${i}`),
    ),
  });
  await importHistory(t.store, folder);
  t.store.db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  t.store.close();
  return t.path;
}

Deno.test("a store damaged in its body is refused on opening in one sentence, and opening writes nothing to it", async () => {
  const t = await tempStore("sample.listener");
  try {
    const path = await filledStore(t);
    const bytes = await Deno.readFile(path);
    // The plays' pages at the end scrambled: SQLite's page check on opening finds it.
    const tail = bytes.slice();
    for (let i = tail.length - 4096 * 4; i < tail.length; i++) tail[i] = (i * 7919) & 0xff;
    await Deno.writeFile(path, tail);
    assert.match(
      await refused(path),
      /^Cannot open the history store ".*": the file is damaged; move it away or set SPOTIFY_HISTORY_DB to another path \(the file is left as it is; SQLite's check found ".+"\)$/,
    );
    assert.deepEqual(await Deno.readFile(path), tail);
    // Three pages in the middle overwritten with 0xff, as a bad disk sector would.
    const middle = bytes.slice();
    middle.fill(0xff, 20480, 20480 + 12288);
    await Deno.writeFile(path, middle);
    assert.match(await refused(path), /: the file is damaged; move it away/);
    assert.deepEqual(await Deno.readFile(path), middle);
    // The header kept, the first page (the schema) scrambled: opening says it.
    const head = bytes.slice();
    for (let i = 100; i < 4096; i++) head[i] = (i * 7919) & 0xff;
    await Deno.writeFile(path, head);
    assert.match(await refused(path), /: the file is damaged; move it away/);
  } finally {
    await t.close();
  }
});

Deno.test("a store written by a newer version is refused in one sentence", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "history.sqlite");
    const db = new DatabaseSync(path);
    db.exec(`${SCHEMA_V1}; PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = 99`);
    db.close();
    assert.match(await refused(path), /a newer version of this project wrote it \(schema 99/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a store made by the first schema version is migrated, its plays kept and readable", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "history.sqlite");
    // What the first release wrote: its DDL, one play.
    const v1 = new DatabaseSync(path);
    v1.exec(`PRAGMA journal_mode = WAL; ${SCHEMA_V1};
      PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = 1;
      INSERT INTO items (id, account, kind, track, artist, track_uri)
        VALUES (1, 'someone', 'track', 'Paper Heart', 'Tova Calloway', 'spotify:track:abc');
      INSERT INTO facets (id, account, platform, skipped, file) VALUES (1, 'someone', 'ios', 0, 'f.json');
      INSERT INTO plays (account, played_at, item, facet, ms_played, extended_at)
        VALUES ('someone', ${Date.UTC(2025, 5, 1, 8)}, 1, 1, 180000, ${Date.UTC(2025, 5, 1, 8)});`);
    v1.close();
    using store = await openHistory("someone", { path });
    assert.equal(store.db.prepare("PRAGMA user_version").get()!.user_version, SCHEMA_VERSION);
    const [row] = historyFrame(store, { timeZone: "UTC" }).toRecords();
    assert.equal(row!.track, "Paper Heart");
    assert.equal(row!.platform, "ios");
    assert.equal(row!.skipped, false);
    assert.equal(row!.context_uri, null);
    assert.equal(row!.source, "extended");
    // What version 2 added is there: snapshots, the flat view.
    assert.equal(store.db.prepare("SELECT count(*) AS n FROM snapshots").get()!.n, 0);
    assert.equal(store.db.prepare("SELECT track FROM listening").get()!.track, "Paper Heart");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** The `listening` view's rows read by another program: `[source, track]` of each. */
async function readByOthers(path: string): Promise<Record<string, string[][]>> {
  const sql = "SELECT source, track FROM listening ORDER BY played_at_ms";
  const python = await new Deno.Command("/usr/bin/python3", {
    args: [
      "-c",
      "import json, sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print(json.dumps([sqlite3.sqlite_version, c.execute(sys.argv[2]).fetchall()]))",
      path,
      sql,
    ],
  }).output();
  const err = new TextDecoder().decode(python.stderr);
  assert.equal(python.code, 0, err);
  const [version, rows] = JSON.parse(new TextDecoder().decode(python.stdout));
  const read: Record<string, string[][]> = { [`python sqlite ${version}`]: rows };
  const cli = await new Deno.Command("sqlite3", { args: ["-json", path, sql] }).output().catch(
    () => undefined, // no sqlite3 command here
  );
  if (cli !== undefined) {
    assert.equal(cli.code, 0, new TextDecoder().decode(cli.stderr));
    const json = JSON.parse(new TextDecoder().decode(cli.stdout) || "[]");
    read["sqlite3"] = json.map((r: { source: string; track: string }) => [r.source, r.track]);
  }
  return read;
}

Deno.test("the listening view reads in Debian's Python sqlite3 and the sqlite3 command (SQLite 3.40), in a new store and one migrated from version 2", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const v2 = join(dir, "v2.sqlite");
    const db = new DatabaseSync(v2);
    db.exec(`PRAGMA journal_mode = WAL; ${SCHEMA_V1}; ${MIGRATIONS[2]};
      PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = 2;
      INSERT INTO items (id, account, kind, track) VALUES (1, 'someone', 'track', 'Paper Heart');
      INSERT INTO facets (id, account) VALUES (1, 'someone');
      INSERT INTO plays (account, played_at, item, facet, basic_at, api_at)
        VALUES ('someone', 1000, 1, 1, 1000, 1001), ('someone', 2000, 1, 1, NULL, NULL);
      INSERT INTO plays (account, played_at, item, facet, extended_at)
        VALUES ('someone', 3000, 1, 1, 3000);`);
    db.close();
    (await openHistory("someone", { path: v2 })).close();
    const expected = [["basic+api", "Paper Heart"], ["", "Paper Heart"], [
      "extended",
      "Paper Heart",
    ]];
    for (const rows of Object.values(await readByOthers(v2))) assert.deepEqual(rows, expected);
    const fresh = join(dir, "new.sqlite");
    const folder = await writeExport(dir, {
      "Streaming_History_Audio_2026_0.json": [extendedEntry("2026-02-01T10:00:00Z", "Fine")],
    });
    {
      using store = await openHistory("someone", { path: fresh });
      await importHistory(store, folder);
    }
    for (const rows of Object.values(await readByOthers(fresh))) {
      assert.deepEqual(rows, [["extended", "Fine"]]);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a full disk is one sentence and loses nothing stored; the next import completes", async () => {
  const t = await tempStore("sample.listener");
  try {
    const day = (d: number, n: number) =>
      Array.from(
        { length: n },
        (_, i) =>
          extendedEntry(
            new Date(Date.UTC(2026, 0, d) + i * 200_000).toISOString().slice(0, 19) + "Z",
            `Song ${d}-${i}`,
          ),
      );
    const first = await writeExport(t.dir, { "Streaming_History_Audio_2026_0.json": day(1, 200) });
    await importHistory(t.store, first);
    const second = await writeExport(t.dir, {
      "Streaming_History_Audio_2026_1.json": day(20, 20_000),
    });
    const pages = Number(t.store.db.prepare("PRAGMA page_count").get()!.page_count);
    // SQLite's own limit on the file's size: what a full disk looks like to it.
    t.store.db.exec(`PRAGMA max_page_count = ${pages + 20}`);
    await assert.rejects(
      importHistory(t.store, second),
      /^SpotifyError: Cannot write to the history store ".*": the disk is full; free some space and run again \(what was stored before is kept\)$/,
    );
    assert.equal(historyFrame(t.store).height, 200);
    assert.equal(t.store.db.prepare("PRAGMA integrity_check").get()!.integrity_check, "ok");
    t.store.db.exec("PRAGMA max_page_count = 1073741823");
    const report = await importHistory(t.store, [first, second]);
    assert.deepEqual([report.skipped, report.added], [1, 20_000]);
    assert.equal(historyFrame(t.store).height, 20_200);
  } finally {
    await t.close();
  }
});

Deno.test("the store is in WAL mode with a busy timeout, and its file is readable by its owner only", async () => {
  const t = await tempStore();
  try {
    assert.equal(t.store.db.prepare("PRAGMA journal_mode").get()!.journal_mode, "wal");
    assert.equal(t.store.db.prepare("PRAGMA busy_timeout").get()!.timeout, 15_000);
    assert.equal((await Deno.stat(t.path)).mode! & 0o777, 0o600);
  } finally {
    await t.close();
  }
});
