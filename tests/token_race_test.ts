/**
 * Processes sharing one token file: two real Deno processes (`_renew_worker.ts`) renewing at the
 * same moment while the emulator rotates refresh tokens (the loser must wait for the winner's new
 * tokens, not spend the old refresh token and be signed out), a lock left by a process killed
 * mid-renewal, and a lock held too long (time injected).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { createUserTokenProvider, signIn } from "../lib/mod.ts";
import { PROJECT_ROOT } from "../lib/core/config.ts";
import { startEmulator, type StartEmulatorOptions } from "../emulator/mod.ts";

/** The emulator, a temp folder, and a signed-in token file whose access token is due for renewal. */
async function signedIn(options: StartEmulatorOptions) {
  const server = await startEmulator(options);
  const dir = await Deno.makeTempDir({ prefix: "spotify-race-" });
  const tokenFile = join(dir, ".spotify-token.json");
  const provider = () =>
    createUserTokenProvider({
      clientId: server.clientId,
      accountsUrl: server.accountsUrl,
      apiUrl: server.apiUrl,
      tokenFile,
    });
  await provider().set(
    await signIn({
      clientId: server.clientId,
      accountsUrl: server.accountsUrl,
      redirectUri: "http://127.0.0.1:0/callback",
      open: async (url) => void await (await fetch(url)).body?.cancel(),
    }),
  );
  const file = JSON.parse(await Deno.readTextFile(tokenFile));
  await Deno.writeTextFile(tokenFile, JSON.stringify({ ...file, renew_at: 0 })); // due now
  return {
    server,
    tokenFile,
    lockFile: `${tokenFile}.lock`,
    file,
    provider,
    tokenRequests: () => server.emulator.counts()["POST /api/token"] ?? 0,
    async [Symbol.asyncDispose]() {
      await server.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** A worker process on the shared token file; it renews when told `go()`. */
async function worker(w: Awaited<ReturnType<typeof signedIn>>) {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "tests/_renew_worker.ts",
      w.tokenFile,
      w.server.accountsUrl,
      w.server.clientId,
    ],
    cwd: PROJECT_ROOT,
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const guard = setTimeout(() => child.kill("SIGKILL"), 60_000); // never a hung test
  const chunks = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  const line = async () => {
    while (!buffered.includes("\n")) {
      const read = await chunks.read();
      if (read.done) return "";
      buffered += read.value;
    }
    const [first, ...rest] = buffered.split("\n");
    buffered = rest.join("\n");
    return first!;
  };
  assert.equal(await line(), "ready");
  const stdin = child.stdin.getWriter();
  return {
    child,
    go: () => stdin.write(new TextEncoder().encode("go\n")),
    result: async () =>
      JSON.parse(await line()) as { ok: boolean; token?: string; message?: string },
    async [Symbol.asyncDispose]() {
      clearTimeout(guard);
      await stdin.close().catch(() => {});
      await chunks.cancel();
      await child.status;
    },
  };
}

Deno.test("two processes renewing at once with rotating refresh tokens both go on with the winner's tokens", async () => {
  await using w = await signedIn({ rotateRefreshTokens: true });
  w.server.emulator.setFaults({ latencyMs: 200 }); // the token endpoint is slow: the race is real
  await using a = await worker(w);
  await using b = await worker(w);
  const before = w.tokenRequests();
  await Promise.all([a.go(), b.go()]);
  const [first, second] = await Promise.all([a.result(), b.result()]);
  assert.ok(first.ok, first.message);
  assert.ok(second.ok, second.message);
  assert.equal(first.token, second.token, "both use the one renewed access token");
  assert.equal(w.tokenRequests() - before, 1, "one refresh: the loser waited for the winner");
  const after = JSON.parse(await Deno.readTextFile(w.tokenFile));
  assert.equal(after.access_token, first.token);
  assert.notEqual(after.refresh_token, w.file.refresh_token, "the rotated refresh token is kept");
  await assert.rejects(Deno.stat(w.lockFile), Deno.errors.NotFound, "the lock is released");
  w.server.emulator.setFaults({});
  await w.provider().getToken({ refresh: true }); // the kept refresh token works
});

Deno.test("a lock left by a process killed mid-renewal is taken over at once", async () => {
  await using w = await signedIn({});
  w.server.emulator.setFaults({ latencyMs: 1500 }); // the worker holds the lock while it waits
  {
    await using victim = await worker(w);
    await victim.go();
    for (let look = 0; look < 500 && !(await exists(w.lockFile)); look++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.ok(await exists(w.lockFile), "the worker took the lock");
    victim.child.kill("SIGKILL");
    await victim.child.status;
  }
  assert.ok(await exists(w.lockFile), "kill -9 left the lock behind");
  w.server.emulator.setFaults({});
  let paused = 0;
  const tokens = createUserTokenProvider({
    clientId: w.server.clientId,
    accountsUrl: w.server.accountsUrl,
    apiUrl: w.server.apiUrl,
    tokenFile: w.tokenFile,
    sleep: (ms) => {
      paused += ms;
      return Promise.resolve();
    },
  });
  const token = await tokens.getToken();
  assert.equal(paused, 0, "its process is gone: no wait");
  assert.equal(JSON.parse(await Deno.readTextFile(w.tokenFile)).access_token, token.value.reveal());
  assert.equal(await exists(w.lockFile), false);
});

Deno.test("a lock held by a live process is waited for, and taken over once two minutes old", async () => {
  await using w = await signedIn({});
  let now = Date.now();
  await Deno.writeTextFile(
    w.lockFile,
    JSON.stringify({ id: "other", pid: Deno.pid, host: Deno.hostname(), at: now }),
  );
  const pauses: number[] = [];
  const tokens = createUserTokenProvider({
    clientId: w.server.clientId,
    accountsUrl: w.server.accountsUrl,
    apiUrl: w.server.apiUrl,
    tokenFile: w.tokenFile,
    now: () => now,
    sleep: (ms) => {
      pauses.push(ms);
      now += ms;
      return Promise.resolve();
    },
  });
  await tokens.getToken();
  const waited = pauses.reduce((sum, ms) => sum + ms, 0);
  assert.ok(waited > 120_000 && waited <= 120_500, `waited ${waited} ms`);
  assert.deepEqual(
    pauses.slice(0, 6),
    [20, 40, 80, 160, 320, 500],
    "looks again with growing pauses",
  );
  assert.equal(w.tokenRequests(), 2, "the sign-in, then one refresh once the lock was taken over");
  assert.equal(await exists(w.lockFile), false);
});

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}
