/**
 * The cache never crosses accounts: Alice signs in, then Bob on the same checkout, and Bob's
 * session sees only Bob's answers; `signOut` (`deno task logout`) removes that account's cached
 * answers and every copy of the tokens. A fake API on 127.0.0.1 answers per bearer token.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { connect, createClient, createUserTokenProvider, signOut } from "../lib/mod.ts";

const USERS: Record<string, string> = {
  "alice-token-0123456789": "alice",
  "bob-token-0123456789": "bob",
};

async function world() {
  const dir = await Deno.makeTempDir({ prefix: "spotify-accounts-" });
  const controller = new AbortController();
  const requests: string[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, signal: controller.signal, onListen: () => {} },
    (request) => {
      const url = new URL(request.url);
      const user = USERS[request.headers.get("authorization")?.slice(7) ?? ""];
      requests.push(`${user} ${url.pathname}`);
      if (user === undefined) return new Response("", { status: 401 });
      if (url.pathname === "/v1/me") return Response.json({ id: user, display_name: user });
      return Response.json({
        items: [{ id: `${user}-favourite`, name: `${user}'s song` }],
        next: null,
        total: 1,
        limit: 50,
        offset: 0,
      });
    },
  );
  const origin = `http://127.0.0.1:${server.addr.port}`;
  const tokenFile = join(dir, ".spotify-token.json");
  const cacheRoot = join(dir, "cache");
  /** `deno task login` as `token`'s user, then a new session (a notebook) on the same checkout. */
  const session = async (token: string, signedInAt: number) => {
    await Deno.writeTextFile(
      tokenFile,
      JSON.stringify({
        access_token: token,
        token_type: "Bearer",
        scope: "user-top-read",
        expires_at: Date.now() + 3600_000,
        renew_at: Date.now() + 3000_000,
        refresh_token: `${token}-refresh`,
        signed_in_at: signedInAt,
      }),
      { mode: 0o600 },
    );
    const tokens = createUserTokenProvider({
      clientId: "clientid123",
      accountsUrl: origin,
      apiUrl: `${origin}/v1`,
      tokenFile,
    });
    return createClient({
      apiUrl: `${origin}/v1`,
      tokenProvider: tokens,
      mode: "development",
      cache: { dir: join(cacheRoot, "api") },
    });
  };
  return {
    dir,
    tokenFile,
    cacheRoot,
    requests,
    session,
    async [Symbol.asyncDispose]() {
      controller.abort();
      await server.finished;
      await Deno.remove(dir, { recursive: true });
    },
  };
}

Deno.test("Bob signing in after Alice never sees Alice's cached profile or top tracks", async () => {
  await using w = await world();
  const alice = await w.session("alice-token-0123456789", 1);
  assert.equal((await alice.me()).id, "alice");
  assert.deepEqual((await alice.topTracks("short_term")).map((t) => t.id), [
    "alice-favourite",
  ]);
  const bob = await w.session("bob-token-0123456789", 2);
  assert.deepEqual((await bob.topTracks("short_term")).map((t) => t.id), [
    "bob-favourite",
  ]);
  assert.equal((await bob.me()).id, "bob");
  // And each one's answers are cached: a re-run makes no request.
  const before = w.requests.length;
  await bob.topTracks("short_term");
  await bob.me();
  assert.equal(w.requests.length, before);
  const file = JSON.parse(await Deno.readTextFile(w.tokenFile));
  assert.equal(file.account, "bob", "the account is kept with the sign-in");
});

Deno.test("signOut() removes the signed-in account's cached answers and every token copy", async () => {
  await using w = await world();
  const alice = await w.session("alice-token-0123456789", 1);
  await alice.me();
  const bob = await w.session("bob-token-0123456789", 2);
  await bob.topTracks("short_term");
  const folders = () =>
    [...Deno.readDirSync(join(w.cacheRoot, "api"))].filter((e) => e.isDirectory).length;
  assert.equal(folders(), 2);
  await Deno.writeTextFile(`${w.tokenFile}.0b1c.tmp`, '{"access_token": "half');
  assert.equal(await signOut(w.tokenFile, { cacheDir: w.cacheRoot }), true);
  assert.equal(folders(), 1, "Bob's answers are gone, Alice's stay until she signs out");
  const left = [...Deno.readDirSync(w.dir)].map((e) => e.name);
  assert.deepEqual(left, ["cache"], "no token file, no temporary copy");
  // A new session of Bob's fetches again.
  const again = await w.session("bob-token-0123456789", 3);
  const before = w.requests.length;
  await again.topTracks("short_term");
  assert.ok(w.requests.length > before);
});

Deno.test("connect({ user: true }) offline caches the sample listener's answers apart from the app's", async () => {
  const cacheDir = await Deno.makeTempDir();
  try {
    await using spotify = await connect({ env: {}, envFile: false, cacheDir, user: true });
    await spotify.client.topTracks("short_term", { max: 3 });
    const root = join(cacheDir, "offline-development");
    const folders = [...Deno.readDirSync(root)].filter((e) => e.isDirectory).map((e) => e.name);
    assert.equal(folders.length, 1);
    assert.match(folders[0]!, /^user-[0-9a-f]{24}$/);
    assert.ok([...Deno.readDirSync(join(root, folders[0]!))].length >= 1);
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});

Deno.test("deno task logout deletes the token file, its copies and the account's cached answers", async () => {
  await using w = await world();
  const bob = await w.session("bob-token-0123456789", 2);
  await bob.me();
  await Deno.writeTextFile(`${w.tokenFile}.77aa.tmp`, "{");
  const login = new URL("../tools/login.ts", import.meta.url).pathname;
  const { code, stdout } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", login, "logout"],
    env: { SPOTIFY_TOKEN_FILE: w.tokenFile, SPOTIFY_CACHE_DIR: w.cacheRoot, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(code, 0);
  assert.match(
    new TextDecoder().decode(stdout),
    /^Signed out: deleted .* and your cached answers\./,
  );
  assert.deepEqual([...Deno.readDirSync(w.dir)].map((e) => e.name), ["cache"]);
  assert.deepEqual(
    [...Deno.readDirSync(join(w.cacheRoot, "api"))].filter((e) => e.isDirectory),
    [],
  );
});
