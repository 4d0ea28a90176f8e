/**
 * `deno task notebook` as a person runs it: the server on 127.0.0.1 only, with a random token, on
 * another port when the first is busy, the URL printed, and Ctrl-C stopping it cleanly; closing the
 * terminal (a real SIGHUP, from a real pseudo-terminal going away) stops the server and its kernels.
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

/**
 * Runs a command as a terminal does: in a pseudo-terminal of its own (Python's `pty`), relaying what
 * it prints. A line "hangup" on stdin closes the terminal, as closing a window or losing an SSH
 * session does: the kernel then sends SIGHUP to the session. It prints "exited CODE" when the
 * command has ended, or "still running" after 60 s. Every wait is bounded.
 */
const TERMINAL = `
import json, os, pty, select, sys, time
argv = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
deadline = time.time() + 180
while time.time() < deadline:
    ready, _, _ = select.select([fd, 0], [], [], 1)
    if fd in ready:
        try:
            data = os.read(fd, 4096)
        except OSError:
            data = b""
        if not data:
            break
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    if 0 in ready:
        line = sys.stdin.readline()
        if not line or line.strip() == "hangup":
            break
os.close(fd)
deadline = time.time() + 60
while time.time() < deadline:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        print("\\nexited %d" % os.waitstatus_to_exitcode(status), flush=True)
        sys.exit(0)
    time.sleep(0.1)
print("\\nstill running", flush=True)
`;

/** The processes (but `except`) whose environment holds this Jupyter runtime folder. */
function processesOf(runtime: string, except: number): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    const pid = Number(entry.name);
    if (!Number.isInteger(pid) || pid === except) continue;
    try {
      const environ = Deno.readTextFileSync(`/proc/${pid}/environ`).split("\0");
      if (!environ.includes(`JUPYTER_RUNTIME_DIR=${runtime}`)) continue;
      const cmdline = Deno.readTextFileSync(`/proc/${pid}/cmdline`).replaceAll("\0", " ").trim();
      found.push({ pid, cmdline });
    } catch { /* gone meanwhile, or not ours to read */ }
  }
  return found;
}

/** Whether something listens on 127.0.0.1:port. */
async function listening(port: number): Promise<boolean> {
  return await Deno.connect({ hostname: "127.0.0.1", port }).then(
    (c) => (c.close(), true),
    () => false,
  );
}

/** Poll `check` every 100 ms until it holds or `ms` have passed; the last value it gave. */
async function within<T>(ms: number, check: () => Promise<T> | T): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await check();
  while (!value && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await check();
  }
  return value;
}

