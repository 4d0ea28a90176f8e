/**
 * The dependency rules of `ARCHITECTURE.md`, checked on the source: `lib` does not reach into
 * `tools` or `emulator` (but for the one dynamic import in `connect.ts`), `emulator` never imports
 * `lib`, nothing outside `lib` imports a private `lib/_*.ts` file, notebooks import `lib/mod.ts`
 * only, and no `console.assert` stands in for an assertion in `lib`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Every `.ts` file under `folder` (relative to the project root), sorted. */
function tsFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of Deno.readDirSync(join(ROOT, dir))) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) walk(path);
      else if (entry.name.endsWith(".ts")) found.push(path);
    }
  };
  walk(folder);
  return found.sort();
}

/** A module specifier found in a file, with the line it is on. */
interface Specifier {
  file: string;
  line: number;
  text: string;
  /** The specifier resolved against the file, relative to the root (`lib/_request.ts`). */
  target: string;
  /** Whether it is an `import("…")` expression rather than a static import or export. */
  dynamic: boolean;
}

/**
 * The relative module specifiers of a file's code and doc examples: `import … from`, `export … from`,
 * `import("…")`. Doc examples are included on purpose: `deno test --doc` runs them as modules.
 */
function specifiers(file: string, source: string): Specifier[] {
  const found: Specifier[] = [];
  const lines = source.split("\n");
  const pattern =
    /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*(?:\*\s*)?import\s+)["'](\.{1,2}\/[^"']+)["']/g;
  lines.forEach((text, i) => {
    for (const match of text.matchAll(pattern)) {
      const target = relative(ROOT, join(ROOT, file, "..", match[1]!)).replaceAll("\\", "/");
      found.push({
        file,
        line: i + 1,
        text: text.trim(),
        target,
        dynamic: /import\s*\(/.test(match[0]),
      });
    }
  });
  return found;
}

function importsOf(folder: string, keep: (file: string) => boolean = () => true): Specifier[] {
  return tsFiles(folder).filter(keep).flatMap((file) =>
    specifiers(file, Deno.readTextFileSync(join(ROOT, file)))
  );
}

const isTest = (file: string) => file.endsWith("_test.ts");
const where = (found: Specifier[]) => found.map((s) => `${s.file}:${s.line}: ${s.text}`);

Deno.test("the import scanner sees static, re-exported, dynamic and doc-example imports", () => {
  const found = specifiers(
    "lib/x.ts",
    [
      'import { a } from "./a.ts";',
      'export { b } from "../emulator/b.ts";',
      'const c = await import("../tools/c.ts");',
      ' * import { d } from "./_d.ts";',
      'import "./_side_effect.ts";',
    ].join("\n"),
  );
  assert.deepEqual(found.map((s) => [s.target, s.dynamic]), [
    ["lib/a.ts", false],
    ["emulator/b.ts", false],
    ["tools/c.ts", true],
    ["lib/_d.ts", false],
    ["lib/_side_effect.ts", false],
  ]);
});

Deno.test("lib imports nothing from tools, and emulator only through connect()'s dynamic import", () => {
  const outside = importsOf("lib", (file) => !isTest(file)).filter((s) =>
    s.target.startsWith("tools/") || s.target.startsWith("emulator/")
  );
  const seam = outside.filter((s) =>
    s.file === "lib/connect.ts" && s.dynamic && s.target === "emulator/mod.ts"
  );
  assert.equal(seam.length, 1, "connect.ts should load the emulator with one import()");
  assert.deepEqual(where(outside.filter((s) => !seam.includes(s))), []);
  // lib's own tests may run against the emulator, but never reach into the task scripts.
  const testsIntoTools = importsOf("lib", isTest).filter((s) => s.target.startsWith("tools/"));
  assert.deepEqual(where(testsIntoTools), []);
});

Deno.test("emulator never imports lib", () => {
  const found = importsOf("emulator").filter((s) => s.target.startsWith("lib/"));
  assert.deepEqual(where(found), []);
});

Deno.test("nothing outside lib imports a private lib/_*.ts file", () => {
  const found = ["emulator", "tools", "tests"].flatMap((folder) => importsOf(folder)).filter((s) =>
    /^lib\/(.*\/)?_[^/]+\.ts$/.test(s.target)
  );
  assert.deepEqual(where(found), []);
});

Deno.test("nothing outside tools imports a private tools/_*.ts file", () => {
  const found = ["lib", "emulator", "tests"].flatMap((folder) => importsOf(folder)).filter((s) =>
    /^tools\/(.*\/)?_[^/]+\.ts$/.test(s.target)
  );
  assert.deepEqual(where(found), []);
});

Deno.test("every notebook imports lib/mod.ts and no other module of the project", () => {
  for (const entry of Deno.readDirSync(join(ROOT, "notebooks"))) {
    if (!entry.name.endsWith(".ipynb")) continue;
    const notebook = JSON.parse(Deno.readTextFileSync(join(ROOT, "notebooks", entry.name)));
    const code = (notebook.cells as { cell_type: string; source: string[] | string }[])
      .filter((cell) => cell.cell_type === "code")
      .map((cell) => Array.isArray(cell.source) ? cell.source.join("") : cell.source)
      .join("\n");
    const imported = [
      ...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g),
    ]
      .map((m) => m[1]).filter((specifier) => !specifier!.startsWith("npm:"));
    assert.ok(imported.length > 0, `${entry.name} imports nothing from lib/mod.ts`);
    assert.deepEqual([...new Set(imported)], ["../lib/mod.ts"], entry.name);
  }
});

Deno.test("no file in lib uses console.assert, which passes when false in doc examples", () => {
  const found = tsFiles("lib").flatMap((file) =>
    Deno.readTextFileSync(join(ROOT, file)).split("\n").flatMap((text, i) =>
      text.includes("console.assert(") ? [`${file}:${i + 1}: ${text.trim()}`] : []
    )
  );
  assert.deepEqual(found, []);
});
