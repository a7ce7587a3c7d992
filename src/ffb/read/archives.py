"""Guard zip containers (XLSX workbooks, zipped data packages) before anything inflates them.

The sizes checked are those the container declares. That is enough: both zip readers used
here (Python's zipfile and calamine's) stop with an error when a member inflates beyond its
declared size.
"""

from __future__ import annotations

import errno
import zipfile
import zlib
from pathlib import Path, PurePosixPath

# A workbook of a million rows inflates to a few hundred MB at a ratio near 10; a zip bomb
# inflates thousands of times. Refuse members that are both large and far too compressed,
# and any container that would inflate beyond the total limit or holds absurdly many members.
MAX_TOTAL_BYTES = 2 * 1024**3
MAX_RATIO = 200
RATIO_APPLIES_FROM = 16 * 1024**2
MAX_MEMBERS = 10_000
MAX_NAME_BYTES = 255  # the longest name of one file or folder most file systems allow
SHOWN_NAME = 200
# What zipfile raises for a container it cannot read or inflate (damaged, encrypted, or
# compressed with a method it lacks).
INFLATE_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, ValueError)


def is_damaged(error: Exception) -> bool:
    """Whether zipfile failed on the container itself (a damaged offset makes it seek before
    the start of the file: EINVAL), not on the disk or the permissions."""
    return isinstance(error, INFLATE_ERRORS) or (isinstance(error, OSError) and error.errno == errno.EINVAL)


class UnsafeArchive(Exception):
    """The container is refused: a finding code, and the member's name or sizes."""

    def __init__(self, code: str, detail: str | None = None) -> None:
        super().__init__(detail or code)
        self.code = code
        self.detail = detail


def _unsafe_name(name: str) -> bool:
    pure = PurePosixPath(name)
    return pure.is_absolute() or ".." in pure.parts or "\\" in name or (len(name) > 1 and name[1] == ":")


def _check_members(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise UnsafeArchive("FFB113", f"{len(members)} members")
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_APPLIES_FROM and ratio > MAX_RATIO:
            raise UnsafeArchive("FFB113", f"{member.filename}: {member.file_size} bytes")
        if _unsafe_name(member.filename):
            raise UnsafeArchive("FFB112", member.filename)
    if total > MAX_TOTAL_BYTES:
        raise UnsafeArchive("FFB113", f"{total} bytes")
    _check_names(members)


def _check_names(members: list[zipfile.ZipInfo]) -> None:
    """Names no file system takes: a part over 255 bytes, or a file that is also a folder."""
    folders = set()
    for member in members:
        parts = PurePosixPath(member.filename).parts
        folders.update("/".join(parts[:end]) for end in range(1, len(parts)))
        if any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in parts):
            raise UnsafeArchive("FFB126", member.filename[:SHOWN_NAME])
    for member in members:
        if not member.is_dir() and member.filename.rstrip("/") in folders:
            raise UnsafeArchive("FFB126", member.filename[:SHOWN_NAME])


def check_archive(path: Path) -> zipfile.ZipFile:
    """Open a zip file after checking its members' sizes and names; raise UnsafeArchive."""
    try:
        archive = zipfile.ZipFile(path)
    except Exception as error:
        if is_damaged(error):
            raise UnsafeArchive("FFB102", None) from error
        raise
    try:
        _check_members(archive)
    except UnsafeArchive:
        archive.close()
        raise
    return archive


def extract_archive(path: Path, target: Path) -> None:
    """Extract a checked archive into `target`, never writing outside it."""
    with check_archive(path) as archive:
        root = target.resolve()
        for member in archive.infolist():
            destination = (target / member.filename).resolve()
            if root not in destination.parents and destination != root:
                raise UnsafeArchive("FFB112", member.filename)
        for member in archive.infolist():
            try:
                archive.extract(member, target)
            except Exception as error:
                if is_damaged(error):
                    raise UnsafeArchive("FFB102", None) from error
                if isinstance(error, OSError):  # a name this file system refuses
                    raise UnsafeArchive("FFB126", member.filename[:SHOWN_NAME]) from error
                raise
