/**
 * `deno task notebook`: open the notebooks in a real Jupyter. Setup (run first by the task, with
 * `--ui`) has installed what was missing and registered the Deno kernel at a stable copy of Deno;
 * this starts JupyterLab when installed, else the classic Jupyter Notebook, on 127.0.0.1 only with a
 * random token, and prints the URL to open. A busy port makes the server take the next free one.
 * Ctrl-C stops the server and its kernels, and so does closing the terminal or the SSH session
 * (SIGHUP) or a plain `kill` (SIGTERM).
 *
 * Options: `--port N` (the first port to try, default 8888).
 *
 * @module
 */
import { join } from "node:path";
import { PROJECT_ROOT } from "../lib/core/config.ts";
import { findJupyterPython, findNotebookUi, kernelSpec } from "./jupyter.ts";
import { startNotebookServer } from "./notebook_server.ts";

/**
 * Ctrl-C, `kill`, and a closed terminal or SSH session (SIGHUP) each stop the server and its
 * kernels: the server runs in a session of its own, so no terminal signal reaches it directly.
 */
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Print a line, unless the terminal is gone: after a hang-up, writing to it fails, and that must
 * not keep the server from being stopped.
 */
function say(line: string, stream: "log" | "error" = "log"): void {
  try {
    console[stream](line);
  } catch { /* no terminal left to tell */ }
}

function fail(message: string): never {
  say(message, "error");
  Deno.exit(1);
}

async function main() {
  const at = Deno.args.indexOf("--port");
  const port = at < 0 ? 8888 : Number(Deno.args[at + 1]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    fail(`Invalid port "${Deno.args[at + 1] ?? ""}": use a number from 1 to 65535`);
  }
  const python = await findJupyterPython();
  const ui = python === undefined ? undefined : await findNotebookUi(python);
  if (python === undefined || ui === undefined) {
    fail(
      `No notebook UI is installed: run "sudo apt-get install -y jupyter-notebook" (Debian/Ubuntu) ` +
        `or "pip install notebook", then run this command again`,
    );
  }
  const argv = await kernelSpec(python);
  // Listen before the server starts: a signal during its start stops it too, instead of leaving
  // it running without us.
  const starting = new AbortController();
  const started = startNotebookServer({
    python,
    ui,
    root: PROJECT_ROOT,
    port,
    signal: starting.signal,
    onLog: (line) => {
      // The server's own warnings and errors; its routine lines (and the token) stay quiet.
      if (/^\[(W|E|C) /.test(line) && !line.includes("token=")) say(line, "error");
    },
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say("Stopping the notebook server and its kernels...");
    starting.abort(); // a server still starting is stopped by its start, which then rejects
    const running = await started.catch(() => undefined);
    await running?.close();
    say("Stopped.");
    Deno.exit(0);
  };
  for (const signal of STOP_SIGNALS) Deno.addSignalListener(signal, stop);
  const server = await started.catch((error) => {
    // While stopping, stop() is closing the server and then exits.
    if (stopping) return new Promise<never>(() => {});
    fail(error instanceof Error ? error.message : String(error));
  });
  if (stopping) return; // a signal came as it started: stop() closes it and exits
  say(
    `${ui.name} is running on 127.0.0.1:${server.port} (started in ${
      (server.startMs / 1000).toFixed(1)
    } s), kernel "Deno" (${argv?.[0] ?? "not registered"}).\n` +
      `Open ${server.url}\n` +
      `Notebooks are in ${join(PROJECT_ROOT, "notebooks")}. Press Ctrl-C to stop.`,
  );
  const status = await server.finished;
  if (!stopping) fail(`The notebook server stopped by itself (exit code ${status.code})`);
}

await main();
