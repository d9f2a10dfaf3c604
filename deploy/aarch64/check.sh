#!/bin/sh
# ./dev check-aarch64 [--run]: can the locked environment go onto a Raspberry Pi (64-bit)?
# 1. Always: every package uv.lock pins for the box (and for the tests) has an aarch64 wheel for
#    CPython 3.11 or builds from source with named Debian packages (check_lock.py, no network).
# 2. With --run, as root, where Debian's qemu-user-static runs aarch64 binaries: a Debian
#    bookworm arm64 root (debootstrap, kept in .cache/aarch64-root), the locked environment
#    installed in it from PyPI by uv, and one pop end to end (pop_smoke.py) under emulation.
set -eu
cd "$(dirname "$0")/../.."
echo "== uv.lock on aarch64 CPython 3.11 (the box)"
.venv/bin/python deploy/aarch64/check_lock.py uv.lock
echo "== uv.lock on aarch64 CPython 3.11 (the box and its tests)"
.venv/bin/python deploy/aarch64/check_lock.py uv.lock --dev | tail -n 1
[ "${1:-}" = --run ] || exit 0

ROOT="${RINGDESK_ARM64_ROOT:-$PWD/.cache/aarch64-root}"
UV_VERSION=$(sed -n 's/^UV_VERSION=//p' dev)
if [ "$(id -u)" != 0 ]; then
    echo "check-aarch64 --run: needs root (debootstrap, chroot)" >&2
    exit 2
fi
if ! [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    echo "check-aarch64 --run: no qemu-aarch64 binfmt handler: apt-get install" \
        "qemu-user-static binfmt-support (and mount binfmt_misc); nothing ran under emulation" >&2
    exit 2
fi
if [ ! -x "$ROOT/usr/bin/python3" ]; then
    echo "== debootstrap bookworm arm64 into $ROOT (slow under emulation)"
    debootstrap --arch=arm64 --variant=minbase \
        --include=python3,python3-venv,python3-dev,build-essential,portaudio19-dev,libopus0,ca-certificates \
        bookworm "$ROOT" http://deb.debian.org/debian
fi
cleanup() {
    umount "$ROOT/dev/pts" 2>/dev/null || true
    umount "$ROOT/dev" "$ROOT/proc" 2>/dev/null || true
}
trap cleanup EXIT
mount -t proc proc "$ROOT/proc"
mount --bind /dev "$ROOT/dev"
mount --bind /dev/pts "$ROOT/dev/pts"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
# this machine's trust store (a proxy's CA included) for PyPI from inside the root
cp /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/certs/ca-certificates.crt"
rm -rf "$ROOT/src" && mkdir -p "$ROOT/src"
git archive HEAD | tar -x -C "$ROOT/src"
echo "== in the arm64 root: $(chroot "$ROOT" uname -m), $(chroot "$ROOT" python3 --version)"
chroot "$ROOT" sh -eu -c "
    [ -x /opt/bootstrap/bin/uv ] || { python3 -m venv /opt/bootstrap;
        /opt/bootstrap/bin/pip install -q uv==$UV_VERSION; }
    cd /src && UV_PROJECT_ENVIRONMENT=/opt/ringdesk /opt/bootstrap/bin/uv sync -q --frozen \
        --no-dev --no-editable --python /usr/bin/python3
    /opt/ringdesk/bin/python -c 'import platform; print(\"environment installed for\", platform.machine())'
"
echo "== one pop under emulation: box, pty modem emulator, headless desk"
chroot "$ROOT" sh -eu -c "rm -rf /tmp/pop && cd /src && /opt/ringdesk/bin/python deploy/aarch64/pop_smoke.py /tmp/pop"
