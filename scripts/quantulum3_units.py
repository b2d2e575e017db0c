#!/usr/bin/env python3
"""Write tracker/extract/lexicons/quantulum3_units.csv: quantulum3's English unit tables, as
the extractor reads them (tracker.extract.units), so that a run never imports quantulum3 (whose
tables take about 3 s to build, most of it inflect's start-up).

    python scripts/quantulum3_units.py [--check]

Each row is one (table, key, unit) of ``quantulum3.load.units("en_US")``: ``symbols`` (a unit's
symbols as written: "GB", "Hz"), ``symbols_lower`` (the same in lower case) and ``surfaces``
(its names, singular and plural: "gigabyte", "gigabytes"), with the unit's entity (length, data
storage, dimensionless, currency, ...). Rerun it after a new quantulum3 is pinned in
requirements.txt; ``--check`` exits 1 when the file differs from what it would write (the tests
do this too).
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
import warnings
from pathlib import Path

TABLE = Path(__file__).resolve().parents[1] / "tracker" / "extract" / "lexicons" / "quantulum3_units.csv"
TABLES = ("symbols", "symbols_lower", "surfaces")


def table_text() -> str:
    """The CSV as it should be, from the quantulum3 installed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import quantulum3
        from quantulum3 import load

    units = load.units("en_US")
    rows = sorted({(name, key, unit.name, unit.entity.name)
                   for name in TABLES for key, found in getattr(units, name).items() for unit in found})
    out = io.StringIO()
    out.write(
        f"# quantulum3 {quantulum3.__version__}'s English unit tables (quantulum3/_lang/en_US/units.json and\n"
        "# entities.json, MIT licence, https://github.com/nielstron/quantulum3), as its\n"
        "# load.units('en_US') builds them: written by scripts/quantulum3_units.py, not by hand.\n"
        "# Columns: table (symbols | symbols_lower | surfaces), key (as quantulum3 indexes it), unit, entity\n"
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["table", "key", "unit", "entity"])
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only check the file is up to date")
    args = ap.parse_args(argv)
    text = table_text()
    if args.check:
        if TABLE.read_text(encoding="utf-8") != text:
            print(f"{TABLE} is out of date: run scripts/quantulum3_units.py", file=sys.stderr)
            return 1
        return 0
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE} ({text.count(chr(10)) - 5} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
