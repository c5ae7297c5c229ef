#!/usr/bin/env bash
# Installs Musa's .deb into a clean, minimal Debian 12 and tries it there:
#   packaging/test-install.sh [DEB]     (default: build/package/musa_*.deb)
# 1. a minbase bookworm root (debootstrap, cached as a tarball in
#    ~/.cache/musa-debootstrap; the downloaded .debs are cached there too),
# 2. apt installs the .deb without Recommends, so its Depends alone must do,
# 3. musa-cli generate and render, and musa --screenshot under Xvfb, run there,
# 4. the packaged musa-cli generate runs under qemu-x86_64 -cpu Nehalem (no
#    AVX): the package must run on any x86-64, not only on the build machine,
# 5. purging the package must leave the root exactly as it was before it.
# Needs root (chroot, mounts). Prints the time of each step. The screenshot is
# left in MUSA_TEST_OUT (default build/package/test-install).
set -euo pipefail
cd "$(dirname "$0")/.."
DEB=$(realpath "${1:-$(ls build/package/musa_*.deb | head -n1)}")
OUT=$(realpath -m "${MUSA_TEST_OUT:-build/package/test-install}")
CACHE=${MUSA_DEBOOTSTRAP_CACHE:-$HOME/.cache/musa-debootstrap}
SUITE=bookworm
# The Debian mirror apt already uses here (deb.debian.org when none is found).
MIRROR=${MUSA_DEBIAN_MIRROR:-$(grep -hoE 'https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null |
  head -n1 | tr -d ' ' || true)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}

[ "$(id -u)" -eq 0 ] || { echo "test-install.sh: needs root (chroot and mounts)"; exit 2; }
missing=()
for tool in debootstrap:debootstrap qemu-x86_64:qemu-user; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

start=$SECONDS
step() { echo "== [$((SECONDS - start)) s] $*"; }

# ---- 1. the root -----------------------------------------------------------------
mkdir -p "$CACHE/archives/partial" "$OUT"
TARBALL=$CACHE/$SUITE-minbase.tar
if [ ! -f "$TARBALL" ]; then
  step "debootstrap --variant=minbase $SUITE from $MIRROR (once; cached in $TARBALL)"
  rm -rf "$CACHE/root.tmp"
  debootstrap --variant=minbase "$SUITE" "$CACHE/root.tmp" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 ||
    { tail -n 20 "$CACHE/debootstrap.log"; exit 1; }
  tar -C "$CACHE/root.tmp" --numeric-owner -cf "$TARBALL.tmp" . && mv "$TARBALL.tmp" "$TARBALL"
  rm -rf "$CACHE/root.tmp"
fi
ROOT=$(mktemp -d /tmp/musa-test-install.XXXXXX)
mounts=()
cleanup() {
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[i]}" 2>/dev/null || true; done
  rm -rf --one-file-system "$ROOT"
}
trap cleanup EXIT
step "fresh root in $ROOT"
tar -C "$ROOT" -xf "$TARBALL"
bind() { mkdir -p "$ROOT$2"; mount --bind "$1" "$ROOT$2"; mounts+=("$ROOT$2"); }
mount -t proc proc "$ROOT/proc" && mounts+=("$ROOT/proc")
bind /dev /dev
bind "$CACHE/archives" /var/cache/apt/archives
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
security=${MIRROR%/debian*}/debian-security
cat >"$ROOT/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb $security $SUITE-security main
EOF
# A mirror snapshot's Release files may be older than their Valid-Until.
printf 'Acquire::Check-Valid-Until "false";\nAPT::Install-Recommends "false";\n' >"$ROOT/etc/apt/apt.conf.d/90musa-test"
cp "$DEB" "$ROOT/tmp/musa.deb"
in_root() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
apt_in_root() { in_root env DEBIAN_FRONTEND=noninteractive apt-get -q -o Dpkg::Use-Pty=0 "$@"; }
# What "nothing is left" compares: every path outside the places apt, dpkg and
# the programs under test legitimately write to.
snapshot() {
  in_root find / -xdev \( -path /proc -o -path /dev -o -path /tmp -o -path /root -o -path /var/cache \
    -o -path /var/lib/apt -o -path /var/lib/dpkg -o -path /var/log \) -prune -o -print | sort
}

# ---- 2. install ------------------------------------------------------------------
step "apt-get update"
apt_in_root update -qq
step "dependencies of the package (install, then purge it, so the comparison below sees only the package)"
apt_in_root install -y -qq /tmp/musa.deb xvfb xauth >/dev/null
apt_in_root purge -y -qq musa >/dev/null
snapshot >"$OUT/before.txt"
step "apt-get install ./musa.deb"
apt_in_root install -y /tmp/musa.deb | grep -E "^(Setting up musa|Unpacking musa)"
in_root dpkg -s musa | grep -E "^(Version|Depends):"
# shared-mime-info's trigger registered the .musa type (and removes it again on purge).
[ -f "$ROOT/usr/share/mime/application/x-musa-project.xml" ] || { echo "the .musa MIME type is not registered"; exit 1; }

# ---- 3. run it -------------------------------------------------------------------
step "musa-cli generate"
in_root musa-cli generate --seed 7 --num_outputs 3 --bars 4 --output_dir /tmp/takes
n=$(in_root sh -c 'ls /tmp/takes/*.mid | wc -l')
[ "$n" -eq 3 ] || { echo "expected 3 takes, found $n"; exit 1; }
step "musa-cli render (the soundfont from fluidr3mono-gm-soundfont)"
first=$(in_root sh -c 'ls /tmp/takes/*.mid | head -n1')
in_root musa-cli render "$first" -o /tmp/take.wav
bytes=$(stat -c %s "$ROOT/tmp/take.wav")
[ "$bytes" -gt 100000 ] || { echo "the WAV has $bytes bytes: no audio was rendered"; exit 1; }
echo "take.wav: $bytes bytes"
step "musa --screenshot under Xvfb"
in_root xvfb-run -a -s "-screen 0 1280x800x24" musa --generate-on-start --seed 7 --screenshot /tmp/musa.png
cp "$ROOT/tmp/musa.png" "$OUT/musa.png"
[ "$(stat -c %s "$OUT/musa.png")" -gt 10000 ] || { echo "the screenshot is empty"; exit 1; }
echo "screenshot: $OUT/musa.png"

# ---- 4. portable: a CPU without AVX ------------------------------------------------
step "musa-cli generate under qemu-x86_64 -cpu Nehalem"
rm -rf "$ROOT/tmp/qemu-takes"
qemu-x86_64 -cpu Nehalem -L "$ROOT" "$ROOT/usr/bin/musa-cli" generate --seed 7 --num_outputs 2 --bars 2 \
  --output_dir "$ROOT/tmp/qemu-takes"
ls "$ROOT"/tmp/qemu-takes/*.mid >/dev/null

# ---- 5. remove ---------------------------------------------------------------------
step "apt-get purge musa: nothing may be left"
apt_in_root purge -y -qq musa >/dev/null
snapshot >"$OUT/after.txt"
if ! diff -u "$OUT/before.txt" "$OUT/after.txt"; then
  echo "files left behind or removed by the package (above)"
  exit 1
fi
if grep -rl "musa" "$ROOT/usr/share/mime" "$ROOT/usr/share/applications" 2>/dev/null; then
  echo "the MIME or desktop database still names musa (above)"
  exit 1
fi
step "passed: installed, ran, portable, removed cleanly"
