"""Run one cell in the Deno kernel with input allowed, relaying the kernel's input requests.

Usage: _kernel_input.py CWD < CODE-AS-FIRST-LINE-JSON, then one line per answer.

Reads the cell's code as a JSON string on the first line of standard input. Prints JSON lines:
{"stream": TEXT} for the cell's output, {"input": PROMPT, "password": BOOL} for each input_request
(the answer is the next line of standard input), then {"done": true, "status": "ok"|"error",
"error": TEXT}. The kernel runs in CWD with this process's environment. Every wait is bounded.
Called by tests/kernel_sign_in_test.ts; run with the Python that has jupyter_client.
"""

import json
import queue
import sys
import time

from jupyter_client.manager import start_new_kernel


def say(message):
    print(json.dumps(message), flush=True)


def drain(kc, msg_id):
    """The Deno kernel sometimes sends a cell's last output just after "idle": read on briefly."""
    end = time.time() + 0.3
    while time.time() < end:
        try:
            msg = kc.get_iopub_msg(timeout=0.05)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            say({"stream": msg["content"]["text"]})


def main():
    cwd = sys.argv[1]
    code = json.loads(sys.stdin.readline())
    km, kc = start_new_kernel(kernel_name="deno", cwd=cwd, startup_timeout=60)
    try:
        msg_id = kc.execute(code, allow_stdin=True)
        deadline = time.time() + 120
        status = None
        while status is None and time.time() < deadline:
            try:
                request = kc.get_stdin_msg(timeout=0.05)
                content = request["content"]
                drain(kc, msg_id)  # what the cell printed before asking, as a front end shows it
                say({"input": content["prompt"], "password": content["password"]})
                kc.input(sys.stdin.readline().rstrip("\n"))
            except queue.Empty:
                pass
            try:
                while True:
                    msg = kc.get_iopub_msg(timeout=0.05)
                    if msg["parent_header"].get("msg_id") != msg_id:
                        continue
                    kind = msg["msg_type"]
                    if kind == "stream":
                        say({"stream": msg["content"]["text"]})
                    elif kind == "error":
                        say({"stream": msg["content"]["evalue"]})
                    elif kind == "status" and msg["content"]["execution_state"] == "idle":
                        reply = kc.get_shell_msg(timeout=10)
                        status = reply["content"]["status"]
                        drain(kc, msg_id)
                        break
            except queue.Empty:
                pass
        say({"done": True, "status": status or "timeout"})
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
