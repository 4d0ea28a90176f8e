/**
 * `deno task emulator` (emulator/main.ts) on bad input: an unknown flag, a missing value, or a busy
 * port is one sentence and the usage on stderr, exit code 2, never a stack trace.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../emulator/main.ts", import.meta.url));

async function run(...args: string[]) {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  return { code, out: new TextDecoder().decode(stdout), err: new TextDecoder().decode(stderr) };
}

function assertOneSentenceAndUsage(err: string, sentence: RegExp) {
  const lines = err.trim().split("\n");
  assert.equal(lines.length, 2, err);
  assert.match(lines[0]!, sentence);
  assert.match(lines[1]!, /^Usage: deno task emulator \[--port N\]/);
  assert.ok(!/\bat .*:\d+:\d+/.test(err) && !/error: Uncaught/.test(err), err);
}

Deno.test("the emulator CLI answers an unknown flag or a missing value with one sentence and the usage", async () => {
  for (
    const [args, sentence] of [
      [["--bogus"], /^Invalid arguments: Unknown option '--bogus'$/],
      [["--port"], /^Invalid arguments: Option '--port <value>' argument missing$/],
      [["extra"], /^Invalid arguments: Unexpected argument 'extra'$/],
      [["--mode", "turbo"], /^Invalid --mode "turbo": use "development" or "extended"$/],
    ] as const
  ) {
    const { code, err } = await run(...args);
    assert.equal(code, 2, err);
    assertOneSentenceAndUsage(err, sentence);
  }
});

Deno.test("the emulator CLI answers a busy port with one sentence and the usage", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const { code, err } = await run("--port", String(listener.addr.port));
    assert.equal(code, 2, err);
    assertOneSentenceAndUsage(
      err,
      new RegExp(
        `^Cannot start the emulator: port ${listener.addr.port} on 127\\.0\\.0\\.1 is busy`,
      ),
    );
  } finally {
    listener.close();
  }
});
