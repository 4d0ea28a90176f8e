"""Execute notebooks headless with the Deno kernel (nbclient) and render them to HTML (nbconvert).

Usage: run_notebooks.py --out DIR [--timeout SECONDS] [--inject SOURCE --name NAME] NOTEBOOK...

With --inject (one notebook), a code cell with SOURCE, tagged "injected-parameters", goes right after
the cell tagged "parameters", as papermill does; the outputs are named NAME.ipynb and NAME.html.

Prints one JSON line per notebook: {"notebook", "ok", "seconds", "ipynb", "html"} or, when a cell
fails, {"notebook", "ok": false, "error"} naming the cell. Outputs are written atomically; a failed
notebook leaves no output behind (stale ones are removed), so out/ never shows an old success.
Called by tools/jupyter.ts; run with the Python that has nbclient (Debian: /usr/bin/python3).
"""

import argparse
import json
import os
import queue
import re
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete, CellExecutionError, CellTimeoutError
from nbclient.util import ensure_async
from nbconvert import HTMLExporter

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class DenoNotebookClient(NotebookClient):
    """nbclient that keeps reading a cell's messages briefly after the kernel reports idle.

    The Deno kernel (2.9.6) sometimes publishes a cell's execute_result just after its "idle"
    status (measured: 22 of 200 executions, less than 1 ms late). nbclient stops reading at idle
    and drops such outputs; JupyterLab does not. Messages of the next cell cannot arrive while
    draining, since it is only sent once this cell is done.
    """

    drain_seconds = 0.1

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        assert self.kc is not None
        complete = False
        while True:
            try:
                msg = await ensure_async(
                    self.kc.iopub_channel.get_msg(timeout=self.drain_seconds if complete else None)
                )
            except queue.Empty:
                return
            if msg["parent_header"].get("msg_id") != parent_msg_id:
                continue
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                complete = True


def write_atomic(path, text):
    folder = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=os.path.basename(path))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def failing_cell(nb):
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return index, cell, output
    return None, None, None


def describe_failure(nb, error):
    index, cell, output = failing_cell(nb)
    if cell is None:
        return ANSI.sub("", str(error)).strip().splitlines()[-1][:500]
    first_line = next((l for l in cell.source.splitlines() if l.strip()), "").strip()[:80]
    what = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
    return f"cell {index + 1} (`{first_line}`) raised {ANSI.sub('', what).strip()[:500]}"


def inject(nb, source):
    at = next(
        (i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])),
        None,
    )
    if at is None:
        raise SystemExit("The notebook has no cell tagged \"parameters\"")
    cell = nbformat.v4.new_code_cell(source=source, metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(at + 1, cell)


KERNEL_STARTS = 3


def execute(path, timeout, source):
    """The notebook as executed, and the cell error or timeout that stopped it (or None).

    A kernel that dies before it answers is started again, up to KERNEL_STARTS times (no cell has
    run then): jupyter_client picks free ports before the kernel binds them, so kernels started at
    the same moment can race for one and lose with AddrInUse."""
    for attempt in range(1, KERNEL_STARTS + 1):
        nb = nbformat.read(path, as_version=4)
        if source is not None:
            inject(nb, source)
        client = DenoNotebookClient(
            nb,
            timeout=timeout,
            startup_timeout=180,
            kernel_name="deno",
            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
        )
        try:
            client.execute()
            return nb, None
        except (CellExecutionError, CellTimeoutError) as error:
            return nb, error
        except RuntimeError as error:
            if "died before replying" not in str(error) or attempt == KERNEL_STARTS:
                raise
            print(
                f"{os.path.basename(path)}: the kernel died while starting; starting it again",
                file=sys.stderr,
                flush=True,
            )


_exporter = None


def html_exporter():
    """One exporter for every notebook of the run: it compiles its template once."""
    global _exporter
    if _exporter is None:
        _exporter = HTMLExporter(template_name="lab")
        _exporter.embed_images = True
    return _exporter


def run(path, out_dir, timeout, source=None, name=None):
    name = name or os.path.splitext(os.path.basename(path))[0]
    ipynb_path = os.path.join(out_dir, name + ".ipynb")
    html_path = os.path.join(out_dir, name + ".html")
    started = time.time()
    nb, error = execute(path, timeout, source)
    if error is not None:
        for stale in (ipynb_path, html_path):
            if os.path.exists(stale):
                os.unlink(stale)
        message = describe_failure(nb, error)
        if isinstance(error, CellTimeoutError):
            message = f"a cell ran longer than {timeout} s: {message}"
        return {"notebook": path, "ok": False, "seconds": round(time.time() - started, 1), "error": message}
    html, _ = html_exporter().from_notebook_node(nb, resources={"metadata": {"name": name}})
    write_atomic(ipynb_path, nbformat.writes(nb))
    write_atomic(html_path, html)
    return {
        "notebook": path,
        "ok": True,
        "seconds": round(time.time() - started, 1),
        "ipynb": ipynb_path,
        "html": html_path,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--inject")
    parser.add_argument("--name")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    if (args.inject is not None or args.name) and len(args.notebooks) != 1:
        parser.error("--inject and --name take exactly one notebook")
    os.makedirs(args.out, exist_ok=True)
    for path in args.notebooks:
        print(json.dumps(run(path, args.out, args.timeout, args.inject, args.name)), flush=True)


if __name__ == "__main__":
    sys.exit(main())
