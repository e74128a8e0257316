"""Product pictures drawn locally with Pillow, so demo data needs no network."""

from __future__ import annotations

import colorsys
import io

from PIL import Image, ImageDraw, ImageFont

from lib.text import fold

SIZE = 600


def _shade(hex_colour: str, factor: float) -> tuple[int, int, int]:
    hex_colour = hex_colour.lstrip("#")
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, light, s = colorsys.rgb_to_hls(r, g, b)
    r, g, b = colorsys.hls_to_rgb(h, max(0, min(1, light * factor)), s)
    return round(r * 255), round(g * 255), round(b * 255)


def initials(title: str) -> str:
    words = [w for w in fold(title).split() if w[:1].isalpha()]
    return "".join(w[0] for w in words[:2]).upper() or "OC"


def product_image(title: str, colour: str = "#1b6b3a", sector: str = "1") -> bytes:
    """A square PNG: the product's colour, a sector emblem and the title's initials."""
    base = _shade(colour, 1.0)
    image = Image.new("RGB", (SIZE, SIZE), _shade(colour, 1.35))
    draw = ImageDraw.Draw(image)
    draw.ellipse((60, 60, SIZE - 60, SIZE - 60), fill=base)
    light = _shade(colour, 1.7)
    emblems = {
        "1": lambda: draw.pieslice((170, 330, 430, 560), 180, 360, fill=light),  # a bowl
        "2": lambda: draw.rounded_rectangle((250, 300, 350, 540), 20, fill=light),  # a bottle
        "3": lambda: draw.ellipse((200, 330, 400, 540), fill=light),  # a leaf-like drop
        "4": lambda: draw.regular_polygon((300, 440, 110), 6, fill=light),  # a woven hexagon
        "5": lambda: draw.regular_polygon((300, 440, 110), 5, fill=light),  # a flower
        "6": lambda: draw.polygon([(160, 540), (300, 330), (440, 540)], fill=light),  # a mountain
    }
    emblems.get(sector, emblems["1"])()
    font = ImageFont.load_default(size=150)
    draw.text((SIZE / 2, 210), initials(title), fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
