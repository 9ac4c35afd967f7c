"""LibreOffice, run headless the way a reader's office suite would open the files.

Tests that need it fail (never skip) when `soffice` is missing: `make office` installs it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

RECALCULATE_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""
"""A profile setting: recalculate every formula of an .xlsx file when it is opened (0 = always), so the
values a test reads are LibreOffice's own results, not what the writer cached."""


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice (soffice) is not installed; run `make office`"
    return found


def convert(files: dict[str, bytes], folder: Path, target: str) -> dict[str, Path]:
    """Each file written to `folder`, converted by LibreOffice to `target` (pdf, xlsx); name -> converted path."""
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALCULATE_ON_LOAD, encoding="utf-8")
    source = folder / "in"
    source.mkdir(exist_ok=True)
    for name, data in files.items():
        (source / name).write_bytes(data)
    out = folder / target
    result = subprocess.run([soffice(), "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to",
                             target, "--outdir", str(out), *sorted(files)],
                            cwd=source, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    converted = {name: out / f"{Path(name).stem}.{target}" for name in files}
    missing = [name for name, path in converted.items() if not path.is_file()]
    assert not missing, f"LibreOffice did not convert {missing}: {result.stdout} {result.stderr}"
    return converted
