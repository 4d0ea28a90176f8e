/**
 * `deno task collect` and `deno task import-history` as a user runs them, in real processes: bad
 * options, `--help`, a damaged store, a folder at the store's path, a failed import into a store
 * not made yet. Each process works in a temporary folder and is killed after a bounded wait.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { PROJECT_ROOT } from "../lib/core/config.ts";
import { openHistory } from "../lib/history/store.ts";
import { importHistory } from "../lib/history/import_export.ts";

const DENO = Deno.execPath();

/** Run a tool to its end, or kill it after `limitMs`; its exit code (null if killed) and output. */
async function run(
  tool: string,
  args: string[],
  env: Record<string, string> = {},
  limitMs = 60_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = new Deno.Command(DENO, {
    args: ["run", "-A", join(PROJECT_ROOT, "tools", tool), ...args],
    env: {
      NO_COLOR: "1",
      SPOTIFY_CLIENT_ID: "",
      SPOTIFY_CLIENT_SECRET: "",
      SPOTIFY_CACHE_DIR: "off",
      ...env,
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill("SIGKILL");
  }, limitMs);
  const output = await child.output();
  clearTimeout(timer);
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return {
    code: killed ? null : output.code,
    stdout: decode(output.stdout),
    stderr: decode(output.stderr),
  };
}

/** Exit 1 with `sentence` as the only line on stderr. */
function assertOneSentence(
  result: { code: number | null; stderr: string },
  sentence: RegExp,
): void {
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
  assert.match(result.stderr.trimEnd(), sentence);
}

async function inTemp(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "history-cli-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("collect --every refuses a wait over a day, zero, negative or garbage in one sentence, before syncing", async () => {
  await inTemp(async (dir) => {
    const db = join(dir, "history.sqlite");
    for (const every of ["999999h", "25h", "1441m", "0", "0m", "-5m", "30", "abc", "30 m"]) {
      const result = await run("collect.ts", ["--every", every, "--db", db], {}, 30_000);
      assertOneSentence(
        result,
        /^Invalid --every ".*": use a wait from 1m to 24h, such as 30m or 2h$/,
      );
      assert.equal(result.stdout, "", every);
    }
    await assert.rejects(Deno.stat(db), Deno.errors.NotFound);
  });
});

Deno.test("collect --help and import-history --help print their usage and exit 0", async () => {
  for (const tool of ["collect.ts", "import_history.ts"]) {
    const result = await run(tool, ["--help"], {}, 30_000);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^use: deno task (collect|import-history) /);
    assert.match(result.stdout, /--db FILE/);
    assert.equal(result.stderr, "");
  }
});

Deno.test("collect and import-history on a store damaged in its body say so in one sentence and leave it as it is", async () => {
  await inTemp(async (dir) => {
    const db = join(dir, "m.db");
    {
      using store = await openHistory("sample.listener", { path: db });
      await importHistory(store, join(PROJECT_ROOT, "data", "sample", "export"));
      store.db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    const file = await Deno.open(db, { read: true, write: true });
    await file.seek(20480, Deno.SeekMode.Start);
    await file.write(new Uint8Array(12288).fill(0xff));
    file.close();
    const before = await Deno.readFile(db);
    const damaged =
      /^Cannot open the history store ".*m\.db": the file is damaged; move it away or set SPOTIFY_HISTORY_DB to another path \(the file is left as it is; SQLite's check found ".+"\)$/;
    const collected = await run("collect.ts", [], { SPOTIFY_HISTORY_DB: db });
    assertOneSentence(collected, damaged);
    const sample = join(PROJECT_ROOT, "data", "sample", "export_podcasts");
    const imported = await run("import_history.ts", [sample, "--db", db]);
    assertOneSentence(imported, damaged);
    assert.doesNotMatch(imported.stdout, /added/);
    assert.deepEqual(await Deno.readFile(db), before);
  });
});

Deno.test("collect with a folder at the store's path says so in one sentence", async () => {
  await inTemp(async (dir) => {
    const db = join(dir, "d.db");
    await Deno.mkdir(db);
    const result = await run("collect.ts", [], { SPOTIFY_HISTORY_DB: db });
    assertOneSentence(result, /^Cannot open the history store ".*d\.db": it is a folder; give /);
    assert.deepEqual([...Deno.readDirSync(db)], []);
  });
});

Deno.test("a failed import-history into a store that did not exist leaves no store file behind", async () => {
  await inTemp(async (dir) => {
    const db = join(dir, "new.sqlite");
    const bad = join(dir, "export");
    await Deno.mkdir(bad);
    await Deno.writeTextFile(
      join(bad, "Streaming_History_Audio_2026_0.json"),
      JSON.stringify([{ name: "a playlist, not plays" }]),
    );
    for (const paths of [[bad], [join(dir, "nowhere")]]) {
      const result = await run("import_history.ts", [...paths, "--account", "a", "--db", db]);
      assertOneSentence(result, /^Cannot (read|find)/);
      assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["export"]);
    }
  });
});
