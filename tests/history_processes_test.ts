/**
 * The history store shared by real processes: two importers writing at once, an import killed with
 * SIGKILL midway and run again, and the collector started as `deno task collect` runs it, stopped
 * by SIGTERM. Every process works in a temporary folder; each wait is bounded.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { PROJECT_ROOT } from "../lib/core/config.ts";

const DENO = Deno.execPath();

/** An export folder of `files` extended files of `per` plays each, from `start`, track names by `tag`. */
async function exportFolder(dir: string, tag: string, start: string, files: number, per: number) {
  const folder = join(dir, tag);
  await Deno.mkdir(folder);
  let at = Date.parse(start);
  for (let f = 0; f < files; f++) {
    const plays = Array.from({ length: per }, (_, i) => {
      at += 180_000;
      return {
        ts: new Date(at).toISOString().slice(0, 19) + "Z",
        ms_played: 170_000,
        platform: "linux",
        conn_country: "SE",
        ip_addr: "203.0.113.9",
        master_metadata_track_name: `${tag} song ${i % 300}`,
        master_metadata_album_artist_name: `${tag} band`,
        master_metadata_album_album_name: `${tag} album`,
        spotify_track_uri: `spotify:track:${tag}${String(i % 300).padStart(22 - tag.length, "0")}`,
        reason_start: "trackdone",
        reason_end: "trackdone",
        shuffle: false,
        skipped: false,
        offline: false,
        incognito_mode: false,
      };
    });
    await Deno.writeTextFile(
      join(folder, `Streaming_History_Audio_${tag}_${String(f).padStart(2, "0")}.json`),
      JSON.stringify(plays),
    );
  }
  return folder;
}

function importer(db: string, ...paths: string[]): Deno.ChildProcess {
  return new Deno.Command(DENO, {
    args: [
      "run",
      "-A",
      join(PROJECT_ROOT, "tools/import_history.ts"),
      ...paths,
      "--account",
      "proc.listener",
      "--db",
      db,
    ],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function count(db: string, sql: string): number {
  const conn = new DatabaseSync(db, { readOnly: true, timeout: 15_000 });
  try {
    return Number(Object.values(conn.prepare(sql).get()!)[0]);
  } finally {
    conn.close();
  }
}

Deno.test("two processes importing into one store at once lose no play and never say the database is locked", async () => {
  const dir = await Deno.makeTempDir({ prefix: "history-procs-" });
  try {
    const a = await exportFolder(dir, "a", "2024-01-01T00:00:00Z", 20, 1000);
    const b = await exportFolder(dir, "b", "2025-01-01T00:00:00Z", 20, 1000);
    const both = await exportFolder(dir, "c", "2023-01-01T00:00:00Z", 5, 1000);
    const db = join(dir, "history.sqlite");
    const outputs = await Promise.all([
      importer(db, a, both).output(),
      importer(db, b, both).output(),
    ]);
    for (const output of outputs) {
      const said = text(output.stdout) + text(output.stderr);
      assert.equal(output.code, 0, said);
      assert.doesNotMatch(said, /locked|busy/i);
    }
    assert.equal(count(db, "SELECT count(*) FROM plays"), 45_000);
    // The two really wrote at the same time: their files' commits interleave.
    const span = (tag: string) =>
      [`min`, `max`].map((f) =>
        count(
          db,
          `SELECT ${f}(imported_at) FROM imports WHERE file LIKE 'Streaming_History_Audio_${tag}_%'`,
        )
      );
    const [[a0, a1], [b0, b1]] = [span("a"), span("b")];
    assert.ok(a0! < b1! && b0! < a1!, "the imports did not overlap");
    assert.equal(count(db, "SELECT count(DISTINCT digest) FROM imports"), 45);
    assert.equal(
      count(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"),
      0,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an import killed with SIGKILL midway leaves the store consistent, and the next run completes it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "history-kill-" });
  try {
    const folder = await exportFolder(dir, "k", "2024-01-01T00:00:00Z", 40, 2000);
    const db = join(dir, "history.sqlite");
    const child = importer(db, folder);
    // Kill it once a few files are in, well before the last.
    let done = 0;
    for (let i = 0; i < 600 && done < 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
      done = await Deno.stat(db).then(() => count(db, "SELECT count(*) FROM imports"), () => 0)
        .catch(() => 0);
    }
    child.kill("SIGKILL");
    const status = await child.status;
    await child.stdout.cancel();
    await child.stderr.cancel();
    assert.equal(status.signal, "SIGKILL");
    const files = count(db, "SELECT count(*) FROM imports");
    assert.ok(files >= 3 && files < 40, `${files} files imported before the kill`);
    // Consistent: every file recorded has all its plays, and nothing else is there.
    assert.equal(
      count(db, "SELECT count(*) FROM plays"),
      count(db, "SELECT sum(plays) FROM imports"),
    );
    assert.equal(
      count(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"),
      0,
    );
    const again = await importer(db, folder).output();
    assert.equal(again.code, 0, text(again.stderr));
    assert.match(
      text(again.stdout),
      new RegExp(`${40 - files} files imported, ${files} imported before`),
    );
    assert.equal(count(db, "SELECT count(*) FROM plays"), 80_000);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task collect without credentials says first that it syncs the emulator's sample listener, and --every stops cleanly on SIGTERM", async () => {
  const dir = await Deno.makeTempDir({ prefix: "history-collect-" });
  try {
    const db = join(dir, "history.sqlite");
    const child = new Deno.Command(DENO, {
      args: ["run", "-A", join(PROJECT_ROOT, "tools/collect.ts"), "--every", "30m"],
      env: {
        NO_COLOR: "1",
        SPOTIFY_CLIENT_ID: "",
        SPOTIFY_CLIENT_SECRET: "",
        SPOTIFY_CACHE_DIR: "off",
        SPOTIFY_HISTORY_DB: db,
      },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const lines: string[] = [];
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    const deadline = Date.now() + 120_000;
    let buffer = "";
    while (!lines.some((l) => / new plays? added/.test(l)) && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      lines.push(...buffer.split("\n").slice(0, -1));
      buffer = buffer.slice(buffer.lastIndexOf("\n") + 1);
    }
    const stopped = Date.now();
    child.kill("SIGTERM");
    let rest = buffer;
    for (let { value, done } = await reader.read(); !done; { value, done } = await reader.read()) {
      rest += value;
    }
    const status = await child.status;
    const stderr = text(
      await new Response(child.stderr).arrayBuffer().then((b) => new Uint8Array(b)),
    );
    assert.ok(Date.now() - stopped < 20_000, "it stopped within 20 s of SIGTERM");
    assert.equal(status.code, 0, stderr);
    assert.match(
      lines[0]!,
      /^No SPOTIFY_CLIENT_ID configured: collecting the offline emulator's sample listener "sample\.listener" into .*history\.sqlite$/,
    );
    assert.ok(
      lines.some((l) => /: 50 new plays added \(50 seen\); 7 snapshots taken$/.test(l)),
      lines.join("\n"),
    );
    assert.match(rest, /Stopped: the store is closed and keeps every sync made/);
    assert.equal(count(db, "SELECT count(*) FROM plays"), 50);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
