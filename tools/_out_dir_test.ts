import assert from "node:assert/strict";
import { join } from "node:path";
import { prepareOutDir } from "./_out_dir.ts";

Deno.test("prepareOutDir() makes a missing folder, nested, and leaves nothing in it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "out-dir-" });
  await prepareOutDir(join(dir, "a", "b"), { files: ["x.html", "index.html"] });
  assert.deepEqual([...Deno.readDirSync(join(dir, "a", "b"))], []);
  await prepareOutDir(join(dir, "a", "b"));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("prepareOutDir() refuses a file, a path through a file, and a folder where a page goes, in one sentence", async () => {
  const dir = await Deno.makeTempDir({ prefix: "out-dir-" });
  const file = join(dir, "a file");
  await Deno.writeTextFile(file, "kept");
  await assert.rejects(prepareOutDir(file), {
    name: "TypeError",
    message: `Cannot write the pages to "${file}": it is a file, not a folder; give --out a folder`,
  });
  await assert.rejects(prepareOutDir(join(file, "sub")), {
    message: `Cannot make the folder "${file}/sub" for the pages: a part of its path is a file`,
  });
  await assert.rejects(prepareOutDir(join(file, "sub", "deeper")), /a part of its path is a file$/);
  await Deno.mkdir(join(dir, "out", "02_x.html"), { recursive: true });
  await assert.rejects(prepareOutDir(join(dir, "out"), { files: ["02_x.ipynb", "02_x.html"] }), {
    message: `Cannot write "${dir}/out/02_x.html": a folder of that name is in the way; move it`,
  });
  assert.equal(await Deno.readTextFile(file), "kept");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("prepareOutDir() refuses a page that would replace the notebook being rendered, through a link too", async () => {
  const dir = await Deno.makeTempDir({ prefix: "out-dir-" });
  const notebook = join(dir, "02_x.ipynb");
  await Deno.writeTextFile(notebook, "{}");
  await Deno.symlink(dir, join(dir, "link"));
  for (const out of [dir, join(dir, "link")]) {
    await assert.rejects(prepareOutDir(out, { files: ["02_x.ipynb"], sources: [notebook] }), {
      message: `Cannot write the pages to "${out}": "02_x.ipynb" would replace the notebook ` +
        `being rendered; give --out another folder`,
    });
  }
  await prepareOutDir(dir, { files: ["02_x.q-1.ipynb"], sources: [notebook] });
  await Deno.remove(dir, { recursive: true });
});

Deno.test("prepareOutDir() quotes a folder name with a line break on one line", async () => {
  const dir = await Deno.makeTempDir({ prefix: "out-dir-" });
  await Deno.writeTextFile(join(dir, "a\nb"), "");
  await assert.rejects(prepareOutDir(join(dir, "a\nb")), (error: Error) => {
    assert.equal(error.message.split("\n").length, 1);
    assert.ok(error.message.includes('a\\nb": it is a file'), error.message);
    return true;
  });
  await Deno.remove(dir, { recursive: true });
});
