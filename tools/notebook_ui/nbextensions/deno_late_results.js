// A classic Jupyter Notebook extension that `deno task notebook` loads (tools/notebook_server.ts).
//
// The Deno kernel (2.9.6) sometimes publishes a cell's result just after it reports "idle". Measured:
// - with one cell sent at a time (nbclient), 22 of 200 results came less than 1 ms after "idle";
//   the classic Notebook stops listening to a cell once it has its reply and "idle", and drops them;
// - with Run All, which sends every cell at once, the kernel has already taken the next cell when
//   it publishes such a result, and labels it with the next cell's id: the result shows under the
//   next cell and its own cell stays empty (about 1 Run All in 3 of 04_listening_habits).
// So: keep listening to a cell for DRAIN_MS after "idle", and run a group of cells (Run All, Run
// All Above/Below, several selected cells) one after another, each once the previous is complete.
// A cell that fails stops the rest, as before. JupyterLab is not patched.
define(["services/kernels/kernel", "notebook/js/notebook"], (kernel, notebook) => {
  "use strict";
  const DRAIN_MS = 150;

  function load_ipython_extension() {
    const K = kernel.Kernel.prototype;
    if (K._denoLateResults) return;
    K._denoLateResults = true;
    const finish = K._finish_iopub;
    K._finish_iopub = function (msgId) {
      setTimeout(() => finish.call(this, msgId), DRAIN_MS);
    };

    const N = notebook.Notebook.prototype;
    let current = null; // the running group: { cells, stopped }
    const release = (group) => {
      group.stopped = true;
      for (const cell of group.cells) {
        cell.set_input_prompt(null);
        cell.element.removeClass("running");
      }
      group.cells = [];
    };
    N.execute_cells = function (indices) {
      if (indices.length === 0) return;
      if (current) release(current);
      const group = { cells: [], stopped: false };
      current = group;
      for (const index of indices) {
        const cell = this.get_cell(index);
        if (cell.cell_type !== "code") {
          cell.execute(); // renders markdown
        } else if (cell.get_text().trim().length > 0) {
          cell.clear_output(false, true);
          cell.set_input_prompt("*");
          group.cells.push(cell);
        } else {
          cell.execute();
        }
      }
      const events = this.events;
      const next = () => {
        if (group.stopped) return;
        const cell = group.cells.shift();
        if (!cell) {
          if (current === group) current = null;
          return;
        }
        const done = (_event, data) => {
          if (data.cell !== cell) return;
          events.off("finished_execute.CodeCell", done);
          const failed = cell.output_area.outputs.some((o) => o.output_type === "error");
          const tags = (cell.metadata && cell.metadata.tags) || [];
          if (failed && tags.indexOf("raises-exception") === -1) release(group);
          else next();
        };
        events.on("finished_execute.CodeCell", done);
        cell.execute();
        if (!cell.last_msg_id) {
          events.off("finished_execute.CodeCell", done);
          next();
        }
      };
      const stop = () => {
        if (current === group) {
          release(group);
          current = null;
        }
      };
      events.one("kernel_restarting.Kernel kernel_interrupting.Kernel kernel_dead.Kernel", stop);
      next();
      this.select(indices[indices.length - 1]);
      this.command_mode();
      this.set_dirty(true);
    };
  }
  return { load_ipython_extension };
});
