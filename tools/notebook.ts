/**
 * `deno task notebook`: open the notebooks in a real Jupyter. Setup (run first by the task, with
 * `--ui`) has installed what was missing and registered the Deno kernel at a stable copy of Deno;
 * this starts JupyterLab when installed, else the classic Jupyter Notebook, on 127.0.0.1 only with a
 * random token, and prints the URL to open. A busy port makes the server take the next free one.
 * Ctrl-C stops the server and its kernels.
 *
 * Options: `--port N` (the first port to try, default 8888).
 *
 * @module
 */
import { join } from "node:path";
import { PROJECT_ROOT } from "../lib/core/config.ts";
import { findJupyterPython, findNotebookUi, kernelSpec } from "./jupyter.ts";
import { startNotebookServer } from "./notebook_server.ts";

function fail(message: string): never {
  console.error(message);
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
  const server = await startNotebookServer({
    python,
    ui,
    root: PROJECT_ROOT,
    port,
    onLog: (line) => {
      // The server's own warnings and errors; its routine lines (and the token) stay quiet.
      if (/^\[(W|E|C) /.test(line) && !line.includes("token=")) console.error(line);
    },
  }).catch((error) => fail(error instanceof Error ? error.message : String(error)));
  console.log(
    `${ui.name} is running on 127.0.0.1:${server.port} (started in ${
      (server.startMs / 1000).toFixed(1)
    } s), kernel "Deno" (${argv?.[0] ?? "not registered"}).\n` +
      `Open ${server.url}\n` +
      `Notebooks are in ${join(PROJECT_ROOT, "notebooks")}. Press Ctrl-C to stop.`,
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("Stopping the notebook server and its kernels...");
    await server.close();
    console.log("Stopped.");
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
  const status = await server.finished;
  if (!stopping) fail(`The notebook server stopped by itself (exit code ${status.code})`);
}

await main();
