"""What happens to a photo that is reused: the variants the perceptual hash must still match.

For the reuse tests and ``bench/photo_reuse.py``. A photo passed from one office to
another (by WhatsApp, a pen drive, a download) comes back re-encoded, shrunk by the other
office's attach setting (long edge 640-4096), cropped a little, framed, brightened, with
its pixels stored sideways behind an EXIF Orientation tag, or as a phone screenshot of
the picture (black bars, a status bar, a navigation bar). Each variant here is the
upright picture changed in one such way (or several at once), returned as the bytes of
the file that would arrive.

    reuse_variants(picture, seed=) -> dict[name, bytes]
    BEYOND_REACH: the variants the hash is not expected to match (measured all the same)
    same_place_other_shot(picture) -> bytes   another shot from the same spot: NOT a reuse
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageEnhance, ImageOps

from desktop_app.photos.synthetic import exif_bytes

__all__ = ["BEYOND_REACH", "reuse_variants", "same_place_other_shot", "jpeg", "shrink"]

# Phone screens the screenshots are taken on (portrait, pixels).
_PHONE_SCREEN = (1080, 2340)
_STATUS_BAR = 84
_NAV_BAR = 126
# A crop that moves the picture's layout by 5-8 %: the low frequencies a perceptual hash
# keeps move with it (docs/decisions/0020 has the figures).
BEYOND_REACH = frozenset({"cropped 8% top, 5% left"})


def jpeg(picture: Image.Image, quality: int = 80, **save: object) -> bytes:
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, "JPEG", quality=quality, **save)
    return buffer.getvalue()


def shrink(picture: Image.Image, long_edge: int) -> Image.Image:
    """``picture`` with its long edge at most ``long_edge`` (as an office's attach does)."""
    smaller = picture.copy()
    smaller.thumbnail((long_edge, long_edge), Image.Resampling.LANCZOS)
    return smaller


def reuse_variants(picture: Image.Image, *, seed: int = 0) -> dict[str, bytes]:
    """The upright ``picture`` as a reused photo would arrive, one file per way of reuse."""
    rng = random.Random(seed)
    office = shrink(picture, 1600)
    variants = {
        "attached 1600 q80": jpeg(office),
        "attached 640 q80": jpeg(shrink(picture, 640)),
        "attached 4096 q90": jpeg(shrink(picture, 4096), 90),
        "re-encoded q30": jpeg(office, 30),
        "WhatsApp 1280 q60": jpeg(shrink(office, 1280), 60),
        "cropped 3% each side": jpeg(_crop(office, 0.03, 0.03, 0.03, 0.03)),
        "cropped 8% top, 5% left": jpeg(_crop(office, 0.05, 0.08, 0.0, 0.0)),
        "white border 5%": jpeg(_border(office, 0.05, (255, 255, 255))),
        "black border 3%": jpeg(_border(office, 0.03, (0, 0, 0))),
        "brighter 25%": jpeg(ImageEnhance.Brightness(office).enhance(1.25)),
        "darker 25%": jpeg(ImageEnhance.Brightness(office).enhance(0.75)),
        "contrast +40%": jpeg(ImageEnhance.Contrast(office).enhance(1.4)),
        "auto-contrast": jpeg(ImageOps.autocontrast(office, cutoff=2)),
        "grey": jpeg(ImageOps.grayscale(office)),
        "stored sideways, EXIF 6": jpeg(
            office.transpose(Image.Transpose.ROTATE_90), 85,
            exif=exif_bytes(taken_at=None, orientation=6),
        ),
        "stored upside down, EXIF 3": jpeg(
            office.transpose(Image.Transpose.ROTATE_180), 85,
            exif=exif_bytes(taken_at=None, orientation=3),
        ),
        "phone screenshot (PNG)": _png(_phone_screenshot(office, rng)),
        "phone screenshot, re-sent 1600 q70": jpeg(shrink(_phone_screenshot(office, rng), 1600), 70),
        "cropped 4%, brighter, 800 q50": jpeg(
            shrink(ImageEnhance.Brightness(_crop(office, 0.04, 0.02, 0.0, 0.04)).enhance(1.15), 800),
            50,
        ),
    }
    return variants


def same_place_other_shot(picture: Image.Image) -> bytes:
    """Another photo from nearly the same spot: the camera moved (a fifth of the frame
    to the side) and zoomed a little. A different photo, which the hash should not call
    the same picture (it is reported apart in the figures, not as a reuse)."""
    width, height = picture.size
    moved = picture.crop((width // 5, height // 10, width, height))
    return jpeg(shrink(moved, 1600))


def _crop(picture: Image.Image, left: float, top: float, right: float, bottom: float) -> Image.Image:
    width, height = picture.size
    return picture.crop((
        round(width * left), round(height * top),
        width - round(width * right), height - round(height * bottom),
    ))


def _border(picture: Image.Image, share: float, colour: tuple[int, int, int]) -> Image.Image:
    return ImageOps.expand(picture, border=round(max(picture.size) * share), fill=colour)


def _png(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


def _phone_screenshot(picture: Image.Image, rng: random.Random) -> Image.Image:
    """The picture shown full-width in a phone's gallery, captured with the status bar
    (clock, signal, battery) and the navigation bar."""
    screen_w, screen_h = _PHONE_SCREEN
    shown = ImageOps.contain(picture, (screen_w, screen_h - 2 * _NAV_BAR), Image.Resampling.BILINEAR)
    screen = Image.new("RGB", _PHONE_SCREEN, (0, 0, 0))
    screen.paste(shown, ((screen_w - shown.width) // 2, (screen_h - shown.height) // 2))
    draw = ImageDraw.Draw(screen)
    draw.text((40, 24), f"{rng.randint(9, 18)}:{rng.randint(0, 59):02d}", fill=(255, 255, 255),
              font_size=40)
    for index in range(rng.randint(3, 5)):  # signal, wifi, battery... icons
        x = screen_w - 60 - index * 56
        draw.rectangle((x, 26, x + 36, 62), fill=(235, 235, 235))
    for x in (screen_w // 4, screen_w // 2, 3 * screen_w // 4):  # back, home, recent
        y = screen_h - _NAV_BAR // 2
        draw.ellipse((x - 22, y - 22, x + 22, y + 22), outline=(220, 220, 220), width=4)
    return screen
