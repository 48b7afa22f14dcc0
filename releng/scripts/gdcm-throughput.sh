#!/usr/bin/env bash
# Times GDCM's decoder over a list of DICOM files: `gdcmconv --raw` (GDCM 3.0, Debian libgdcm-tools) decompresses
# each file into a temporary file, one process per file, as a shell pipeline would use it. Prints files, input
# megabytes and the best wall time of three passes. The list comes from DecodeThroughputTest, which writes the
# files the Java reader decodes to $TMPDIR/robustlab-decodable-files.txt.
#
# Usage: gdcm-throughput.sh [file-list]
set -euo pipefail
list=${1:-${TMPDIR:-/tmp}/robustlab-decodable-files.txt}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mapfile -t files < "$list"
bytes=$(cat "${files[@]}" | wc -c)
best=
for pass in 1 2 3 4; do
  start=$(date +%s.%N)
  for file in "${files[@]}"; do
    gdcmconv --raw "$file" "$out/raw.dcm" >/dev/null 2>&1 || echo "gdcmconv failed on $file" >&2
  done
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  # The first pass warms the file cache and is not counted.
  if [ "$pass" -gt 1 ] && { [ -z "$best" ] || [ "$(echo "$seconds < $best" | bc)" = 1 ]; }; then
    best=$seconds
  fi
done
printf 'gdcmconv --raw: %d files, %.1f MB of files in %.2f s: %.1f files/s, %.1f MB/s of files\n' \
  "${#files[@]}" "$(echo "$bytes / 1000000" | bc -l)" "$best" \
  "$(echo "${#files[@]} / $best" | bc -l)" "$(echo "$bytes / 1000000 / $best" | bc -l)"
