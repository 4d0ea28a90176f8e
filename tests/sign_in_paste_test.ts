/**
 * The paste flow of a sign-in, driven by a fake browser on "another machine": it opens the
 * authorize page on the emulator, agrees, and follows Spotify's redirect to a 127.0.0.1 address
 * where nothing answers (the page fails to load); the address it ended on is what the user pastes.
 * Covers `signIn` with `ask`, `login()` with no browser here, the paste question after a while
 * without a callback (time injected, never waited for), bad pasted values, and `deno task login
 * --paste` in a real subprocess reading standard input.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  type AskAddress,
  AuthError,
  createClient,
  createUserTokenProvider,
  login,
  signIn,
  type SignInOptions,
  type Wait,
} from "../lib/mod.ts";
import { PROJECT_ROOT } from "../lib/core/config.ts";
import { type RunningEmulator, startEmulator } from "../emulator/mod.ts";
import { authorizeUrlIn, browseElsewhere, closedPort } from "./_elsewhere_browser.ts";

/** The address cut short of its `state`. */
function withoutState(address: string): string {
  const url = new URL(address);
  url.searchParams.delete("state");
  return url.href;
}

/** Timers that only move when the test says so. */
function manualTimers() {
  let now = 0;
  const pending: { at: number; resolve: () => void }[] = [];
  const asked: number[] = [];
  const wait: Wait = (ms, signal) =>
    new Promise((resolve, reject) => {
      asked.push(ms);
      pending.push({ at: now + ms, resolve });
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  const advance = async (ms: number) => {
    now += ms;
    for (const entry of pending.filter((p) => p.at <= now)) entry.resolve();
    await tick(); // let what was due run
  };
  /** Until `count` waits have started (a bounded number of turns of the event loop). */
  const started = async (count: number) => {
    for (let turn = 0; asked.length < count && turn < 500; turn++) await tick();
    assert.equal(asked.length, count, "the sign-in started its waits");
  };
  return { wait, advance, started, asked };
}

async function world(options: { rotateRefreshTokens?: boolean } = {}) {
  const server: RunningEmulator = await startEmulator(options);
  const dir = await Deno.makeTempDir({ prefix: "spotify-paste-" });
  return {
    server,
    dir,
    tokenFile: join(dir, ".spotify-token.json"),
    redirectUri: `http://127.0.0.1:${closedPort()}/callback`,
    async [Symbol.asyncDispose]() {
      await server.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

Deno.test("the paste flow signs in with the address a browser on another machine ended on", async () => {
  await using w = await world();
  let authorizeUrl = "";
  const questions: string[] = [];
  const options: SignInOptions = {
    clientId: w.server.clientId,
    accountsUrl: w.server.accountsUrl,
    redirectUri: w.redirectUri,
    paste: true,
    open: (url) => void (authorizeUrl = url),
    ask: async (question) => {
      questions.push(question);
      return await browseElsewhere(authorizeUrl, { follow: true });
    },
  };
  const result = await signIn(options);
  assert.equal(questions.length, 1);
  assert.match(questions[0]!, /^Paste the address your browser ended on/);
  assert.ok(questions[0]!.includes(`${w.redirectUri}?code=`), "the question names the address");
  const tokens = createUserTokenProvider({
    clientId: w.server.clientId,
    accountsUrl: w.server.accountsUrl,
    apiUrl: w.server.apiUrl,
    tokenFile: w.tokenFile,
  });
  await tokens.set(result);
  const client = createClient({ apiUrl: w.server.apiUrl, tokenProvider: tokens });
  assert.equal((await client.me()).id, "sample.listener");
  const exchange = w.server.emulator.log.find((r) => r.path === "/api/token");
  assert.equal(exchange?.status, 200, "the code went through the PKCE exchange");
});

Deno.test("a pasted value that is not the answer gets one sentence and the question again, never the code", async () => {
  await using w = await world();
  let authorizeUrl = "";
  let address = "";
  const answers = ["", "I clicked agree", () => withoutState(address)];
  const questions: string[] = [];
  const result = await signIn({
    clientId: w.server.clientId,
    accountsUrl: w.server.accountsUrl,
    redirectUri: w.redirectUri,
    paste: true,
    open: (url) => void (authorizeUrl = url),
    ask: async (question) => {
      questions.push(question);
      address ||= await browseElsewhere(authorizeUrl, { follow: false });
      const next = answers.shift()!;
      return typeof next === "function" ? next() : next;
    },
  }).catch((error) => error);
  // Three tries in all: the third bad value ends the sign-in in one sentence.
  assert.ok(result instanceof AuthError);
  assert.equal(
    result.message,
    `Sign-in failed: three pasted values were not the address your browser ended on; run "deno task login --paste" again`,
  );
  assert.equal(questions.length, 3);
  assert.match(questions[1]!, /^Nothing was pasted: copy the whole address/);
  assert.match(questions[2]!, /^That is not an address: /);
  const code = new URL(address).searchParams.get("code")!;
  for (const text of [...questions, result.message]) assert.ok(!text.includes(code));
});

Deno.test("a pasted address without its state, or the page opened instead, is asked again", async () => {
  await using w = await world();
  let authorizeUrl = "";
  let address = "";
  const questions: string[] = [];
  const answers = [
    () => withoutState(address),
    () => authorizeUrl,
    () => ` "${address}" `, // quoted, with spaces: accepted
  ];
  const result = await signIn({
    clientId: w.server.clientId,
    accountsUrl: w.server.accountsUrl,
    redirectUri: w.redirectUri,
    paste: true,
    open: (url) => void (authorizeUrl = url),
    ask: async (question) => {
      questions.push(question);
      address ||= await browseElsewhere(authorizeUrl, { follow: false });
      return answers.shift()!();
    },
  });
  assert.match(result.token.scope ?? "", /user-top-read/);
  assert.match(questions[1]!, /^That address has no "state": /);
  assert.match(questions[2]!, /^That address carries no answer from Spotify \(no "code" in it\)/);
  const code = new URL(address).searchParams.get("code")!;
  for (const text of questions) assert.ok(!text.includes(code), "the code is never repeated");
});

Deno.test("a pasted address whose state belongs to another sign-in ends the sign-in", async () => {
  await using w = await world();
  let authorizeUrl = "";
  const ask: AskAddress = async () => {
    const forged = new URL(authorizeUrl);
    forged.searchParams.set("state", "someone-elses");
    return await browseElsewhere(forged.href, { follow: false });
  };
  await assert.rejects(
    signIn({
      clientId: w.server.clientId,
      accountsUrl: w.server.accountsUrl,
      redirectUri: w.redirectUri,
      paste: true,
      open: (url) => void (authorizeUrl = url),
      ask,
    }),
    /^AuthError: Sign-in failed: the answer's state does not match this sign-in/,
  );
  assert.equal(w.server.emulator.counts()["POST /api/token"], undefined, "no code was exchanged");
});

Deno.test("with no callback after a while the address is asked for, and the callback server still listens meanwhile", async () => {
  await using w = await world();
  const timers = manualTimers();
  let authorizeUrl = "";
  let asked: string | undefined;
  let answer!: (text: string) => void;
  const signingIn = signIn({
    clientId: w.server.clientId,
    accountsUrl: w.server.accountsUrl,
    redirectUri: "http://127.0.0.1:0/callback",
    open: (url) => void (authorizeUrl = url), // the browser is elsewhere: nothing comes back
    ask: (question) => {
      asked = question;
      return new Promise<string>((resolve) => answer = resolve);
    },
    wait: timers.wait,
  });
  await timers.started(2);
  await timers.advance(29_999);
  assert.equal(asked, undefined, "not asked before 30 s");
  const redirect = new URL(new URL(authorizeUrl).searchParams.get("redirect_uri")!);
  const stray = await fetch(redirect); // the callback server is up while waiting
  await stray.body?.cancel();
  assert.equal(stray.status, 400);
  await timers.advance(1);
  assert.match(asked ?? "", /^No answer has reached http:\/\/127\.0\.0\.1:\d+\/callback yet/);
  answer(await browseElsewhere(authorizeUrl, { follow: false }));
  const result = await signingIn;
  assert.ok(result.refreshToken !== undefined);
  assert.deepEqual(timers.asked.toSorted((a, b) => a - b), [30_000, 300_000]);
  await assert.rejects(fetch(redirect), TypeError, "the port is closed once signed in");
});

Deno.test("the paste question gives up at the time limit, and a front end without input stops at once", async () => {
  await using w = await world();
  const timers = manualTimers();
  const base = {
    clientId: w.server.clientId,
    accountsUrl: w.server.accountsUrl,
    redirectUri: w.redirectUri,
    paste: true,
    open: () => {},
    wait: timers.wait,
  };
  const waiting = signIn({ ...base, ask: () => new Promise<string>(() => {}) });
  const outcome = waiting.catch((error: Error) => error.message);
  await timers.started(1);
  await timers.advance(300_000);
  assert.equal(
    await outcome,
    `Sign-in timed out: no address was pasted within 300 s; run "deno task login" again`,
  );
  await assert.rejects(
    signIn({ ...base, ask: () => null }), // prompt() where the front end sends no input
    /^AuthError: Sign-in stopped: no address was pasted .*"deno task login --paste" in a terminal$/,
  );
});

Deno.test("login() on a machine with no browser runs the paste flow and keeps the tokens in the token file", async () => {
  await using w = await world();
  const printed: string[] = [];
  let launched = 0;
  const tokens = await login({
    env: {
      SPOTIFY_CLIENT_ID: w.server.clientId,
      SPOTIFY_CLIENT_SECRET: w.server.clientSecret,
      SPOTIFY_API_URL: w.server.apiUrl,
      SPOTIFY_ACCOUNTS_URL: w.server.accountsUrl,
      SPOTIFY_REDIRECT_URI: w.redirectUri,
      SPOTIFY_TOKEN_FILE: w.tokenFile,
    },
    envFile: false,
    browser: false,
    launch: () => void launched++,
    print: (text) => void printed.push(text),
    ask: async () => {
      return await browseElsewhere(authorizeUrlIn(printed.join("\n"))!, { follow: true });
    },
  });
  assert.equal(launched, 0, "no browser is started where none can open");
  assert.match(printed.join("\n"), /Open this page in a browser on any machine/);
  assert.equal(Deno.statSync(w.tokenFile).mode! & 0o777, 0o600);
  const client = createClient({ apiUrl: w.server.apiUrl, tokenProvider: tokens });
  assert.equal((await client.me()).display_name, "Sample Listener");
});

/**
 * Run `deno task login ARGS` in a subprocess against the emulator; once it asks for the address,
 * `answer` is given what it printed and returns the lines to type.
 */
async function runLogin(
  w: Awaited<ReturnType<typeof world>>,
  args: string[],
  answer: (printed: string) => Promise<string>,
): Promise<{ code: number; text: string }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "tools/login.ts", ...args],
    cwd: PROJECT_ROOT,
    clearEnv: true,
    env: {
      PATH: Deno.env.get("PATH") ?? "",
      HOME: Deno.env.get("HOME") ?? w.dir,
      ...(Deno.env.get("DENO_DIR") ? { DENO_DIR: Deno.env.get("DENO_DIR")! } : {}),
      NO_COLOR: "1",
      SPOTIFY_CLIENT_ID: w.server.clientId,
      SPOTIFY_CLIENT_SECRET: w.server.clientSecret,
      SPOTIFY_API_URL: w.server.apiUrl,
      SPOTIFY_ACCOUNTS_URL: w.server.accountsUrl,
      SPOTIFY_REDIRECT_URI: w.redirectUri,
      SPOTIFY_TOKEN_FILE: w.tokenFile,
      SPOTIFY_CACHE_DIR: "off",
    },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const guard = setTimeout(() => child.kill("SIGKILL"), 60_000); // never a hung test
  try {
    const stderr = new Response(child.stderr).text();
    let out = "";
    const chunks = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    for (let read = await chunks.read(); !read.done; read = await chunks.read()) {
      out += read.value;
      if (out.includes("Paste the address")) break;
    }
    const stdin = child.stdin.getWriter();
    if (out.includes("Paste the address")) {
      await stdin.write(new TextEncoder().encode(await answer(out)));
    }
    await stdin.close();
    for (let read = await chunks.read(); !read.done; read = await chunks.read()) out += read.value;
    return { code: (await child.status).code, text: out + await stderr };
  } finally {
    clearTimeout(guard);
  }
}

Deno.test("deno task login --paste reads the address from standard input and signs in", async () => {
  await using w = await world();
  let address = "";
  const { code, text } = await runLogin(w, ["--paste"], async (printed) => {
    address = await browseElsewhere(authorizeUrlIn(printed)!, { follow: true });
    return `not an address\n${address}\n`;
  });
  assert.equal(code, 0, text);
  assert.match(text, /That is not an address: copy the whole address/);
  assert.match(text, /Signed in as Sample Listener; tokens saved to /);
  assert.ok(!text.includes(new URL(address).searchParams.get("code")!), "the code is not echoed");
  assert.equal(Deno.statSync(w.tokenFile).mode! & 0o777, 0o600);
});
