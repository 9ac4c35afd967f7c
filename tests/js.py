"""Run the site's own browser modules in Node, for tests of what only JavaScript computes.

The Node is the one Playwright (a pinned test dependency) ships with its driver, so these tests need
nothing the setup does not install, and run in the fast set without a browser. A module run this way
must not touch the DOM (docs/javascripts/tools/core.js does not).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import playwright

from tests.conftest import ROOT

NODE = Path(playwright.__file__).parent / "driver" / "node"
CORE = ROOT / "docs" / "javascripts" / "tools" / "core.js"


def run(body: str, data: Any, module: Path = CORE) -> Any:
    """The value `body` returns, with the module imported as `core` and `data` (JSON) as `input`."""
    script = (f"import * as core from {json.dumps(module.as_uri())};\n"
              "import { readFileSync } from 'node:fs';\n"
              "const input = JSON.parse(readFileSync(0, 'utf8'));\n"
              f"const result = (() => {{ {body} }})();\n"
              "process.stdout.write(JSON.stringify(result));\n")
    done = subprocess.run([str(NODE), "--input-type=module", "-e", script], input=json.dumps(data),
                          capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
