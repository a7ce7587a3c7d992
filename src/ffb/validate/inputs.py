"""What the Python API accepts besides a path: bytes, or a file already open (binary or
text). Such input is written to a temporary file whose suffix says what it holds, so it is read
exactly as the same file on disk would be."""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ffb.read.model import CannotRun

SOURCE = str | Path | bytes | bytearray | memoryview | io.IOBase


def _suffix(data: bytes, name: str | None) -> str:
    """The suffix of a file name if there is one, else what the bytes look like."""
    if name and Path(name).suffix:
        return Path(name).suffix.lower()
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return ".xlsx" if "xl/workbook.xml" in archive.namelist() else ".zip"
        except zipfile.BadZipFile:
            return ".zip"
    if data[:4] == b"PAR1":
        return ".parquet"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        first_line = head.split(b"\n", 1)[0].strip()
        return ".jsonl" if first_line.startswith(b"{") and first_line.endswith(b"}") and b"\n{" in head else ".json"
    return ".csv"


@contextmanager
def as_path(source: SOURCE) -> Iterator[tuple[Path, str]]:
    """A path to read `source` from, and the name the report gives the input."""
    if isinstance(source, (str, Path)):
        yield Path(source), str(source)
        return
    name = None
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif hasattr(source, "read"):
        name = getattr(source, "name", None)
        name = name if isinstance(name, str) else None
        content = source.read()
        data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    else:
        raise CannotRun(f"cannot validate a {type(source).__name__}; give a path, bytes or an open file")
    with tempfile.TemporaryDirectory(prefix="ffb-input-") as folder:
        stem = Path(name).stem if name else "input"
        path = Path(folder) / f"{stem}{_suffix(data, name)}"
        path.write_bytes(data)
        yield path, name or "<bytes>"
