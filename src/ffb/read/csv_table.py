"""Read one delimited text file as a raw table."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl

from ffb.read.header import header_findings, recognise_table
from ffb.read.model import ROW, CannotRun, Finding, RawTable
from ffb.read.text_files import NotText, detect_format, rows_with_wrong_width, transcode_to_utf8

BATCH_ROWS = 1_000_000
# Files up to this size are parsed in one go (fastest); larger ones in batches of BATCH_ROWS
# rows, so memory stays bounded whatever the file's length.
WHOLE_FILE_BYTES = 512 * 1024**2


def _utf8_copy(
    path: Path, encoding: str, workdir: Path, findings: list[Finding], source: str, table: str
) -> Path:
    """The file itself when it is UTF-8, else a UTF-8 copy (noted as a finding)."""
    if encoding not in ("utf-16", "cp1252"):
        return path
    target = workdir / f"{len(list(workdir.iterdir()))}-{path.name}"
    transcode_to_utf8(path, encoding, target)
    findings.append(Finding("FFB111", source, table, detail=encoding))
    return target


def frame_for_contract(frame: pl.LazyFrame, header: list[str], table: dict) -> pl.LazyFrame:
    """Keep the contract's columns in contract order; absent ones become null text."""
    present = set(header)
    return frame.select(
        pl.col(ROW).cast(pl.Int64),
        *[
            pl.col(c["name"]) if c["name"] in present else pl.lit(None, pl.String).alias(c["name"])
            for c in table["columns"]
        ],
    )


def read_csv_table(
    path: Path,
    source: str,
    tables: list[dict],
    workdir: Path,
    table_name: str | None = None,
) -> tuple[RawTable | None, list[Finding]]:
    """A raw table for `path`, or None with the findings that say why it cannot be read."""
    try:
        text_format, header = detect_format(path)
    except NotText as problem:
        return None, [Finding(problem.code, source, table_name, detail=problem.detail)]
    except OSError as error:
        raise CannotRun(f"{source}: {error.strerror or error}") from error

    name = table_name or recognise_table(header, tables, hint=path.stem)
    if name is None:
        return None, [Finding("FFB110", source, detail=", ".join(header[:12]))]
    table = next(t for t in tables if t["name"] == name)
    findings, readable = header_findings(header, table, source)
    if not readable:
        return None, findings

    try:
        utf8_path = _utf8_copy(path, text_format.encoding, workdir, findings, source, name)
        bad_rows = rows_with_wrong_width(utf8_path, text_format.delimiter, len(header))
    except pl.exceptions.ComputeError as error:
        if "utf-8" not in str(error):
            raise
        # The start looked like UTF-8 but the rest is not: decide from the whole file.
        try:
            text_format, header = detect_format(path, full=True)
        except NotText as problem:
            return None, findings + [Finding(problem.code, source, name, detail=problem.detail)]
        utf8_path = _utf8_copy(path, text_format.encoding, workdir, findings, source, name)
        bad_rows = rows_with_wrong_width(utf8_path, text_format.delimiter, len(header))
    for bad in bad_rows:
        code = "FFB105" if bad.fields == 0 else "FFB104"
        findings.append(
            Finding(code, source, name, row=bad.row, value=str(bad.fields), detail=str(len(header)))
        )
    skipped = [bad.row for bad in bad_rows]
    whole = path.stat().st_size <= WHOLE_FILE_BYTES

    def batches() -> Iterator[pl.DataFrame]:
        scan = pl.scan_csv(
            utf8_path,
            separator=text_format.delimiter,
            infer_schema=False,
            encoding="utf8",
            truncate_ragged_lines=True,
            row_index_name=ROW,
            row_index_offset=2,
            quote_char='"',
        )
        if skipped:
            scan = scan.filter(~pl.col(ROW).is_in(skipped))
        frame = frame_for_contract(scan, header, table)
        if whole:
            yield frame.collect()
        else:
            yield from frame.collect_batches(chunk_size=BATCH_ROWS)

    return RawTable(name, source, header, batches), findings
