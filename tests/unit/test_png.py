"""The screenshot's PNG writer, read back by a decoder written from the format's rules."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from bodymap.core.png import SIGNATURE, encode_rgb, write_rgb


def _decode(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGB bytes) of an 8-bit truecolour PNG with unfiltered rows."""
    assert data.startswith(SIGNATURE)
    at, chunks = len(SIGNATURE), []
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        chunks.append((kind, body))
        at += 12 + length
    assert [k for k, _ in chunks] == [b"IHDR", b"IDAT", b"IEND"]
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (depth, colour, compression, filtering, interlace) == (8, 2, 0, 0, 0)
    raw = zlib.decompress(chunks[1][1])
    step = 1 + 3 * width
    assert len(raw) == step * height
    rows = [raw[y * step : (y + 1) * step] for y in range(height)]
    assert all(row[0] == 0 for row in rows)  # filter type 0: none
    return width, height, [row[1:] for row in rows]


def test_pixels_come_back_exactly_and_row_padding_is_left_out() -> None:
    width, height, stride = 3, 2, 12  # 9 bytes of pixels, 3 of padding per row
    rows = [bytes([255, 0, 0, 0, 255, 0, 0, 0, 255]), bytes([10, 20, 30, 40, 50, 60, 70, 80, 90])]
    pixels = b"".join(row + b"\xee\xee\xee" for row in rows)
    assert _decode(encode_rgb(pixels, width, height, stride)) == (3, 2, rows)


def test_a_window_sized_image_of_flat_colour_stays_small(tmp_path: Path) -> None:
    width, height = 1280, 800
    out = tmp_path / "flat.png"
    write_rgb(out, b"\xfb\xfa\xf8" * width * height, width, height, width * 3)
    data = out.read_bytes()
    assert _decode(data)[:2] == (width, height)
    assert len(data) < 20_000


@pytest.mark.parametrize(
    ("size", "stride", "length"),
    [((0, 5), 0, 0), ((4, 2), 11, 24), ((4, 2), 12, 23)],
)
def test_sizes_that_do_not_fit_are_refused(size: tuple[int, int], stride: int, length: int) -> None:
    with pytest.raises(ValueError):
        encode_rgb(b"\0" * length, *size, stride)
