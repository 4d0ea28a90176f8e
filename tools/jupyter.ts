/**
 * Finding Jupyter's Python, the Deno kernelspec, and executing notebooks headless through
 * `tools/run_notebooks.py` (nbclient + nbconvert). Shared by setup, the demo and the tests.
 *
 * @module
 */
import { writeAtomic } from "../lib/core/files.ts";

/** Debian's packages that bring nbclient, nbconvert and jupyter_client into the system Python. */
export const JUPYTER_APT_PACKAGES = ["jupyter-nbconvert", "python3-nbclient", "jupyter-client"];

/** Debian's package for a notebook UI (the classic Jupyter Notebook 6). */
export const NOTEBOOK_UI_APT_PACKAGES = ["jupyter-notebook"];

/** A notebook UI that a Python can start: its module and name. */
export interface NotebookUi {
  /** `python -m <module>` starts it. */
  module: "jupyterlab" | "notebook";
  /** What to call it. */
  name: string;
}

/**
 * Whether a Python has these modules installed. It looks for them without importing them
 * (`importlib.util.find_spec`): importing nbconvert or pandas takes a second, finding them a few
 * milliseconds.
 *
 * @param python A Python command.
 * @param modules Top-level module names.
 * @returns `true` when every one is installed, `false` when one is not or the Python is missing.
 */
export async function pythonHas(python: string, modules: readonly string[]): Promise<boolean> {
  const script = `import importlib.util, sys\n` +
    `sys.exit(0 if all(importlib.util.find_spec(m) for m in ${JSON.stringify(modules)}) else 1)`;
  try {
    const { success } = await new Deno.Command(python, {
      args: ["-c", script],
      stdout: "null",
      stderr: "null",
    }).output();
    return success;
  } catch {
    return false; // not installed
  }
}

/**
 * The notebook UI installed for a Python: JupyterLab when it is there, else the classic Notebook.
 *
 * @param python A Python that has jupyter_client.
 * @returns The UI, or `undefined` when neither is installed.
 */
export async function findNotebookUi(python: string): Promise<NotebookUi | undefined> {
  const uis = [
    { module: "jupyterlab", name: "JupyterLab" },
    { module: "notebook", name: "Jupyter Notebook" },
  ] as const;
  const found = await Promise.all(uis.map((ui) => pythonHas(python, [ui.module])));
  return uis.find((_, i) => found[i]);
}

const CANDIDATES = ["/usr/bin/python3", "python3"];
const MODULES = ["nbclient", "nbconvert", "jupyter_client"];

/** The Python found by this process, so that it is looked for once. */
let found: string | undefined;

/**
 * The first Python that has nbclient, nbconvert and jupyter_client. Debian installs them into
 * `/usr/bin/python3`, which may not be the first `python3` on PATH. Once one is found, later calls
 * in the same process give it without asking again; while none is, each call looks again (setup
 * installs them, then asks).
 *
 * @returns Its command, or `undefined` when none has them.
 */
export async function findJupyterPython(): Promise<string | undefined> {
  if (found !== undefined) return found;
  for (const python of CANDIDATES) {
    if (await pythonHas(python, MODULES)) return found = python;
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

/** Where the Deno kernel's binary is kept: outside npx's cache and the project, one per version. */
export function stableDenoPath(version: string = Deno.version.deno): string {
  const home = Deno.env.get("HOME") ?? "/root";
  const data = Deno.env.get("XDG_DATA_HOME") || `${home}/.local/share`;
  return `${data}/spotify-notebooks/deno-${version}/deno`;
}

/** What {@linkcode registerKernel} did. */
export interface KernelRegistration {
  /** The Deno binary the kernelspec runs. */
  deno: string;
  /** Its version. */
  version: string;
  /** Whether the kernelspec or the binary was (re)written. */
  changed: boolean;
}

/**
 * Register the `deno` kernelspec at a stable path: the running Deno binary is copied to
 * {@linkcode stableDenoPath} (a cache clean of npx or another Deno on PATH cannot break it), and
 * `kernel.json` is written atomically, so a kernel started meanwhile sees the old spec or the new
 * one, never half of one. Nothing is written when both are already in place.
 *
 * @param python A Python that has jupyter_client.
 * @returns The Deno the kernel uses.
 */
export async function registerKernel(python: string): Promise<KernelRegistration> {
  const version = Deno.version.deno;
  const deno = stableDenoPath(version);
  let changed = false;
  const source = Deno.execPath();
  const [have, want] = await Promise.all([
    Deno.stat(deno).catch(() => undefined),
    Deno.stat(source),
  ]);
  if (source !== deno && (have?.size !== want.size)) {
    await Deno.mkdir(deno.replace(/\/deno$/, ""), { recursive: true });
    const temp = `${deno}.${crypto.randomUUID()}.tmp`;
    try {
      await Deno.copyFile(source, temp);
      await Deno.chmod(temp, 0o755);
      await Deno.rename(temp, deno);
    } catch (error) {
      await Deno.remove(temp).catch(() => {});
      throw error;
    }
    changed = true;
  }
  const { stdout } = await new Deno.Command(python, {
    args: ["-c", "from jupyter_core.paths import jupyter_data_dir; print(jupyter_data_dir())"],
    stderr: "null",
  }).output();
  const dir = `${new TextDecoder().decode(stdout).trim()}/kernels/deno`;
  const spec = JSON.stringify(
    {
      argv: [deno, "jupyter", "--kernel", "--conn", "{connection_file}"],
      display_name: "Deno",
      language: "typescript",
    },
    null,
    2,
  );
  const current = await Deno.readTextFile(`${dir}/kernel.json`).catch(() => "");
  if (current !== spec) {
    await Deno.mkdir(dir, { recursive: true });
    await writeAtomic(`${dir}/kernel.json`, spec);
    changed = true;
  }
  return { deno, version, changed };
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
  /** Source of a cell injected after the one tagged `parameters` (one notebook only). */
  inject?: string;
  /** Base name of the outputs, instead of the notebook's (one notebook only). */
  name?: string;
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
      ...(options.inject === undefined ? [] : ["--inject", options.inject]),
      ...(options.name === undefined ? [] : ["--name", options.name]),
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
