import assert from "node:assert/strict";

/** `deno task login` with these arguments, in a fresh process with no credentials. */
async function login(...args: string[]) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./login.ts", import.meta.url).pathname, ...args],
    env: { NO_COLOR: "1", SPOTIFY_CLIENT_ID: "", SPOTIFY_CLIENT_SECRET: "" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b).trim();
  return { code: output.code, stdout: text(output.stdout), stderr: text(output.stderr) };
}

Deno.test("login --help and -h print how to sign in and out and exit 0; an unknown option still fails", async () => {
  for (const flag of ["--help", "-h"]) {
    const result = await login(flag);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    assert.match(result.stdout, /^use: deno task login \[--paste\]\n/);
    assert.match(result.stdout, /\nuse: deno task logout\n/);
  }
  const unknown = await login("--bogus");
  assert.equal(unknown.code, 1);
  assert.equal(
    unknown.stderr,
    'Unknown option "--bogus": use "deno task login" or "deno task login --paste"',
  );
});
