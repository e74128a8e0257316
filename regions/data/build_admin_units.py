"""Regenerate admin_units_2025.json from the `vietnamadminunits` package (MIT).

The package is not a runtime dependency (it pulls in GPL-licensed Unidecode), so the
data it ships is copied here once. Run in a throwaway virtualenv:

    python -m venv /tmp/vau && /tmp/vau/bin/pip install vietnamadminunits
    /tmp/vau/bin/python regions/data/build_admin_units.py
"""

from __future__ import annotations

import json
from importlib import metadata, resources
from pathlib import Path

from vietnamadminunits.database.main import query

OUT = Path(__file__).with_name("admin_units_2025.json")


def main() -> None:
    provinces = query(
        "SELECT DISTINCT provinceCode, province, provinceShort FROM admin_units ORDER BY provinceCode"
    )
    communes = query(
        "SELECT wardCode, ward, wardShort, wardType, provinceCode FROM admin_units ORDER BY wardCode"
    )
    legacy_rows = query(
        "SELECT DISTINCT provinceCode, province, provinceKey FROM admin_units_legacy ORDER BY provinceCode"
    )
    current_keys = {
        r["provinceKey"]: r["provinceCode"]
        for r in query("SELECT DISTINCT provinceKey, provinceCode FROM admin_units")
    }
    merged = json.loads(
        (resources.files("vietnamadminunits") / "data" / "converter_2025.json").read_text("utf-8")
    )["DICT_PROVINCE"]
    old_to_new = {old: current_keys[new] for new, olds in merged.items() for old in olds}
    data = {
        "source": (
            "Resolution 202/2025/QH15 and the government's list of communes in force since "
            "1 July 2025, as shipped by the vietnamadminunits package "
            f"{metadata.version('vietnamadminunits')} (MIT License, (c) 2025 Tran Ngoc Minh Hieu)"
        ),
        "provinces": [[r["provinceCode"], r["province"], r["provinceShort"]] for r in provinces],
        "communes": [
            [r["wardCode"], r["ward"], r["wardShort"], r["wardType"], r["provinceCode"]]
            for r in communes
        ],
        "legacy_provinces": [
            [r["provinceCode"], r["province"], old_to_new[r["provinceKey"]]] for r in legacy_rows
        ],
    }
    # One unit a line: readable diffs when a later resolution changes the map.
    lines = ["{", f' "source": {json.dumps(data["source"], ensure_ascii=False)},']
    for key in ("provinces", "communes", "legacy_provinces"):
        rows = ",\n".join(f"  {json.dumps(row, ensure_ascii=False)}" for row in data[key])
        lines.append(f' "{key}": [\n{rows}\n ]' + ("," if key != "legacy_provinces" else ""))
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(data['provinces'])} provinces, {len(data['communes'])} communes -> {OUT}")


if __name__ == "__main__":
    main()
