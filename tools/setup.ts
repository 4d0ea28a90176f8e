/**
 * Makes sure this machine has what the demo and the tests need, installing what is missing:
 * the npm packages (`deno install`), Jupyter's nbclient/nbconvert (from apt, when running as root on
 * Debian/Ubuntu), with `--ui` a notebook UI (Jupyter Notebook from apt unless JupyterLab or Notebook
 * is there), with `--browser` Chromium and that UI for the browser tests, and the Deno Jupyter
 * kernelspec at a stable copy of the running Deno; with `--browser` also, where apt can install it,
 * Debian's pandas for normalize's differential test (without it that test is skipped). Idempotent:
 * a second run installs nothing. Where it cannot install, it stops with one sentence saying what to
 * install and how.
 *
 * @module
 */
import { exists } from "../lib/core/files.ts";
import { CHROMIUM } from "./browser.ts";
import {
  findJupyterPython,
  findNotebookUi,
  JUPYTER_APT_PACKAGES,
  NOTEBOOK_UI_APT_PACKAGES,
  pythonHas,
  registerKernel,
} from "./jupyter.ts";

async function run(cmd: string, args: string[], quiet = false): Promise<boolean> {
  const { success } = await new Deno.Command(cmd, {
    args,
    stdout: quiet ? "null" : "inherit",
    stderr: quiet ? "null" : "inherit",
    stdin: "null",
  }).output();
  return success;
}

function fail(message: string): never {
  console.error(`Setup: ${message}`);
  Deno.exit(1);
}

const root = new URL("..", import.meta.url).pathname;

/** Install Debian packages as root, or stop with one sentence saying how to install them. */
async function aptInstall(packages: string[], what: string, orElse?: string): Promise<void> {
  const apt = await run("sh", ["-c", "command -v apt-get"], true);
  if (!apt || Deno.uid?.() !== 0) {
    fail(
      `${what} ${packages.length > 1 ? "are" : "is"} missing: install ${
        packages.length > 1 ? "them" : "it"
      } with "sudo apt-get install -y ${packages.join(" ")}" (Debian/Ubuntu)${
        orElse ? ` or ${orElse}` : ""
      }, then run this command again`,
    );
  }
  console.log(`Setup: installing ${packages.join(", ")} with apt-get...`);
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  const updated = (await new Deno.Command("apt-get", { args: ["update", "-qq"], env }).output())
    .success;
  const installed = updated &&
    (await new Deno.Command("apt-get", {
      args: ["install", "-y", "-qq", "--no-install-recommends", ...packages],
      env,
      stdout: "null",
    }).output()).success;
  if (!installed) {
    fail(
      `installing ${
        packages.join(" ")
      } with apt-get failed; install them by hand and run this command again`,
    );
  }
}

const browser = Deno.args.includes("--browser");
// What is already there is asked all at once (each question takes about a second); what is missing
// is then installed step by step.
const [npmInstalled, foundPython, hasChromium, hasPandas] = await Promise.all([
  // 1. npm packages, as pinned in deno.json and deno.lock (a no-op when they are present).
  run(Deno.execPath(), ["install", "--quiet"], false),
  findJupyterPython(),
  browser ? exists(CHROMIUM) : true,
  browser ? pythonHas("/usr/bin/python3", ["pandas"]) : true,
]);
if (!npmInstalled) {
  fail(
    "installing the npm packages failed; check that the npm registry is reachable and run again",
  );
}

// 2. Jupyter's client and converter.
let python = foundPython;
if (python === undefined) {
  await aptInstall(
    JUPYTER_APT_PACKAGES,
    "Jupyter's nbclient and nbconvert",
    '"pip install nbclient nbconvert jupyter_client"',
  );
  python = await findJupyterPython();
  if (python === undefined) {
    fail(
      `installing ${
        JUPYTER_APT_PACKAGES.join(" ")
      } with apt-get failed; install them by hand and run this command again`,
    );
  }
}

// 3. For the tests' browser checks (`--browser`): Debian's Chromium.
if (browser && !hasChromium) {
  await aptInstall(["chromium"], "headless Chromium for the browser checks");
  if (!(await exists(CHROMIUM))) {
    fail(`installing chromium with apt-get failed; install it by hand and run this command again`);
  }
}

// 3b. For the tests' differential check of normalize (`--browser`): Debian's pandas. Optional: where
// it cannot be installed, that test is skipped with a sentence saying why.
if (browser && !hasPandas) {
  const canApt = Deno.uid?.() === 0 && (await run("sh", ["-c", "command -v apt-get"], true));
  if (canApt) {
    console.log("Setup: installing python3-pandas with apt-get...");
    await run(
      "apt-get",
      ["install", "-y", "-qq", "--no-install-recommends", "python3-pandas"],
      true,
    ) ||
      (await run("apt-get", ["update", "-qq"], true) &&
        await run(
          "apt-get",
          ["install", "-y", "-qq", "--no-install-recommends", "python3-pandas"],
          true,
        ));
  }
  if (!(await pythonHas("/usr/bin/python3", ["pandas"]))) {
    console.log(
      'Setup: pandas is missing, so the pandas differential test will be skipped (install it with "sudo apt-get install -y python3-pandas")',
    );
  }
}

// 5 (started now, while the UI is looked for). The Deno kernelspec, at a stable copy of this Deno
// (not inside npx's cache).
const registering = registerKernel(python).then((kernel) => ({ kernel }), (error) => ({ error }));

// 4. A notebook UI (`--ui`, and for the tests' live-notebook checks `--browser`): JupyterLab when
// installed, else the classic Notebook from apt.
if (
  (Deno.args.includes("--ui") || Deno.args.includes("--browser")) &&
  (await findNotebookUi(python)) === undefined
) {
  await aptInstall(
    NOTEBOOK_UI_APT_PACKAGES,
    "A notebook UI (Jupyter Notebook)",
    '"pip install notebook"',
  );
  if ((await findNotebookUi(python)) === undefined) {
    fail(
      `installing ${
        NOTEBOOK_UI_APT_PACKAGES.join(" ")
      } with apt-get failed; install Jupyter Notebook or JupyterLab by hand and run this command again`,
    );
  }
}

// 5. The Deno kernelspec.
const registered = await registering;
if ("kernel" in registered) {
  const { kernel } = registered;
  if (kernel.changed) {
    console.log(
      `Setup: registered the Deno Jupyter kernel (Deno ${kernel.version}, ${kernel.deno})`,
    );
  }
} else {
  const { error } = registered;
  fail(
    `registering the Deno kernel failed (${
      error instanceof Error ? error.message : error
    }); run "deno jupyter --install" and try again`,
  );
}

// 6. Folders the tools write to.
await Deno.mkdir(`${root}data/cache`, { recursive: true, mode: 0o700 });
