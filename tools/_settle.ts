/**
 * What the benchmarks do between two timed runs.
 *
 * @module
 */

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

/**
 * Collect the garbage of the last run and let native finalizers free its polars frames, so the
 * next run does not pay for memory the last one still holds: pandas frees a frame as soon as its
 * last reference goes, JavaScript only when the collector runs. Needs `--v8-flags=--expose-gc`.
 */
export async function settle(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("Run the benchmarks with --v8-flags=--expose-gc.");
  for (let i = 0; i < 2; i++) {
    gc();
    await tick();
  }
}
