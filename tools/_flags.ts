/**
 * The command lines of the history tools: `--name VALUE` or `--name=VALUE` for the flags a tool
 * takes, `--help`/`-h` for its help, and the other arguments as they come.
 *
 * @module
 */

/** What {@linkcode readFlags} found. */
export interface Flags {
  /** Each flag given, by name without its dashes (the last one wins). */
  values: Record<string, string>;
  /** The arguments that are not flags, in order. */
  rest: string[];
}

/**
 * Read the flags of a command line. `--help` or `-h` prints `help` and exits 0; a flag without a
 * value stops with one sentence and the usage.
 *
 * @param args The arguments.
 * @param tool The flags it takes (`["--every", "--db"]`), its usage line and its help text.
 * @returns The flags' values and the other arguments; an unknown option (`-x`) is among `rest`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readFlags } from "./_flags.ts";
 * const tool = { flags: ["--db"], usage: "use: x [--db FILE]", help: "" };
 * assert.deepEqual(readFlags(["a", "--db=s.sqlite", "b"], tool), {
 *   values: { db: "s.sqlite" },
 *   rest: ["a", "b"],
 * });
 * ```
 */
export function readFlags(
  args: readonly string[],
  tool: { flags: readonly string[]; usage: string; help: string },
): Flags {
  const values: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h") {
      console.log(tool.help);
      Deno.exit(0);
    }
    const [flag, inline] = arg.includes("=") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (!tool.flags.includes(flag!)) {
      rest.push(arg);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || value === "") {
      console.error(`Missing a value after ${flag}: ${tool.usage}`);
      Deno.exit(1);
    }
    values[flag!.slice(2)] = value;
  }
  return { values, rest };
}
