import assert from "node:assert/strict";
import { join } from "node:path";
import { closeSampleHistory } from "./_demo_history.ts";

Deno.test("closeSampleHistory folds the -wal and -shm files a killed process left back into the store, its plays kept", async () => {
  const dir = await Deno.makeTempDir({ prefix: "demo-history-" });
  try {
    const path = join(dir, "history.sqlite");
    // A kernel that writes and ends without closing the store, as the demo's notebooks do.
    const code = `import { DatabaseSync } from "node:sqlite";
      const db = new DatabaseSync(${JSON.stringify(path)});
      db.exec("PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1), (2)");
      Deno.exit(0);`;
    const kernel = await new Deno.Command(Deno.execPath(), { args: ["eval", code] }).output();
    assert.equal(kernel.code, 0, new TextDecoder().decode(kernel.stderr));
    const names = () => [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    assert.deepEqual(names(), ["history.sqlite", "history.sqlite-shm", "history.sqlite-wal"]);
    closeSampleHistory(path);
    assert.deepEqual(names(), ["history.sqlite"]);
    const py = await new Deno.Command("/usr/bin/python3", {
      args: [
        "-c",
        "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from t').fetchone()[0])",
        path,
      ],
    }).output();
    assert.equal(new TextDecoder().decode(py.stdout).trim(), "2");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
