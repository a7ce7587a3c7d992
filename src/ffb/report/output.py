"""Where a report goes: standard output or a file, every text masked on its way out.

A report file is written whole or not at all (to a temporary file next to it, then renamed),
never over a file being validated, and a failure to write (no such folder, a full disk,
no permission) is a clear one-line error, not a traceback.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ffb.report.masking import mask_text

Write = Callable[[str], None]

MESSAGES = {
    "da": {
        "no_folder": "kan ikke skrive rapporten til {output}: mappen {folder} findes ikke",
        "is_input": "{output} er en af de filer, der valideres; skriv rapporten til en anden fil (-o)",
        "cannot_write": "kan ikke skrive rapporten til {output}: {reason}",
    },
    "en": {
        "no_folder": "cannot write the report to {output}: the folder {folder} does not exist",
        "is_input": "{output} is one of the files being validated; write the report to another file (-o)",
        "cannot_write": "cannot write the report to {output}: {reason}",
    },
}


class CannotWrite(Exception):
    """The report cannot be written where it was asked to go; the message says why."""


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _input_files_contain(inputs: Path, output: Path) -> bool:
    """Whether `output` is an existing file that validating `inputs` reads: the input file
    itself, or a file inside the input folder or inside the folder of a datapackage.json."""
    try:
        target = output.stat()
    except OSError:
        return False
    if not stat.S_ISREG(target.st_mode):
        return False
    try:
        if _same_file(target, inputs.stat()):
            return True
    except OSError:
        return False
    package = inputs if inputs.is_dir() else inputs.parent if inputs.name == "datapackage.json" else None
    if package is None:
        return False
    return output.resolve().is_relative_to(package.resolve())


def check_destination(output: Path, inputs: Path, lang: str) -> None:
    """Raise CannotWrite when the report cannot or must not be written to `output`."""
    words = MESSAGES[lang]
    folder = output.parent
    if not folder.is_dir():
        raise CannotWrite(words["no_folder"].format(output=output, folder=folder))
    if _input_files_contain(inputs, output):
        raise CannotWrite(words["is_input"].format(output=output))


def masked(write: Write) -> Write:
    """`write` with every text masked first (see ffb.report.masking)."""
    return lambda text: write(mask_text(text))


def _mode_for(output: Path) -> int:
    """The permissions the report file gets: those of the file it replaces, else the usual."""
    try:
        return stat.S_IMODE(output.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def report_writer(output: Path | None, lang: str) -> Iterator[Write]:
    """A function that writes (masked) text to `output`, or to standard output when None.

    A regular file is replaced only when the whole report was written; a device or pipe
    (`/dev/stdout`, `/dev/full`) is written in place. Errors become CannotWrite.
    """
    words = MESSAGES[lang]
    if output is None:
        try:
            yield masked(sys.stdout.write)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise CannotWrite(words["cannot_write"].format(output="stdout", reason=error.strerror or error)) from None
        return
    try:
        special = output.exists() and not stat.S_ISREG(output.stat().st_mode)
        if special:
            with output.open("w", encoding="utf-8") as handle:
                yield masked(handle.write)
            return
        handle = tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=output.parent, prefix=f".{output.name}.", suffix=".part", delete=False
        )
        try:
            with handle:
                yield masked(handle.write)
            os.chmod(handle.name, _mode_for(output))
            os.replace(handle.name, output)
        except BaseException:
            Path(handle.name).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise CannotWrite(words["cannot_write"].format(output=output, reason=error.strerror or error)) from None
