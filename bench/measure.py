"""Run one `mkdocs build` in this process and report its peak memory, for bench/run.py.

Usage: python measure.py RESULT_JSON -- mkdocs-args...   (the parent process times the wall clock)
"""

from __future__ import annotations

import json
import resource
import runpy
import sys

if __name__ == "__main__":
    result_path, _, *mkdocs_args = sys.argv[1:]
    sys.argv = ["mkdocs", *mkdocs_args]
    code = 0
    try:
        runpy.run_module("mkdocs", run_name="__main__")
    except SystemExit as exit_:
        code = exit_.code or 0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open(result_path, "w") as handle:
        json.dump({"exit": code, "peak_mb": round(peak_kb / 1024, 1)}, handle)
    sys.exit(code)