Deno.test({
  name:
    "closing the terminal of deno task notebook (a real SIGHUP) stops Jupyter and its kernels: pids gone, ports closed",
  ignore: ui === undefined,
  async fn() {
    const runtime = await Deno.makeTempDir({ prefix: "notebook-hangup-" });
    const terminal = new Deno.Command(python!, {
      args: [
        "-c",
        TERMINAL,
        JSON.stringify([Deno.execPath(), "task", "notebook", "--port", "8890"]),
      ],
      cwd: PROJECT_ROOT,
      env: { NO_COLOR: "1", JUPYTER_RUNTIME_DIR: runtime, JUPYTER_CONFIG_DIR: runtime },
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const input = terminal.stdin.getWriter();
    const output = terminal.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let printed = "";
    const readUntil = async (marker: string, ms: number) => {
      const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), ms));
      while (!printed.includes(marker)) {
        const next = await Promise.race([output.read(), timeout]);
        if (next === "timeout" || next.done) break;
        printed += next.value;
      }
      return printed.includes(marker);
    };
    let before: { pid: number; cmdline: string }[] = [];
    try {
      assert.ok(await readUntil("Press Ctrl-C to stop.", 120_000), printed);
      const [, base, token] =
        /Open (http:\/\/127\.0\.0\.1:\d+\/)\S*\?token=([0-9a-f]+)/.exec(printed) ?? [];
      assert.ok(base && token, printed);
      const started = await fetch(`${base}api/kernels`, {
        method: "POST",
        headers: { Authorization: `token ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ name: "deno" }),
      });
      const { id } = await started.json() as { id: string };
      assert.equal(started.status, 201);
      // The kernel runs and listens on the ports its connection file names.
      const connection = join(runtime, `kernel-${id}.json`);
      const ports = await within(60_000, async () => {
        const info = await Deno.readTextFile(connection).then(
          (t) => JSON.parse(t),
          () => undefined,
        );
        if (info === undefined) return undefined;
        const all = ["shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"]
          .map((k) => info[k] as number);
        return (await Promise.all(all.map(listening))).every(Boolean) ? all : undefined;
      });
      assert.ok(ports, "the kernel listens");
      ports.push(Number(new URL(base).port));
      before = processesOf(runtime, terminal.pid);
      assert.ok(before.some((p) => / -m notebook /.test(p.cmdline)), JSON.stringify(before));
      assert.ok(
        before.some((p) => p.cmdline.includes(`kernel-${id}.json`)),
        JSON.stringify(before),
      );
      assert.ok(
        before.some((p) => p.cmdline.includes("tools/notebook.ts")),
        JSON.stringify(before),
      );

      await input.write(new TextEncoder().encode("hangup\n"));
      assert.ok(await readUntil("exited", 70_000), printed);
      assert.match(printed, /\nexited 0\r?\n/, "deno task notebook ended, and cleanly");
      const left = await within(30_000, () => {
        const alive = processesOf(runtime, terminal.pid);
        return alive.length === 0 ? "none" : undefined;
      });
      assert.equal(left, "none", JSON.stringify(processesOf(runtime, terminal.pid)));
      for (const port of ports) {
        assert.equal(await listening(port), false, `port ${port} is closed`);
      }
      const answer = await fetch(`${base}api/status?token=${token}`).then(
        () => "answered",
        () => "closed",
      );
      assert.equal(answer, "closed", "the token no longer opens anything");
    } finally {
      await input.close().catch(() => {});
      await output.cancel().catch(() => {});
      await terminal.status;
      // Whatever a failed check left behind is ours to stop.
      for (const { pid } of processesOf(runtime, terminal.pid)) {
        try {
          Deno.kill(pid, "SIGKILL");
        } catch { /* gone */ }
      }
      await Deno.remove(runtime, { recursive: true });
    }
  },
});

Deno.test({
  name: "a SIGHUP while the notebook server is still starting stops it too",
  ignore: ui === undefined,
  async fn() {
    const runtime = await Deno.makeTempDir({ prefix: "notebook-hangup-" });
    // The server reads this config as it starts: it takes 5 s more, so the signal surely comes
    // while it is starting.
    await Deno.writeTextFile(
      join(runtime, "jupyter_notebook_config.py"),
      "import time\ntime.sleep(5)\n",
    );
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", join(PROJECT_ROOT, "tools/notebook.ts"), "--port", "8890"],
      env: { NO_COLOR: "1", JUPYTER_RUNTIME_DIR: runtime, JUPYTER_CONFIG_DIR: runtime },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    try {
      const server = await within(
        60_000,
        () => processesOf(runtime, child.pid).find((p) => / -m notebook /.test(p.cmdline)),
      );
      assert.ok(server, "the server process appeared");
      child.kill("SIGHUP");
      const [status, stdout, stderr] = await Promise.all([
        child.status,
        new Response(child.stdout).text(),
        new Response(child.stderr).text(),
      ]);
      assert.equal(status.code, 0, `${stdout}\n${stderr}`);
      assert.ok(!stdout.includes("Open http"), `stopped before it was announced: ${stdout}`);
      assert.match(stdout, /Stopped\.\n$/);
      const left = await within(30_000, () => processesOf(runtime, child.pid).length === 0);
      assert.ok(left, JSON.stringify(processesOf(runtime, child.pid)));
    } finally {
      try {
        child.kill("SIGKILL");
      } catch { /* exited */ }
      await child.status;
      for (const { pid } of processesOf(runtime, child.pid)) {
        try {
          Deno.kill(pid, "SIGKILL");
        } catch { /* gone */ }
      }
      await Deno.remove(runtime, { recursive: true });
    }
  },
});
