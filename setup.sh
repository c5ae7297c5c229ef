#!/usr/bin/env bash
# Musa's one set-up script. Idempotent: installs only missing Debian packages,
# then configures and builds.
#   ./setup.sh run     install, build, start the app
#   ./setup.sh test    install, build, run the whole test suite
#   ./setup.sh bench   install, build, print the benchmark figures
#   ./setup.sh build   install and build only
set -euo pipefail
cd "$(dirname "$0")"

BUILD_PACKAGES=(build-essential cmake ninja-build pkg-config ccache
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libeigen3-dev nlohmann-json3-dev libfluidsynth-dev librtmidi-dev libjack-jackd2-dev)
# What the tests need besides: a JACK server with dummy audio/MIDI (audition,
# thru and jam tests), Xvfb for screenshots, Open MPI (two-process training
# must match one process; without it the build has no MPI and the test skips),
# xmllint (MusicXML schema check), clang-format 14 (the format check), clang 14
# and libFuzzer (the fuzz smoke). MuseScore 3 (musescore3), when installed,
# also checks the MusicXML export.
TEST_PACKAGES=(jackd2 xvfb xauth libopenmpi-dev openmpi-bin libxml2-utils clang-format-14
  clang-14 libfuzzer-14-dev libclang-rt-14-dev)

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Magenta.js itself (Node) for test_magentajs; without Node or the npm
# registry that test skips with a message.
install_magentajs() {
  command -v npm >/dev/null 2>&1 || install_missing nodejs npm || true
  command -v npm >/dev/null 2>&1 || return 0
  npm ci --prefix tools/magentajs --no-audit --no-fund --loglevel=error >/dev/null 2>&1 ||
    echo "Magenta.js could not be installed from npm (registry unreachable?): test_magentajs will skip its check"
}

# build CONFIGURE_PRESET [BUILD_PRESET]: the build preset may build only some targets.
build() {
  cmake --preset "$1" >/dev/null
  cmake --build --preset "${2:-$1}" -j "$(nproc)"
}

mode=${1:-build}
case "$mode" in
  run)
    install_missing "${BUILD_PACKAGES[@]}"
    build release
    if [ -x build/release/app/musa ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
      exec build/release/app/musa "${@:2}"
    fi
    echo "No display (or no GUI built): generating 10 takes with musa-cli instead."
    exec build/release/app/musa-cli generate --output_dir musa-takes "${@:2}"
    ;;
  test)
    install_missing "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    install_magentajs
    # Every C++ file as .clang-format has it, then the `ci` build: the release
    # build with warnings as errors.
    tools/check-format.sh
    build ci
    # In a random order: no test may rely on another having run.
    ctest --preset ci -j "$(nproc)" --schedule-random
    # The audio, MIDI and UI tests once more with a JACK server running (a
    # private dummy one), as on many musicians' machines: they must pass both ways.
    tests/with-jack.sh ctest --preset ci -j "$(nproc)" -L device --schedule-random
    # The whole suite under ASan + UBSan + LeakSanitizer (clang), then each
    # libFuzzer target of that build for 30 s: a crash, a leak or an input
    # slower than 1 s fails the run.
    build asan
    ctest --preset asan -j "$(nproc)" --schedule-random
    tests/fuzz/run.sh 30
    # The tests whose threads synchronise through the C++ library, under ThreadSanitizer.
    build tsan
    ctest --preset tsan -j "$(nproc)"
    ;;
  bench)
    install_missing "${BUILD_PACKAGES[@]}"
    build release
    build/release/bench/musa-bench "${@:2}"
    ;;
  build)
    install_missing "${BUILD_PACKAGES[@]}"
    build release
    ;;
  *)
    echo "usage: ./setup.sh [run|test|bench|build]" >&2
    exit 2
    ;;
esac
