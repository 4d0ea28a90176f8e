"""Execute notebooks headless with the Deno kernel (nbclient) and render them to HTML (nbconvert).

Usage: run_notebooks.py --out DIR [--timeout SECONDS] [--inject SOURCE --name NAME] NOTEBOOK...

With --inject (one notebook), a code cell with SOURCE, tagged "injected-parameters", goes right after
the cell tagged "parameters", as papermill does; the outputs are named NAME.ipynb and NAME.html.

Prints one JSON line per notebook: {"notebook", "ok", "seconds", "ipynb", "html"} or, when a cell
fails, {"notebook", "ok": false, "error"} naming the cell. Outputs are written atomically, with the
permissions of any new file (0644 under the usual umask); a failed notebook leaves no output behind
(stale ones are removed), so out/ never shows an old success.

What is saved is what a reader should see: outputs lose the kernel's ANSI colour codes; the page
loads nothing from outside itself (no MathJax or require.js reference: the notebooks use neither),
and keeps one copy of the page script that every chart and table output carries (lib/show/
_page_script.ts), at the end of the body.
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

import jinja2
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


def new_file_mode():
    """The mode a new file gets under this process's umask (0644 under the usual 022)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path, text):
    """Write a file whole or not at all: a temporary file in the same folder, renamed over it.
    mkstemp creates it 0600; it gets the mode of any new file before it takes the name."""
    folder = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=os.path.basename(path))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, new_file_mode())
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


def strip_ansi(nb):
    """Outputs without the kernel's ANSI colour codes (Deno prints plain values in colour)."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if isinstance(data.get("text/plain"), str):
                data["text/plain"] = ANSI.sub("", data["text/plain"])
            if isinstance(output.get("text"), str):
                output["text"] = ANSI.sub("", output["text"])
            if "traceback" in output:
                output["traceback"] = [ANSI.sub("", line) for line in output["traceback"]]
            if isinstance(output.get("evalue"), str):
                output["evalue"] = ANSI.sub("", output["evalue"])


# JupyterLab's page without the two scripts nbconvert loads from outside it: MathJax (which, absent,
# left a stuck "Loading [MathJax]/extensions/Safe.js" bar) and require.js (for widgets).
PAGE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
"""

_exporter = None


def html_exporter():
    """One exporter for every notebook of the run: it compiles its template once."""
    global _exporter
    if _exporter is None:
        _exporter = HTMLExporter(
            template_name="lab",
            template_file="spotify_page.html.j2",
            extra_loaders=[jinja2.DictLoader({"spotify_page.html.j2": PAGE_TEMPLATE})],
        )
        _exporter.embed_images = True
    return _exporter


PAGE_SCRIPT = re.compile(r'<script class="spotify-explore">.*?</script>', re.S)


def finish_page(html):
    """The page in English, with each page script (the charts', the tables') once at the end of
    the body, however many outputs carry it."""
    html = html.replace("<html>", '<html lang="en">', 1)
    scripts = list(dict.fromkeys(PAGE_SCRIPT.findall(html)))
    if not scripts:
        return html
    html = PAGE_SCRIPT.sub("", html)
    at = html.rfind("</body>")
    return html[:at] + "\n".join(scripts) + "\n" + html[at:]


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
    strip_ansi(nb)
    html, _ = html_exporter().from_notebook_node(nb, resources={"metadata": {"name": name}})
    html = finish_page(html)
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
