/**
 * `deno task notebook` as a person runs it: the server on 127.0.0.1 only, with a random token, on
 * another port when the first is busy, the URL printed, and Ctrl-C stopping it cleanly.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { PROJECT_ROOT } from "../lib/core/config.ts";
import { findJupyterPython, findNotebookUi } from "../tools/jupyter.ts";

const python = await findJupyterPython();
const ui = python === undefined ? undefined : await findNotebookUi(python);
if (ui === undefined) console.log("Skipping the notebook task test: no notebook UI is installed.");

Deno.test({
  name:
    "the notebook task serves on 127.0.0.1 with a token, skips a busy port, and stops on Ctrl-C",
  ignore: ui === undefined,
  async fn() {
    using busy = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (busy.addr as Deno.NetAddr).port;
    const runtime = await Deno.makeTempDir({ prefix: "notebook-task-" });
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", join(PROJECT_ROOT, "tools/notebook.ts"), "--port", String(port)],
      env: { NO_COLOR: "1", JUPYTER_RUNTIME_DIR: runtime, JUPYTER_CONFIG_DIR: runtime },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    let exited = false;
    const status = child.status.then((s) => (exited = true, s));
    try {
      const stdout = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
      let printed = "";
      const deadline = Date.now() + 90_000;
      while (!printed.includes("Press Ctrl-C to stop.") && Date.now() < deadline) {
        const { value, done } = await stdout.read();
        if (done) break;
        printed += value;
      }
      const url = /Open (http:\/\/127\.0\.0\.1:(\d+)\/tree\/notebooks\?token=([0-9a-f]{48}))\n/
        .exec(printed);
      assert.ok(url, printed);
      assert.notEqual(Number(url[2]), port, "a busy port makes the server take another");
      assert.match(printed, /kernel "Deno" \(\S+spotify-notebooks\/deno-[\d.]+\/deno\)/);
      const [, address, serverPort, token] = url;
      const page = await fetch(address!);
      await page.body?.cancel();
      assert.equal(page.status, 200);
      const listing = await (await fetch(
        `http://127.0.0.1:${serverPort}/api/contents/notebooks?token=${token}`,
      )).json() as { content: { name: string }[] };
      assert.ok(listing.content.some((f) => f.name === "02_artist_discography.ipynb"));
      const denied = await fetch(`http://127.0.0.1:${serverPort}/api/contents/notebooks`);
      await denied.body?.cancel();
      assert.equal(denied.status, 403, "no token, no access");
      assert.notEqual(token, "", "a token");
      // Only 127.0.0.1: the port is not open on the other addresses of the machine.
      const other = await Deno.connect({ hostname: "127.0.0.2", port: Number(serverPort) })
        .then((c) => (c.close(), true), () => false);
      assert.equal(other, false, "the server listens on 127.0.0.1 only");

      child.kill("SIGINT");
      const { code } = await status;
      let rest = "";
      for (let r = await stdout.read(); !r.done; r = await stdout.read()) rest += r.value;
      const stderr = await new Response(child.stderr).text();
      assert.equal(code, 0, stderr);
      assert.match(rest, /Stopped\.\n$/);
      const after = await fetch(address!).then((r) => r.body?.cancel(), () => "closed");
      assert.equal(after, "closed", "the server is gone");
    } finally {
      // A failed check must not leave the server running: Ctrl-C stops it and its kernels.
      if (!exited) child.kill("SIGINT");
      await status;
      await child.stderr.cancel().catch(() => {});
    }
    await Deno.remove(runtime, { recursive: true });
  },
});
