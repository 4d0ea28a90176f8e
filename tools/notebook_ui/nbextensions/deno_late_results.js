// A classic Jupyter Notebook extension that `deno task notebook` loads (tools/_notebook_server.ts).
//
// The Deno kernel (2.9.6) sometimes publishes a cell's result just after it reports "idle"
// (measured: 22 of 200 executions, less than 1 ms late). The classic Notebook stops listening to a
// cell once it has both its reply and "idle", so such a result never showed: a table or a chart
// went missing now and then (seen in tests/live_notebooks_test.ts on a second Run All). This keeps
// listening for 10 s more. JupyterLab needs no help.
define(["services/kernels/kernel"], (kernel) => {
  "use strict";
  function load_ipython_extension() {
    const proto = kernel.Kernel.prototype;
    if (proto._denoLateResults) return;
    const finish = proto._finish_iopub;
    proto._finish_iopub = function (msgId) {
      setTimeout(() => finish.call(this, msgId), 10000);
    };
    proto._denoLateResults = true;
  }
  return { load_ipython_extension };
});
