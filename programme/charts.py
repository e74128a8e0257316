"""Server-side SVG charts: geometry computed here, drawn by templates, each with its data table."""

from __future__ import annotations

from dataclasses import dataclass

from regions import units

from . import plans

WIDTH = 560
BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 170
COLUMN_AREA_HEIGHT = 160
# Five classes, light to dark (ColorBrewer "Greens", readable in print and for colour blindness).
PALETTE = ("#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c")
EMPTY = "#f2f2f2"
TILE = 46


@dataclass
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float


def bars(points: list[tuple[str, int]]) -> dict:
    """Horizontal bars, one per row, scaled to the largest value."""
    top = max([value for _label, value in points] or [0]) or 1
    room = WIDTH - LABEL_WIDTH - 80
    drawn = [
        Bar(
            label=label,
            value=value,
            x=LABEL_WIDTH,
            y=i * (BAR_HEIGHT + BAR_GAP),
            width=round(room * value / top, 1),
            height=BAR_HEIGHT,
        )
        for i, (label, value) in enumerate(points)
    ]
    return {"bars": drawn, "width": WIDTH, "height": max(len(drawn), 1) * (BAR_HEIGHT + BAR_GAP)}


def columns(points: list[tuple[str, int]]) -> dict:
    """Vertical columns, one per month, scaled to the largest value."""
    top = max([value for _label, value in points] or [0]) or 1
    step = (WIDTH - 20) / max(len(points), 1)
    drawn = []
    for i, (label, value) in enumerate(points):
        height = round(COLUMN_AREA_HEIGHT * value / top, 1)
        drawn.append(
            Bar(
                label=label,
                value=value,
                x=round(10 + i * step + step * 0.15, 1),
                y=round(COLUMN_AREA_HEIGHT - height + 10, 1),
                width=round(step * 0.7, 1),
                height=height,
            )
        )
    return {
        "bars": drawn,
        "width": WIDTH,
        "height": COLUMN_AREA_HEIGHT + 40,
        "base": COLUMN_AREA_HEIGHT + 10,
    }


def _initials(name: str) -> str:
    if name == "Hồ Chí Minh":
        return "HCM"
    return "".join(word[0] for word in name.split()).upper()


def tile_map(values: dict[str, int]) -> dict:
    """The 34 provinces as squares on a grid, shaded by `values` in five equal classes."""
    grid = plans.tile_grid()
    top = max(values.values(), default=0)
    tiles = []
    for code, col, row in grid["tiles"]:
        province = units.province(code)
        value = values.get(code, 0)
        shade = EMPTY if not value else PALETTE[min(4, (5 * value - 1) // top)]
        tiles.append(
            {
                "code": code,
                "name": province.short_name if province else code,
                "initials": _initials(province.short_name) if province else code,
                "value": value,
                "x": col * TILE,
                "y": row * TILE,
                "size": TILE - 4,
                "fill": shade,
                "dark": shade in PALETTE[3:],
            }
        )
    legend = [
        {"fill": PALETTE[i], "from": (i * top) // 5 + 1 if top else 0, "to": ((i + 1) * top) // 5}
        for i in range(5)
    ]
    return {
        "tiles": tiles,
        "width": grid["columns"] * TILE,
        "height": grid["rows"] * TILE,
        "legend": legend,
        "source": grid["about"],
    }
