/**
 * Finding Jupyter's Python, the Deno kernelspec, and executing notebooks headless through
 * `tools/run_notebooks.py` (nbclient + nbconvert). Shared by setup, the demo and the tests.
 *
 * @module
 */

/** Debian's packages that bring nbclient, nbconvert and jupyter_client into the system Python. */
export const JUPYTER_APT_PACKAGES = ["jupyter-nbconvert", "python3-nbclient", "jupyter-client"];

const CANDIDATES = ["/usr/bin/python3", "python3"];
const PROBE = "import nbclient, nbconvert, jupyter_client";

/**
 * The first Python that can import nbclient, nbconvert and jupyter_client. Debian installs them
 * into `/usr/bin/python3`, which may not be the first `python3` on PATH.
 *
 * @returns Its command, or `undefined` when none can.
 */
export async function findJupyterPython(): Promise<string | undefined> {
  for (const python of CANDIDATES) {
    try {
      const { success } = await new Deno.Command(python, {
        args: ["-c", PROBE],
        stdout: "null",
        stderr: "null",
      }).output();
      if (success) return python;
    } catch {
      // Not installed: try the next.
    }
  }
  return undefined;
}

/**
 * The `deno` kernelspec, if it is registered and its Deno binary exists.
 *
 * @param python A Python that has jupyter_client.
 * @returns The kernel's argv, or `undefined`.
 */
export async function kernelSpec(python: string): Promise<string[] | undefined> {
  const script = "import json\nfrom jupyter_client.kernelspec import KernelSpecManager\n" +
    "specs = KernelSpecManager().get_all_specs()\n" +
    "print(json.dumps(specs.get('deno', {}).get('spec', {}).get('argv')))";
  const { success, stdout } = await new Deno.Command(python, {
    args: ["-c", script],
    stderr: "null",
  })
    .output();
  if (!success) return undefined;
  const argv = JSON.parse(new TextDecoder().decode(stdout)) as string[] | null;
  if (!argv?.[0]) return undefined;
  try {
    const info = await Deno.stat(argv[0]);
    return info.isFile ? argv : undefined;
  } catch {
    return undefined;
  }
}

/** Options of {@linkcode runNotebooks}. */
export interface RunNotebooksOptions {
  /** Notebook paths. */
  notebooks: string[];
  /** Where executed `.ipynb` and rendered `.html` go. */
  outDir: string;
  /** Environment of the kernel (added to this process's). */
  env?: Record<string, string>;
  /** Seconds a cell may run. */
  cellTimeout?: number;
}

/** What one notebook run gave. */
export interface NotebookResult {
  notebook: string;
  ok: boolean;
  seconds: number;
  ipynb?: string;
  html?: string;
  error?: string;
}

/**
 * Execute notebooks with the Deno kernel and render them to HTML.
 *
 * @param options Which notebooks, where to write, the kernel's environment.
 * @returns One result per notebook.
 */
export async function runNotebooks(options: RunNotebooksOptions): Promise<NotebookResult[]> {
  const python = await findJupyterPython();
  if (python === undefined) {
    throw new Error(
      `Jupyter is not installed: run "deno task test" or "deno task demo" once to install it`,
    );
  }
  const runner = new URL("./run_notebooks.py", import.meta.url).pathname;
  const output = await new Deno.Command(python, {
    args: [
      runner,
      "--out",
      options.outDir,
      "--timeout",
      String(options.cellTimeout ?? 600),
      ...options.notebooks,
    ],
    env: { ...options.env, PYTHONUNBUFFERED: "1" },
    stdout: "piped",
    stderr: "inherit",
  }).output();
  const lines = new TextDecoder().decode(output.stdout).trim().split("\n").filter(Boolean);
  const results = lines.map((line) => JSON.parse(line) as NotebookResult);
  if (results.length !== options.notebooks.length) {
    throw new Error(`The notebook runner stopped early (exit code ${output.code})`);
  }
  return results;
}
