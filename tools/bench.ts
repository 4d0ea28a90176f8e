/**
 * `deno task bench [client|normalize|history|notebook-mode|session]...`: run the benchmarks and
 * print their numbers. Each prints a
 * table; the command exits non-zero when a target is missed.
 *
 * @module
 */
import { benchClient } from "./bench_client.ts";
import { benchHistoryStore } from "./bench_history_store.ts";
import { benchNormalize } from "./bench_normalize.ts";
import { benchNotebookMode } from "./bench_notebook_mode.ts";
import { benchSession } from "./bench_session.ts";

const BENCHES: Record<string, () => Promise<boolean>> = {
  client: benchClient,
  normalize: benchNormalize,
  history: benchHistoryStore,
  "notebook-mode": benchNotebookMode,
  session: benchSession,
};

const names = Deno.args.length > 0 ? Deno.args : Object.keys(BENCHES);
const unknown = names.find((name) => !(name in BENCHES));
if (unknown !== undefined) {
  console.error(`Unknown benchmark "${unknown}": use ${Object.keys(BENCHES).join(" or ")}`);
  Deno.exit(2);
}
let met = true;
for (const name of names) met = (await BENCHES[name]!()) && met;
if (!met) {
  console.error("\nA target was missed; see the numbers above");
  Deno.exit(1);
}
