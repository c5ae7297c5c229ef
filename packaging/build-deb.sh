#!/usr/bin/env bash
# Builds Musa's Debian package and checks it with lintian:
#   packaging/build-deb.sh [BUILD_DIR]        (default: build/package)
# Portable (no -march=native: it must run on any x86-64), without MPI, with
# Debian's own compiler and hardening flags (dpkg-buildflags), as a Debian
# build would be. The .deb lands in BUILD_DIR; packaging/test-install.sh
# installs it into a clean Debian 12 and tries it.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build/package}

missing=()
for p in dpkg-dev help2man lintian; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Debian's flags (fortify, stack protector, relro, bindnow, PIE) without -g:
# the binaries are stripped anyway and debug info only slows the build.
eval "$(DEB_BUILD_MAINT_OPTIONS=hardening=+all DEB_CXXFLAGS_MAINT_STRIP=-g dpkg-buildflags --export=sh)"
# The man pages' date comes from the changelog, so the same source gives the same package.
SOURCE_DATE_EPOCH=$(dpkg-parsechangelog -l packaging/debian/changelog -STimestamp)
export SOURCE_DATE_EPOCH

cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMUSA_NATIVE=OFF -DMUSA_MPI=OFF \
  -DCMAKE_CXX_FLAGS="$CXXFLAGS $CPPFLAGS" -DCMAKE_EXE_LINKER_FLAGS="$LDFLAGS" \
  -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON >/dev/null
# Only what the package holds: the tests and benchmarks are not built here.
nice -n 10 cmake --build "$BUILD_DIR" -j"${MUSA_JOBS:-2}" --target musa musa-cli musa_package_docs
rm -f "$BUILD_DIR"/musa_*.deb
(cd "$BUILD_DIR" && cpack -G DEB >/dev/null)
deb=$(ls "$BUILD_DIR"/musa_*.deb)
echo "package: $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb -f "$deb" Package Version Architecture Maintainer Installed-Size Depends Suggests

# Errors fail the build; warnings are listed (each one is explained in the README's Packaging section).
lintian --fail-on error --display-info --tag-display-limit 0 "$deb" || { echo "lintian found errors"; exit 1; }
echo "lintian: no errors"
