"""Combines the JSON files of releng/scripts/benchmark.sh into the markdown tables of docs/benchmarks.md.

Usage: combine.py FOLDER [--threads N]
"""
import argparse
import glob
import json
import os
import re

ROWS = [
    ("infer", "inference (logits)"),
    ("train", "clean training step"),
    ("igrad", "input-gradient pass"),
    ("dual", "dual-BN step (32 clean + 32 adversarial)"),
    ("pgd3", "PGD-3 L-inf + dual-BN step"),
    ("pgd7", "PGD-7 L2 + dual-BN step"),
    ("smoothgrad", "SmoothGrad, 50 samples of 8 images"),
    ("ig", "Integrated Gradients, 50 steps for 8 images"),
]

ENGINES = [("pytorch", "Robustlab `pytorch`"), ("nd4j", "Robustlab `nd4j`")]


def load(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as source:
        return json.load(source)


def cell(row):
    if row.get("n", 1) == 1:
        return f"{row['median']:.3f}"
    return f"{row['median']:.3f} [{row['min']:.3f}-{row['max']:.3f}]"


def size_table(folder, size):
    reference = load(folder, f"torch-{size}.json")
    engines = [(label, load(folder, f"{engine}-{size}.json")) for engine, label in ENGINES]
    stride = (reference or {}).get("stem_stride", 1 if size <= 64 else 2)
    lines = [f"#### {size}x{size}, stem stride {stride}", ""]
    header = "| # | measurement | PyTorch from Debian, s |"
    rule = "|---|---|---:|"
    for label, _ in engines:
        header += f" {label}, s | ratio |"
        rule += "---:|---:|"
    lines += [header, rule]
    for number, (key, label) in enumerate(ROWS, 1):
        base = (reference or {}).get("rows", {}).get(key)
        line = f"| {number} | {label} | {cell(base) if base else '-'} |"
        for _, result in engines:
            row = (result or {}).get("rows", {}).get(key)
            ratio = f"{row['median'] / base['median']:.2f}" if row and base else "-"
            line += f" {cell(row) if row else '-'} | {ratio} |"
        lines.append(line)
    base_rss = (reference or {}).get("peak_rss_bytes")
    line = f"| | peak RSS, GB | {base_rss / 1e9:.2f} |" if base_rss else "| | peak RSS, GB | - |"
    for _, result in engines:
        rss = (result or {}).get("peak_rss_bytes")
        ratio = f"{rss / base_rss:.2f}" if rss and base_rss else "-"
        line += f" {rss / 1e9:.2f} | {ratio} |" if rss else " - | - |"
    lines.append(line)
    lines.append("")
    lines += cpu_table(reference, engines)
    versions = [f"reference: {reference['engine']}" if reference else "reference: missing"]
    for (engine, _), (_, result) in zip(ENGINES, engines):
        if result:
            versions.append(f"`{engine}`: {result['engine']} on {result['device']}, {result['threads']} threads")
    lines.append("Engines: " + "; ".join(versions) + ".")
    lines.append("")
    return lines


def cpu_table(reference, engines):
    """Process CPU seconds (user + system, all threads) per row, which load on the machine inflates less."""
    header = "| # | process CPU seconds | PyTorch from Debian |"
    rule = "|---|---|---:|"
    for label, _ in engines:
        header += f" {label} | ratio |"
        rule += "---:|---:|"
    lines = [header, rule]
    for number, (key, label) in enumerate(ROWS, 1):
        base = (reference or {}).get("rows", {}).get(key)
        line = f"| {number} | {label} | {base['cpu_median']:.2f} |" if base else f"| {number} | {label} | - |"
        for _, result in engines:
            row = (result or {}).get("rows", {}).get(key)
            ratio = f"{row['cpu_median'] / base['cpu_median']:.2f}" if row and base and base["cpu_median"] else "-"
            line += f" {row['cpu_median']:.2f} | {ratio} |" if row else " - | - |"
        lines.append(line)
    lines.append("")
    return lines


def dicom_table(folder):
    lines = []
    java = os.path.join(folder, "dicom-java.txt")
    gdcm = os.path.join(folder, "dicom-gdcm.txt")
    pydicom = load(folder, "dicom-pydicom.json")
    rows = []
    if os.path.exists(java) and os.path.getsize(java) > 0:
        text = open(java, encoding="utf-8").read()
        match = re.search(r"(\d+) files, ([\d.]+) MB.* in ([\d.]+) s: ([\d.]+) files/s", text)
        if match:
            rows.append(("Robustlab `PixelMedDicomReader`", match.group(1), match.group(1), match.group(2),
                         match.group(3), match.group(4)))
    if pydicom:
        rows.append((pydicom["decoder"], str(pydicom["files"]), str(pydicom["decoded"]),
                     f"{pydicom['megabytes']:.1f}", f"{pydicom['seconds']:.2f}", f"{pydicom['files_per_second']:.1f}"))
    if os.path.exists(gdcm) and os.path.getsize(gdcm) > 0:
        text = open(gdcm, encoding="utf-8").read()
        match = re.search(r"(\d+) files, ([\d.]+) MB of files in ([\d.]+) s: ([\d.]+) files/s", text)
        if match:
            # gdcm-throughput.sh times every listed file and reports its failures on stderr only.
            rows.append(("GDCM `gdcmconv --raw`, one process per file", match.group(1), "- (timed: all)",
                         match.group(2), match.group(3), match.group(4)))
    if rows:
        lines += ["#### DICOM decoding of the sample set", "",
                  "| decoder | files | decoded and timed | MB of timed files | best of 3, s | files/s |",
                  "|---|---:|---:|---:|---:|---:|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        lines.append("")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    sizes = sorted({int(re.search(r"-(\d+)\.json$", path).group(1))
                    for path in glob.glob(os.path.join(args.folder, "*-*.json"))
                    if re.search(r"-(\d+)\.json$", path)})
    lines = [f"Seconds per row: median of the timed runs after one warm-up run, range in brackets when there"
             f" were several; {args.threads}"
             " threads everywhere. Ratio = Robustlab engine time / PyTorch-from-Debian time (below 1 is faster).", ""]
    for size in sizes:
        lines += size_table(args.folder, size)
    lines += dicom_table(args.folder)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
