/**
 * Signing in from a notebook where the browser is on another machine: a cell in the real Deno
 * kernel calls `login()`, which asks for the pasted address with `prompt()`; Jupyter's
 * input_request reaches the front end (here `_kernel_input.py`, a jupyter_client with input
 * allowed), and the test plays the user: it opens the printed page in a fake browser on "another
 * machine" and types back the address the browser ended on.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT_ROOT } from "../lib/core/config.ts";
import { findJupyterPython } from "../tools/jupyter.ts";
import { startEmulator } from "../emulator/mod.ts";
import { authorizeUrlIn, browseElsewhere, closedPort } from "./_elsewhere_browser.ts";

type Message = {
  stream?: string;
  input?: string;
  password?: boolean;
  done?: true;
  status?: string;
};

Deno.test("in a notebook kernel, login() asks for the pasted address with Jupyter's input box", async () => {
  const python = await findJupyterPython();
  assert.ok(python, "a Python with jupyter_client is installed (deno run -A tools/setup.ts)");
  await using server = await startEmulator();
  const dir = await Deno.makeTempDir({ prefix: "spotify-kernel-login-" });
  try {
    // The kernel finds the import map in its working folder.
    await Deno.copyFile(join(PROJECT_ROOT, "deno.json"), join(dir, "deno.json"));
    await Deno.copyFile(join(PROJECT_ROOT, "deno.lock"), join(dir, "deno.lock"));
    await Deno.symlink(join(PROJECT_ROOT, "node_modules"), join(dir, "node_modules"));
    const tokenFile = join(dir, ".spotify-token.json");
    const mod = pathToFileURL(join(PROJECT_ROOT, "lib", "mod.ts")).href;
    const cell = [
      `import { createClient, login } from ${JSON.stringify(mod)};`,
      `const tokens = await login({ envFile: false });`,
      `const api = createClient({ apiUrl: Deno.env.get("SPOTIFY_API_URL")!, tokenProvider: tokens });`,
      `console.log("Signed in as " + (await api.me()).display_name);`,
    ].join("\n");
    const driver = new Deno.Command(python, {
      args: [join(PROJECT_ROOT, "tests", "_kernel_input.py"), dir],
      clearEnv: true, // no DISPLAY: the kernel's machine cannot open a browser
      env: {
        PATH: Deno.env.get("PATH") ?? "",
        HOME: Deno.env.get("HOME") ?? dir,
        NO_COLOR: "1",
        SPOTIFY_CLIENT_ID: server.clientId,
        SPOTIFY_CLIENT_SECRET: server.clientSecret,
        SPOTIFY_API_URL: server.apiUrl,
        SPOTIFY_ACCOUNTS_URL: server.accountsUrl,
        SPOTIFY_REDIRECT_URI: `http://127.0.0.1:${closedPort()}/callback`,
        SPOTIFY_TOKEN_FILE: tokenFile,
        SPOTIFY_CACHE_DIR: "off",
      },
      stdin: "piped",
      stdout: "piped",
      stderr: "null",
    }).spawn();
    const guard = setTimeout(() => driver.kill("SIGKILL"), 150_000); // never a hung test
    const stdin = driver.stdin.getWriter();
    const say = (line: string) => stdin.write(new TextEncoder().encode(`${line}\n`));
    await say(JSON.stringify(cell));
    let printed = "";
    let address = "";
    const prompts: { text: string; password: boolean }[] = [];
    let done: Message | undefined;
    let buffered = "";
    for await (const chunk of driver.stdout.pipeThrough(new TextDecoderStream())) {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const message of lines.map((line) => JSON.parse(line) as Message)) {
        if (message.stream !== undefined) printed += message.stream;
        if (message.input !== undefined) {
          prompts.push({ text: message.input, password: message.password ?? false });
          address ||= await browseElsewhere(authorizeUrlIn(printed)!, { follow: true });
          await say(prompts.length === 1 ? "the page said it cannot be reached" : address);
        }
        if (message.done) done = message;
      }
    }
    await stdin.close();
    await driver.status;
    clearTimeout(guard);
    assert.equal(done?.status, "ok", printed);
    assert.equal(prompts.length, 2, "one bad paste, then the address");
    assert.match(prompts[0]!.text, /^Paste the address your browser ended on/);
    assert.match(prompts[1]!.text, /^That is not an address: /);
    assert.match(printed, /Open this page in a browser on any machine/);
    assert.match(printed, /Signed in as Sample Listener/);
    const code = new URL(address).searchParams.get("code")!;
    assert.ok(!printed.includes(code) && !prompts.some((p) => p.text.includes(code)));
    assert.equal(Deno.statSync(tokenFile).mode! & 0o777, 0o600);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
