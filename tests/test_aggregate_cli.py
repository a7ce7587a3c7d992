"""`ffb aggregate` end to end on the bundled example package."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from ffb.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "canonical"


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("aggregate")
    result = CliRunner().invoke(main, ["aggregate", str(EXAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_every_output_is_written(written: Path) -> None:
    for name in ("key_figures.csv", "key_figures.parquet", "key_figures.json", "key_figures.xlsx", "report.html"):
        assert (written / name).stat().st_size > 0, name


def test_no_published_cell_counts_fewer_than_five(written: Path) -> None:
    frame = pl.read_parquet(written / "key_figures.parquet")
    shown = frame.filter(~pl.col("suppressed"))
    assert shown.height > 0
    assert shown["n"].min() >= 5
    hidden = frame.filter(pl.col("suppressed"))
    assert hidden.height > 0  # 36 citizens over two municipalities: some cells must be small
    assert hidden.select(pl.col("n").is_null().all() & pl.col("value").is_null().all() & pl.col("units").is_null().all()).item()


def test_csv_json_and_workbook_agree_with_parquet(written: Path) -> None:
    frame = pl.read_parquet(written / "key_figures.parquet")
    csv = pl.read_csv(written / "key_figures.csv", schema=frame.schema)
    assert csv.equals(frame)
    document = json.loads((written / "key_figures.json").read_text(encoding="utf-8"))
    assert len(document["key_figures"]) == frame.height
    assert {f["metric"] for f in document["figures"]} == set(frame["metric"].unique())
    assert document["min_n"] == 5 and document["excluded_rows"] == []
    book = load_workbook(written / "key_figures.xlsx", read_only=True)
    assert set(frame["metric"].unique()) <= {name for name in book.sheetnames}
    # a suppressed cell has no value in the workbook either
    sheet = book["function_level_first"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[3]
    value_col, flag_col = header.index("Værdi"), header.index("Diskretioneret")
    data = rows[4:]
    assert any(r[flag_col] == "ja" for r in data)
    assert all(r[value_col] is None for r in data if r[flag_col] == "ja")


def test_english_labels(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["aggregate", str(EXAMPLE), "--out", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 0, result.output
    frame = pl.read_csv(tmp_path / "key_figures.csv", infer_schema=False)
    assert "All municipalities" in frame["municipality"].to_list()
    assert "Key figures across municipalities" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_missing_input_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["aggregate", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "nowhere" in result.output and "Traceback" not in result.output


def test_bad_price_index_names_row_and_column(tmp_path: Path) -> None:
    index = tmp_path / "index.csv"
    index.write_text("year,price_index\n2023,117.4\n2024,abc\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["aggregate", str(EXAMPLE), "--out", str(tmp_path / "o"), "--price-index", str(index)])
    assert result.exit_code == 2
    assert "row 3" in result.output and "price_index" in result.output and "'abc'" in result.output


def test_rows_with_errors_are_left_out_and_counted_against_their_own_input(tmp_path: Path) -> None:
    import shutil

    from ffb.aggregate.load import load_inputs

    first, second = tmp_path / "a", tmp_path / "b"
    shutil.copytree(EXAMPLE, first)
    shutil.copytree(EXAMPLE, second)  # the same ids in both: no duplicate keys across inputs
    lines = (second / "assessments.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[3].split(",")  # spreadsheet row 4
    cells[header.index("assessment_date")] = "2023-02-30"
    lines[3] = ",".join(cells)
    (second / "assessments.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_inputs([first, second])
    assert loaded.excluded.to_dicts() == [{"input": str(second), "table": "assessments", "code": "FFB205", "rows": 1}]
    assessments = loaded.tables["assessments"]
    per_input = dict(assessments.group_by("package").len().iter_rows())
    assert per_input[0] == per_input[1] + 1
    left_out = cells[header.index("id")]
    assert left_out in assessments.filter(pl.col("package") == 0)["id"].to_list()
    assert left_out not in assessments.filter(pl.col("package") == 1)["id"].to_list()
    assert not assessments["id"].str.contains(":").any()  # the stacking prefix is gone


def test_one_table_alone_is_written_but_warned_about(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["aggregate", str(EXAMPLE / "assessments.csv"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "ingen brugbare rækker i" in result.output and "cases" in result.output
    document = json.loads((tmp_path / "key_figures.json").read_text(encoding="utf-8"))
    assert "cases" in document["empty_tables"]


def test_the_same_input_gives_the_same_figures(tmp_path: Path) -> None:
    """Suppression chooses among equally good cells by their order, so the groups DuckDB
    returns in any order are sorted first: two runs publish the same cells, byte for byte."""
    for run in ("a", "b"):
        result = CliRunner().invoke(main, ["aggregate", str(EXAMPLE), str(EXAMPLE), "--out", str(tmp_path / run)])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "a" / "key_figures.csv").read_bytes() == (tmp_path / "b" / "key_figures.csv").read_bytes()
