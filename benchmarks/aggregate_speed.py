"""How fast `ffb aggregate` runs on a national-sized input, validation included.

Builds 98 municipalities × 2,000 citizens × 4 registrations (about 800,000 assessment rows and
the other tables) with the synthetic population generator, writes one canonical package (CSV +
datapackage.json) per municipality, then runs `ffb aggregate` on all 98 as a separate process
and times it end to end. Prints the row counts, the generator's time and the phases of the run.

    python benchmarks/aggregate_speed.py [--municipalities 98] [--citizens 2000] [--registrations 4]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=98)
    parser.add_argument("--citizens", type=int, default=2000)
    parser.add_argument("--registrations", type=int, default=4)
    parser.add_argument("--keep", type=Path, help="write the packages and output here instead of a temporary folder")
    args = parser.parse_args()

    from ffb.contract.codes import load_contract
    from ffb.synth.population import build_population, write_population

    codes = list(load_contract()["enums"]["MunicipalityEnum"]["values"])[: args.municipalities]
    with tempfile.TemporaryDirectory(prefix="ffb-aggregate-bench-") as temporary:
        root = args.keep or Path(temporary)
        started = time.perf_counter()
        population = build_population(codes, citizens=args.citizens, registrations=args.registrations)
        built = time.perf_counter() - started
        started = time.perf_counter()
        packages = write_population(population, root / "packages")
        wrote = time.perf_counter() - started
        rows = {name: frame.height for name, frame in population.tables.items()}
        print(f"population: {len(codes)} municipalities × {args.citizens} citizens × {args.registrations} registrations")
        for name, count in rows.items():
            print(f"  {name:20s} {count:>10,d} rows")
        print(f"  {'all tables':20s} {sum(rows.values()):>10,d} rows")
        print(f"generated in {built:.1f} s, written as {len(packages)} CSV packages in {wrote:.1f} s")

        out = root / "out"
        timings = root / "timings.json"
        command = [sys.executable, "-c", (
            "import json, sys; from pathlib import Path; from ffb.aggregate.run import aggregate; "
            "r = aggregate([Path(p) for p in sys.argv[2:]], Path(sys.argv[1])); "
            "json.dump({'timings': r.timings, 'cells': r.published.height, "
            "'suppressed': int(r.published['suppressed'].sum()), 'excluded': int(r.loaded.excluded['rows'].sum() or 0)}, "
            f"open({str(timings)!r}, 'w'))"
        ), str(out), *map(str, packages)]
        started = time.perf_counter()
        subprocess.run(command, check=True)
        wall = time.perf_counter() - started
        report = json.loads(timings.read_text())
        print(f"ffb aggregate, end to end (own process): {wall:.1f} s")
        for phase, seconds in report["timings"].items():
            print(f"  {phase:26s} {seconds:6.1f} s")
        print(f"  {report['cells']:,d} published cells, {report['suppressed']:,d} suppressed, "
              f"{report['excluded']:,d} rows left out by validation")
        print(f"  report.html {(out / 'report.html').stat().st_size / 1e6:.1f} MB, "
              f"key_figures.parquet {(out / 'key_figures.parquet').stat().st_size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
