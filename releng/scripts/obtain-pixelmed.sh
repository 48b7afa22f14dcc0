#!/usr/bin/env bash
# Puts the PixelMed DICOM toolkit jar (Debian package libpixelmed-java, BSD-3-Clause) at <lib-dir>/pixelmed.jar.
# PixelMed is not on Maven Central, so the build takes it from the installed Debian package, or else downloads
# that package with apt-get and unpacks it without installing. The jar is never committed.
#
# Usage: obtain-pixelmed.sh <lib-dir>
set -euo pipefail

lib=${1:?usage: obtain-pixelmed.sh <lib-dir>}
installed=/usr/share/java/pixelmed.jar
mkdir -p "$lib"

if [ -f "$lib/pixelmed.jar" ]; then
  exit 0
fi
if [ -f "$installed" ]; then
  cp "$(readlink -f "$installed")" "$lib/pixelmed.jar"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! (cd "$work" && apt-get download -qq libpixelmed-java >/dev/null 2>&1); then
  if [ "$(id -u)" != 0 ]; then
    echo "obtain-pixelmed: cannot download libpixelmed-java; run 'apt-get update' as root, or install it" >&2
    exit 1
  fi
  apt-get update -qq >/dev/null
  (cd "$work" && apt-get download -qq libpixelmed-java)
fi
dpkg-deb -x "$work"/libpixelmed-java_*.deb "$work/root"
jar=$(find "$work/root/usr/share/java" -name 'pixelmed-*.jar' -type f | head -n 1)
if [ -z "$jar" ]; then
  echo "obtain-pixelmed: the libpixelmed-java package contains no pixelmed-*.jar" >&2
  exit 1
fi
cp "$jar" "$lib/pixelmed.jar"
