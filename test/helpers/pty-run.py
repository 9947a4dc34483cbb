"""Runs one command under a pseudo-terminal and prints a JSON report on stdout.

Used by test/helpers/pty.ts so end-to-end tests can see what a person at a terminal sees (a
command's stdin, stdout and, unless split, stderr are the terminal). Only the Python standard
library is used. The request arrives as JSON on stdin:

  {"argv": [...], "cwd": "...", "env": {...}, "columns": 100, "rows": 30, "timeout": 20,
   "splitStderr": true, "steps": [{"expect": "Title:", "send": "My task\\r"}, ...]}

Each step waits until `expect` appears in the terminal output (escape sequences removed, after the
previous step's match), then writes `send` to the terminal. The report:

  {"code": 0, "output": "...", "stderr": "...", "timedOut": false, "pending": ["Title:"]}

`code` is the exit status (128 + signal when killed); `pending` lists the expectations never seen.
"""

import fcntl
import json
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


def visible(raw: bytes) -> str:
    return ANSI.sub("", raw.decode("utf-8", "replace")).replace("\r", "")


def main() -> None:
    request = json.load(sys.stdin)
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", request.get("rows", 30), request.get("columns", 100), 0, 0))
    split = request.get("splitStderr", True)
    child = subprocess.Popen(
        request["argv"],
        cwd=request["cwd"],
        env=request["env"],
        stdin=slave,
        stdout=slave,
        stderr=subprocess.PIPE if split else slave,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    steps = list(request.get("steps", []))
    deadline = time.monotonic() + request.get("timeout", 20)
    output = b""
    errors = b""
    searched_from = 0
    timed_out = False
    readers = [master] + ([child.stderr.fileno()] if split and child.stderr else [])
    while readers:
        if time.monotonic() > deadline:
            timed_out = True
            os.killpg(child.pid, signal.SIGKILL)
            break
        ready, _, _ = select.select(readers, [], [], 0.05)
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the terminal's other side is gone
                chunk = b""
            if not chunk:
                readers.remove(fd)
                continue
            if fd == master:
                output += chunk
            else:
                errors += chunk
        while steps:
            text = visible(output)
            found = text.find(steps[0]["expect"], searched_from)
            if found == -1:
                break
            searched_from = found + len(steps[0]["expect"])
            os.write(master, steps.pop(0)["send"].encode("utf-8"))
        if not ready and child.poll() is not None and master not in readers:
            break
    code = child.wait()
    os.close(master)
    json.dump(
        {
            "code": code if code >= 0 else 128 - code,
            "output": output.decode("utf-8", "replace"),
            "stderr": errors.decode("utf-8", "replace"),
            "timedOut": timed_out,
            "pending": [step["expect"] for step in steps],
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
