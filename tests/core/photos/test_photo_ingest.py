"""ingest_file: every nasty file gives its one-line reason, every good one the right photo."""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

import pillow_heif
import pytest
from PIL import Image, ImageCms, ImageFile, JpegImagePlugin

from desktop_app.errors import PhotoError
from desktop_app.photos import ingest as ingest_module
from desktop_app.photos.ingest import IngestedPhoto, ingest_file
from desktop_app.photos.synthetic import exif_bytes


def refusal(path: Path) -> str:
    with pytest.raises(PhotoError) as caught:
        ingest_file(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path.name}: ")
    return message.removeprefix(f"{path.name}: ")


def stored(photo: IngestedPhoto) -> Image.Image:
    image = Image.open(io.BytesIO(photo.jpeg))
    image.load()
    return image


def close(actual: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 40) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def quadrant_samples(image: Image.Image) -> dict[str, tuple[int, ...]]:
    w, h = image.size
    return {
        "top_left": image.getpixel((w // 4, h // 4)),
        "top_right": image.getpixel((3 * w // 4, h // 4)),
        "bottom_left": image.getpixel((w // 4, 3 * h // 4)),
        "bottom_right": image.getpixel((3 * w // 4, 3 * h // 4)),
    }


# --- refused, each with its reason ---------------------------------------------------


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "IMG_001.jpg"
    path.write_bytes(b"")
    assert refusal(path) == "file is empty"


def test_text_file_named_jpg_is_not_an_image(tmp_path):
    path = tmp_path / "IMG_001.jpg"
    path.write_text("Minutes of the review meeting held on 5 October\n" * 20)
    assert refusal(path).startswith("not an image")


def test_missing_file(tmp_path):
    assert refusal(tmp_path / "gone.jpg") == "file not found"


def test_truncated_jpeg_is_refused(noisy_jpeg):
    path = noisy_jpeg("IMG_002.jpg")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert refusal(path) == "the file is cut short (truncated)"


def test_truncated_large_jpeg_is_refused_in_draft_mode(camera_jpeg):
    # The reduced-scale decode must still notice the missing half.
    path = camera_jpeg("IMG_003.jpg", width=3200, height=2400)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    assert refusal(path) == "the file is cut short (truncated)"


def test_truncated_png_is_refused(tmp_path, make_noise):
    path = tmp_path / "scan.png"
    make_noise((300, 200)).save(path, "PNG")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert refusal(path) == "the file is cut short (truncated)"


def test_file_over_25_mib_is_refused_before_it_is_opened(noisy_jpeg, monkeypatch):
    path = noisy_jpeg("huge.jpg")
    with open(path, "r+b") as handle:
        handle.truncate(25 * 1024 * 1024 + 1)  # sparse padding after a valid JPEG

    def must_not_open(*args, **kwargs):
        raise AssertionError("opened a file that was already too big")

    monkeypatch.setattr(Image, "open", must_not_open)
    assert refusal(path) == "file is larger than 25 MiB (25.1 MiB)"


@pytest.mark.parametrize(
    ("width", "height", "expected"),
    [
        (8000, 8000, "too large (8000 x 8000 pixels, limit 60 megapixels)"),  # our own limit
        (10000, 10000, "too large (100 megapixels, limit 60 megapixels)"),  # Pillow's warning
        (30000, 30000, "too large (900 megapixels, limit 60 megapixels)"),  # Pillow's error
    ],
)
def test_decompression_bomb_is_refused_before_decoding(
    declared_png, monkeypatch, width, height, expected
):
    path = declared_png(width, height)
    assert path.stat().st_size < 200

    def must_not_decode(self, *args, **kwargs):
        raise AssertionError("decoded a decompression bomb")

    monkeypatch.setattr(ImageFile.ImageFile, "load", must_not_decode)
    assert refusal(path) == expected


def test_damaged_files_never_escape_as_tracebacks(tmp_path, make_noise):
    """Flip bytes all over small JPEG, PNG and WebP files: a photo or a PhotoError."""
    rng = random.Random(5)
    originals = {}
    for fmt, ext in (("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")):
        buffer = io.BytesIO()
        make_noise((64, 48), seed=3).save(buffer, fmt)
        originals[ext] = buffer.getvalue()
    outcomes = {"photo": 0, "refused": 0}
    for round_ in range(60):
        ext = ("jpg", "png", "webp")[round_ % 3]
        data = bytearray(originals[ext])
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if round_ % 4 == 0:
            data = data[: rng.randrange(8, len(data))]
        path = tmp_path / f"damaged-{round_}.{ext}"
        path.write_bytes(bytes(data))
        try:
            photo = ingest_file(path)
        except PhotoError as error:
            assert str(error).startswith(path.name + ": ")
            assert "\n" not in str(error)
            outcomes["refused"] += 1
        else:
            assert stored(photo).size == photo_size(photo)
            outcomes["photo"] += 1
    assert outcomes["refused"] > 0


def photo_size(photo: IngestedPhoto) -> tuple[int, int]:
    return photo.width, photo.height


# --- accepted, with the right result -------------------------------------------------


def test_png_named_jpg_is_accepted_by_content(tmp_path, quadrant_picture, quadrant_colours):
    path = tmp_path / "IMG_004.jpg"
    quadrant_picture.save(path, "PNG")
    photo = ingest_file(path)
    assert (photo.width, photo.height) == (400, 200)
    samples = quadrant_samples(stored(photo))
    assert all(close(samples[k], quadrant_colours[k]) for k in quadrant_colours)


@pytest.mark.parametrize("orientation", [1, 2, 3, 6, 8])
def test_exif_orientation_is_applied_so_the_stored_photo_is_upright(
    oriented_jpeg, quadrant_colours, orientation
):
    path = oriented_jpeg(orientation)
    with Image.open(path) as original:
        assert original.getexif()[0x0112] == orientation
        if orientation in (6, 8):
            assert original.size == (200, 400)  # stored sideways, as a phone does
    photo = ingest_file(path)
    assert (photo.width, photo.height) == (400, 200)
    image = stored(photo)
    assert 0x0112 not in image.getexif()
    samples = quadrant_samples(image)
    for quadrant, colour in quadrant_colours.items():
        assert close(samples[quadrant], colour), (quadrant, samples[quadrant])


def test_large_jpeg_is_drafted_in_stored_orientation_and_never_under_sampled(
    camera_jpeg, monkeypatch
):
    """A portrait photo stored as a 4000 x 3000 landscape with Orientation 6: libjpeg is
    asked for a reduced scale, and what it decodes still covers 1600 px on the long edge."""
    path = camera_jpeg("IMG_005.jpg", width=4000, height=3000, orientation=6)
    decoded_sizes = []
    real_draft = JpegImagePlugin.JpegImageFile.draft

    def spy(self, mode, size):
        answer = real_draft(self, mode, size)
        decoded_sizes.append(self.size)
        return answer

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    photo = ingest_file(path)
    assert decoded_sizes == [(2000, 1500)]  # half scale: 3 MP decoded instead of 12
    assert (photo.width, photo.height) == (1200, 1600)  # upright portrait
    assert photo.stored_bytes < 450_000


def test_small_photo_is_never_upscaled(noisy_jpeg):
    photo = ingest_file(noisy_jpeg(size=(640, 480)))
    assert (photo.width, photo.height) == (640, 480)


def test_max_edge_is_a_setting(camera_jpeg):
    photo = ingest_file(camera_jpeg(width=1200, height=900), max_edge=1000)
    assert (photo.width, photo.height) == (1000, 750)


@pytest.mark.parametrize(
    ("size", "expected"), [((20000, 100), (1600, 8)), ((20000, 5), (1600, 1))]
)
def test_panorama_keeps_at_least_one_pixel_on_the_short_edge(tmp_path, make_noise, size, expected):
    path = tmp_path / "PANO_0001.jpg"
    make_noise(size, seed=2).save(path, "JPEG", quality=85)
    photo = ingest_file(path)
    assert (photo.width, photo.height) == expected
    assert stored(photo).size == expected
    assert Image.open(io.BytesIO(photo.thumbnail)).size[0] == 256


def test_cmyk_jpeg_becomes_rgb_with_the_right_colour(tmp_path):
    path = tmp_path / "print.jpg"
    Image.new("CMYK", (300, 200), (0, 255, 255, 0)).save(path, "JPEG", quality=95)  # red
    with Image.open(path) as original:
        assert original.mode == "CMYK"
    image = stored(ingest_file(path))
    assert image.mode == "RGB"
    assert close(image.getpixel((150, 100)), (255, 0, 0), tolerance=30)


def test_palette_png_with_transparency_is_laid_on_white(tmp_path):
    path = tmp_path / "logo.png"
    picture = Image.new("P", (200, 100), 0)
    picture.putpalette([0, 0, 0, 20, 40, 200] + [0] * 762)
    picture.paste(1, (100, 0, 200, 100))
    picture.save(path, "PNG", transparency=0)
    with Image.open(path) as original:
        assert original.mode == "P" and "transparency" in original.info
    image = stored(ingest_file(path))
    assert close(image.getpixel((50, 50)), (255, 255, 255), tolerance=10)  # not black
    assert close(image.getpixel((150, 50)), (20, 40, 200), tolerance=20)


def test_rgba_png_alpha_is_laid_on_white(tmp_path):
    path = tmp_path / "sticker.png"
    picture = Image.new("RGBA", (100, 100), (200, 0, 0, 0))
    picture.paste((0, 150, 0, 255), (50, 0, 100, 100))
    picture.save(path)
    image = stored(ingest_file(path))
    assert close(image.getpixel((25, 50)), (255, 255, 255), tolerance=10)
    assert close(image.getpixel((75, 50)), (0, 150, 0), tolerance=20)


def test_16_bit_grey_png_is_scaled_not_clipped(tmp_path):
    path = tmp_path / "scan16.png"
    picture = Image.new("I;16", (100, 100), 30000)  # 30000 / 65535 of white = grey 117
    picture.paste(65535, (50, 0, 100, 100))
    picture.save(path)
    with Image.open(path) as original:
        assert original.mode.startswith("I")
    image = stored(ingest_file(path))
    assert close(image.getpixel((25, 50)), (117, 117, 117), tolerance=4)
    assert close(image.getpixel((75, 50)), (255, 255, 255), tolerance=4)


def test_16_bit_rgb_png(tmp_path, make_png):
    path = tmp_path / "rgb16.png"
    pixel = bytes([0xFF, 0xFF, 0x80, 0x00, 0x00, 0x00])  # (65535, 32768, 0)
    raw = b"".join(b"\x00" + pixel * 40 for _ in range(30))
    path.write_bytes(make_png(40, 30, 16, 2, raw))
    image = stored(ingest_file(path))
    assert close(image.getpixel((20, 15)), (255, 128, 0), tolerance=6)


def test_heic_is_accepted_with_its_time_and_position(tmp_path, quadrant_picture, quadrant_colours):
    from datetime import datetime, timedelta, timezone

    path = tmp_path / "IMG_4001.HEIC"
    taken = datetime(2026, 10, 7, 16, 2, 11, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    pillow_heif.register_heif_opener()
    quadrant_picture.save(
        path, "HEIF", quality=90, exif=exif_bytes(taken_at=taken, lat=19.076, lon=72.8777)
    )
    with Image.open(path) as original:
        assert original.format == "HEIF"
    photo = ingest_file(path)
    assert (photo.width, photo.height) == (400, 200)
    assert photo.taken_at == "2026-10-07T16:02:11+05:30"
    assert photo.latitude == pytest.approx(19.076, abs=1e-5)
    assert photo.longitude == pytest.approx(72.8777, abs=1e-5)
    samples = quadrant_samples(stored(photo))
    assert all(close(samples[k], quadrant_colours[k]) for k in quadrant_colours)


def test_heic_renamed_jpg_and_rotated_is_upright(tmp_path, quadrant_picture, quadrant_colours):
    # pillow-heif stores the rotation as the HEIF transform and applies it when it
    # opens the file; ingest must not rotate a second time.
    path = tmp_path / "IMG_4002.jpg"
    quadrant_picture.transpose(Image.Transpose.ROTATE_90).save(
        path, "HEIF", quality=90, exif=exif_bytes(taken_at=None, orientation=6)
    )
    photo = ingest_file(path)
    samples = quadrant_samples(stored(photo))
    assert (photo.width, photo.height) == (400, 200)
    assert all(close(samples[k], quadrant_colours[k]) for k in quadrant_colours)


@pytest.mark.parametrize("fmt", ["WEBP", "TIFF"])
def test_webp_and_tiff_are_accepted(tmp_path, quadrant_picture, fmt):
    path = tmp_path / f"photo.{fmt.lower()}"
    quadrant_picture.save(path, fmt)
    photo = ingest_file(path)
    assert (photo.width, photo.height) == (400, 200)


def test_metadata_is_stripped_but_time_and_gps_are_kept(camera_jpeg):
    path = camera_jpeg("IMG_0007.jpg", lat=-33.8568, lon=151.2153)
    photo = ingest_file(path)
    image = stored(photo)
    assert "exif" not in image.info and "icc_profile" not in image.info
    assert b"Exif" not in photo.jpeg and b"FieldDesk" not in photo.jpeg
    assert photo.taken_at == "2026-10-05T09:14:03+05:30"
    assert photo.latitude == pytest.approx(-33.8568, abs=1e-5)
    assert photo.longitude == pytest.approx(151.2153, abs=1e-5)


def test_embedded_colour_profile_is_not_carried(tmp_path, quadrant_picture):
    path = tmp_path / "profiled.jpg"
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    quadrant_picture.save(path, "JPEG", icc_profile=profile)
    image = stored(ingest_file(path))
    assert "icc_profile" not in image.info


def test_non_srgb_colour_profile_is_converted_to_srgb(tmp_path, make_icc_profile):
    # A profile whose "red" channel holds sRGB's blue primary and vice versa: a viewer
    # that honours it shows stored red as blue, and so must the profile-less stored photo.
    srgb_red, srgb_green, srgb_blue = (
        (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)
    )
    swapped = make_icc_profile(srgb_blue, srgb_green, srgb_red, "Swapped primaries")
    path = tmp_path / "wide-gamut.jpg"
    Image.new("RGB", (200, 100), (255, 0, 0)).save(path, "JPEG", quality=95, icc_profile=swapped)
    image = stored(ingest_file(path))
    assert "icc_profile" not in image.info
    assert close(image.getpixel((100, 50)), (0, 0, 255), tolerance=30)

    same = make_icc_profile(srgb_red, srgb_green, srgb_blue, "Display with sRGB primaries")
    Image.new("RGB", (200, 100), (200, 100, 50)).save(path, "JPEG", quality=95, icc_profile=same)
    assert close(stored(ingest_file(path)).getpixel((100, 50)), (200, 100, 50), tolerance=8)


def test_garbage_colour_profile_is_ignored(tmp_path, quadrant_picture, quadrant_colours):
    path = tmp_path / "odd-profile.jpg"
    quadrant_picture.save(path, "JPEG", icc_profile=b"not really an ICC profile" * 10)
    photo = ingest_file(path)
    image = stored(photo)
    assert "icc_profile" not in image.info
    samples = quadrant_samples(image)
    assert all(close(samples[k], quadrant_colours[k]) for k in quadrant_colours)


def test_result_facts_match_the_stored_bytes(camera_jpeg):
    import hashlib

    path = camera_jpeg("IMG_0008.jpg", width=2000, height=1500)
    photo = ingest_file(path)
    assert photo.sha256 == hashlib.sha256(photo.jpeg).hexdigest()
    assert stored(photo).size == (photo.width, photo.height) == (1600, 1200)
    assert photo.original_name == "IMG_0008.jpg"
    assert photo.original_bytes == path.stat().st_size
    assert len(photo.dhash) == 16 and int(photo.dhash, 16) >= 0
    thumb = Image.open(io.BytesIO(photo.thumbnail))
    assert thumb.format == "JPEG" and thumb.size == (256, 192)


def test_same_file_gives_the_same_bytes(camera_jpeg):
    path = camera_jpeg()
    assert ingest_file(path).sha256 == ingest_file(path).sha256


def test_never_sets_load_truncated_images():
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    package = Path(ingest_module.__file__).parent
    for module in package.glob("*.py"):
        assert not re.search(r"LOAD_TRUNCATED_IMAGES\s*=", module.read_text()), module
