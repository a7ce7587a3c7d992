"""Guard zip containers (XLSX workbooks, zipped data packages) before anything inflates them."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

# A workbook of a million rows inflates to a few hundred MB at a ratio near 10; a zip bomb
# inflates thousands of times. Refuse members that are both large and far too compressed,
# and any container that would inflate beyond the total limit.
MAX_TOTAL_BYTES = 2 * 1024**3
MAX_RATIO = 200
RATIO_APPLIES_FROM = 16 * 1024**2


class UnsafeArchive(Exception):
    def __init__(self, code: str, detail: str | None = None) -> None:
        super().__init__(detail or code)
        self.code = code
        self.detail = detail


def check_archive(path: Path) -> zipfile.ZipFile:
    """Open a zip file after checking its members' sizes and names; raise UnsafeArchive."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise UnsafeArchive("FFB102", None) from error
    total = 0
    for member in archive.infolist():
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_APPLIES_FROM and ratio > MAX_RATIO:
            archive.close()
            raise UnsafeArchive("FFB113", f"{member.filename}: {member.file_size} bytes")
        name = PurePosixPath(member.filename)
        if name.is_absolute() or ".." in name.parts or "\\" in member.filename:
            archive.close()
            raise UnsafeArchive("FFB112", member.filename)
    if total > MAX_TOTAL_BYTES:
        archive.close()
        raise UnsafeArchive("FFB113", f"{total} bytes")
    return archive


def extract_archive(path: Path, target: Path) -> None:
    """Extract a checked archive into `target`, never writing outside it."""
    archive = check_archive(path)
    with archive:
        root = target.resolve()
        for member in archive.infolist():
            destination = (target / member.filename).resolve()
            if root not in destination.parents and destination != root:
                raise UnsafeArchive("FFB112", member.filename)
        archive.extractall(target)
