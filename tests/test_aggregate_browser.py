"""report.html in a real browser: Debian's headless chromium opens the file with no network.

The DOM after loading must hold a drawn chart in every key figure's section, the page must log
no error to the console, and a screenshot is kept in test-artefacts/aggregate/ (ignored by git)
for a person to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from ffb.aggregate.run import aggregate
from ffb.synth.population import build_population, write_population

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTEFACTS = ROOT / "test-artefacts" / "aggregate"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed")


def chromium(*arguments: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="ffb-chromium-") as profile:
        return subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *arguments],
            capture_output=True, text=True, timeout=180,
        )


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    population = build_population(["101", "147", "461", "751", "851"], citizens=300, registrations=4, seed=11)
    result = aggregate(write_population(population, folder / "packages"), folder / "out")
    assert result.loaded.excluded.height == 0
    return folder / "out" / "report.html"


def test_every_chart_is_drawn_without_console_errors(report: Path) -> None:
    run = chromium("--virtual-time-budget=5000", "--dump-dom", report.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    sections = re.findall(r'<section id="([a-z0-9_]+)" data-metric="[^"]+">(.*?)</section>', dom, flags=re.S)
    assert len(sections) == 18, [s[0] for s in sections]
    for metric, body in sections:
        assert '<svg class="chart"' in body, f"{metric}: no chart"
        marks = body.count('class="dot"') + body.count('class="all"')
        assert marks > 0, f"{metric}: the chart has nothing drawn"
        assert "<table>" in body, f"{metric}: no table behind the chart"
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line]
    assert not [line for line in console if "Uncaught" in line or "Error" in line], console


def test_screenshot_is_kept(report: Path) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTEFACTS / "report.png"
    target.unlink(missing_ok=True)
    run = chromium("--window-size=1280,2400", "--hide-scrollbars", f"--screenshot={target}", report.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    assert target.stat().st_size > 50_000  # a drawn page, not a blank one


def test_the_example_report_opens_in_english(tmp_path: Path) -> None:
    aggregate([ROOT / "examples" / "canonical"], tmp_path, lang="en")
    run = chromium("--virtual-time-budget=5000", "--dump-dom", (tmp_path / "report.html").as_uri())
    assert run.returncode == 0
    assert "Key figures across municipalities" in run.stdout
    assert 'lang="en"' in run.stdout
    assert not [line for line in run.stderr.splitlines() if "CONSOLE" in line and "Uncaught" in line]
