"""Zip containers that are byte-identical from build to build.

Zip entries carry a modification time and the order they were written in; both are fixed here
(entries sorted by name, every time set to the content's own date) so the same content gives
the same bytes on any day, in any time zone.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

FILE_MODE = 0o644 << 16
UNIX = 3
COMPRESS_LEVEL = 6
ALREADY_DEFLATED = (".docx", ".xlsx", ".zip")
"""Entries that are zips themselves are stored as they are: deflating them again gains nothing and takes time."""


def deterministic_zip(entries: dict[str, bytes], date: dt.date) -> bytes:
    """A deflated zip of `entries` (name -> bytes), sorted by name, every entry dated `date`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=(date.year, date.month, date.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name.endswith(ALREADY_DEFLATED) else zipfile.ZIP_DEFLATED
            info.create_system = UNIX
            info.external_attr = FILE_MODE
            archive.writestr(info, entries[name], compresslevel=COMPRESS_LEVEL)
    return buffer.getvalue()


def rezip(data: bytes, date: dt.date) -> bytes:
    """The same zip content rewritten deterministically (for containers other libraries wrote)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    return deterministic_zip(entries, date)
