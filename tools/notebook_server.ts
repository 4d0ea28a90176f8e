/**
 * Start a Jupyter notebook server (JupyterLab, else the classic Notebook) on 127.0.0.1 with a
 * random token, for `deno task notebook` and the live-notebook browser test.
 *
 * @module
 */
import type { NotebookUi } from "./jupyter.ts";

const UI_DIR = new URL("./notebook_ui", import.meta.url).pathname;

/** Options of {@linkcode startNotebookServer}. */
export interface NotebookServerOptions {
  /** A Python that can import the UI's module. */
  python: string;
  /** The UI to start. */
  ui: NotebookUi;
  /** The folder the server shows (and where kernels start). */
  root: string;
  /** Environment added to this process's, for the server and its kernels. */
  env?: Record<string, string>;
  /** The first port to try; a busy one makes the server try the next ones. @default {8888} */
  port?: number;
  /** Called with each line the server logs (the token is in some of them). */
  onLog?: (line: string) => void;
  /** Stops a server that is still starting: the start rejects, and the server is gone. */
  signal?: AbortSignal;
}

/** A running notebook server. */
export interface NotebookServer extends AsyncDisposable {
  /** The server's base URL, e.g. `http://127.0.0.1:8888/`. */
  base: string;
  /** The URL that opens the `notebooks/` folder, with the token. */
  url: string;
  /** The random token. */
  token: string;
  /** The port it listens on. */
  port: number;
  /** The server's process id. */
  pid: number;
  /** Milliseconds from the start until the server answered. */
  startMs: number;
  /** Settles when the server has exited, for whatever reason. */
  finished: Promise<Deno.CommandStatus>;
  /** Stop the server (it shuts its kernels down) and wait for it to exit. */
  close(): Promise<void>;
}

/**
 * Start a notebook server on 127.0.0.1 only. The server runs in a session of its own (`setsid`),
 * so that a terminal's Ctrl-C reaches this process, which then stops the server cleanly, instead of
 * the server's "Shutdown this notebook server (y/[n])?" prompt.
 *
 * @param options Which UI, which folder, the environment.
 * @returns The running server.
 * @throws {Error} When the server does not start within 90 s, with its last log lines.
 */
export async function startNotebookServer(
  options: NotebookServerOptions,
): Promise<NotebookServer> {
  const started = performance.now();
  const token = Array.from(
    crypto.getRandomValues(new Uint8Array(24)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
  const port = String(options.port ?? 8888);
  const args = options.ui.module === "jupyterlab"
    ? [
      "-m",
      "jupyterlab",
      "--no-browser",
      "--ServerApp.ip=127.0.0.1",
      `--ServerApp.port=${port}`,
      "--ServerApp.port_retries=50",
      `--ServerApp.root_dir=${options.root}`,
    ]
    : [
      "-m",
      "notebook",
      "--no-browser",
      "--NotebookApp.ip=127.0.0.1",
      `--NotebookApp.port=${port}`,
      "--NotebookApp.port_retries=50",
      `--NotebookApp.notebook_dir=${options.root}`,
      // The project's extension that keeps late cell results (see notebook_ui/nbextensions).
      `--NotebookApp.extra_nbextensions_path=${UI_DIR}/nbextensions`,
    ];
  // Jupyter refuses to run as root without this (containers, CI).
  if (Deno.uid?.() === 0) args.push("--allow-root");
  const child = new Deno.Command("setsid", {
    args: [options.python, ...args],
    // The token goes through the environment, not the command line that `ps` shows.
    env: {
      ...options.env,
      JUPYTER_TOKEN: token,
      // Searched besides the user's own config: it enables the extension above.
      JUPYTER_CONFIG_PATH: [`${UI_DIR}/config`, Deno.env.get("JUPYTER_CONFIG_PATH")]
        .filter(Boolean).join(":"),
      PYTHONUNBUFFERED: "1",
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines: string[] = [];
  let announce: (port: number) => void = () => {};
  const announced = new Promise<number>((resolve) => announce = resolve);
  const read = async (stream: ReadableStream<Uint8Array>) => {
    let rest = "";
    const decoder = new TextDecoder();
    for await (const bytes of stream) {
      const parts = (rest + decoder.decode(bytes, { stream: true })).split("\n");
      rest = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        if (lines.length > 40) lines.shift();
        try {
          options.onLog?.(line);
        } catch { /* a logger that fails must not stop the reading (nor the server) */ }
        const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(line);
        if (match) announce(Number(match[1]));
      }
    }
  };
  const reading = Promise.all([read(child.stdout), read(child.stderr)]);
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });
  const close = async () => {
    if (!exited) {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      const timer = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch { /* gone */ }
      }, 20_000);
      await status;
      clearTimeout(timer);
    }
    await reading;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort = () => {};
  const outcome = await Promise.race([
    announced,
    status.then(() => "exited" as const),
    new Promise<"timeout">((resolve) => timer = setTimeout(() => resolve("timeout"), 90_000)),
    new Promise<"aborted">((resolve) => {
      onAbort = () => resolve("aborted");
      if (options.signal?.aborted) onAbort();
      options.signal?.addEventListener("abort", onAbort, { once: true });
    }),
  ]);
  clearTimeout(timer);
  options.signal?.removeEventListener("abort", onAbort);
  if (outcome === "aborted") {
    await close();
    throw new Error("The notebook server was stopped while starting");
  }
  if (typeof outcome !== "number") {
    await close();
    const log = lines.filter((l) => !l.includes(token)).slice(-8).join("\n");
    throw new Error(
      `The notebook server ${
        outcome === "exited" ? "stopped" : "did not start within 90 s"
      }; its last lines:\n${log}`,
    );
  }
  const base = `http://127.0.0.1:${outcome}/`;
  // The announced URL answers once the server listens; wait for it.
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${base}api/status?token=${token}`).then(async (r) => {
      await r.body?.cancel();
      return r.ok;
    }).catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const path = options.ui.module === "jupyterlab" ? "lab/tree/notebooks" : "tree/notebooks";
  return {
    base,
    url: `${base}${path}?token=${token}`,
    token,
    port: outcome,
    pid: child.pid,
    startMs: Math.round(performance.now() - started),
    finished: status,
    close,
    [Symbol.asyncDispose]: close,
  };
}
