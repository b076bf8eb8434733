"""Draw FieldDesk's app icon with Pillow: a register with a tick on a deep-blue tile.

    .venv/bin/python scripts/make_icon.py

Writes ``assets/icons/fielddesk.png`` (256 px, for the window icon), ``fielddesk-16.png``
… ``fielddesk-48.png`` (small sizes drawn crisp rather than scaled down) and
``fielddesk.ico`` (16-256 px, for the Windows executable and shortcuts). The outputs are
committed; run this again only to change the design. Deterministic: the same Pillow
gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "assets" / "icons"
ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256]
SMALL_PNGS = [16, 24, 32, 48]

TILE = (22, 73, 140, 255)        # deep blue: government forms, readable on light and dark taskbars
TILE_EDGE = (14, 50, 100, 255)
PAGE = (250, 250, 246, 255)
RULE = (170, 186, 206, 255)
TICK = (232, 119, 34, 255)       # saffron tick: "disposed"
SUPERSAMPLE = 4


def draw(size: int) -> Image.Image:
    """The icon at ``size`` px: drawn 4x larger and reduced, so edges are smooth."""
    s = size * SUPERSAMPLE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    u = s / 64  # design grid: 64 units

    def box(x0, y0, x1, y1):
        return [round(x0 * u), round(y0 * u), round(x1 * u), round(y1 * u)]

    d.rounded_rectangle(box(2, 2, 62, 62), radius=round(12 * u), fill=TILE, outline=TILE_EDGE,
                        width=max(1, round(1.5 * u)))
    # The register page.
    d.rounded_rectangle(box(15, 10, 49, 54), radius=round(3 * u), fill=PAGE)
    if size >= 24:  # ruled lines only where they can be seen
        for y in (20, 27, 34):
            d.rectangle(box(20, y, 44, y + 2.2), fill=RULE)
    # The tick, over the lower part of the page.
    width = round((5.5 if size >= 24 else 7) * u)
    d.line([(21 * u, 40 * u), (28 * u, 47 * u), (45 * u, 28 * u)], fill=TICK, width=width, joint="curve")
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw(256)
    big.save(OUT / "fielddesk.png", optimize=True)
    for size in SMALL_PNGS:
        draw(size).save(OUT / f"fielddesk-{size}.png", optimize=True)
    frames = {size: draw(size) for size in ICO_SIZES}
    # Pillow's ICO writer takes the largest image and the list of sizes; giving each size
    # its own drawing (append_images) keeps the 16 px frame crisp instead of a scaled 256.
    frames[256].save(OUT / "fielddesk.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[frames[s] for s in ICO_SIZES if s != 256])
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(OUT.parent.parent)}  {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
