"""Times pydicom (Debian python3-pydicom) decoding the pixel data of a list of DICOM files.

One warm-up pass, then the best of three passes that read each file and decode every frame with
`dcmread(path).pixel_array`. Files that pydicom cannot decode with the handlers installed (typically JPEG and
JPEG 2000 without pylibjpeg or GDCM's Python bindings) are counted as failed and left out of the timed passes.

Usage: pydicom_bench.py FILE_LIST [--json out.json]
"""
import argparse
import json
import os
import time

import pydicom


def decode(path):
    return pydicom.dcmread(path).pixel_array.size


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file_list", help="text file with one DICOM path per line (DecodeThroughputTest writes one)")
    parser.add_argument("--json", help="file to write the results to")
    args = parser.parse_args()
    with open(args.file_list, encoding="utf-8") as listing:
        paths = [line.strip() for line in listing if line.strip()]
    decodable, failed = [], []
    for path in paths:
        try:
            decode(path)
            decodable.append(path)
        except Exception as error:  # pydicom raises many types for missing handlers and unsupported syntaxes
            failed.append((os.path.basename(path), type(error).__name__))
    best = float("inf")
    samples = 0
    for _ in range(3):
        start = time.perf_counter()
        samples = sum(decode(path) for path in decodable)
        best = min(best, time.perf_counter() - start)
    size = sum(os.path.getsize(path) for path in decodable)
    result = {
        "decoder": "pydicom " + pydicom.__version__,
        "files": len(paths),
        "decoded": len(decodable),
        "failed": len(failed),
        "megabytes": size / 1e6,
        "samples": samples,
        "seconds": best,
        "files_per_second": len(decodable) / best if best > 0 else 0,
    }
    text = json.dumps(result, indent=1)
    print(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            out.write(text + "\n")


if __name__ == "__main__":
    main()
