#!/usr/bin/env python3
"""Is a PNG screenshot non-blank? test/png_check.py FILE MIN_WIDTH MIN_HEIGHT

Reads the PNG with the standard library only (zlib), and passes when the
image has the size asked for and its (filtered) image data has more than 16
distinct byte values: a page that did not render is one colour, which gives
a handful (a blank page: 3).
"""
import struct
import sys
import zlib


def main(path, min_w, min_h):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        print(f"FAIL {path}: not a PNG")
        return 1
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    distinct = len(set(raw[::7]))
    if width < min_w or height < min_h or distinct <= 16:
        print(f"FAIL {path}: {width}x{height}, {distinct} distinct values")
        return 1
    print(f"ok {path}: {width}x{height}, not blank ({distinct} distinct values)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
