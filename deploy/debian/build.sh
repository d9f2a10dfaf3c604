#!/bin/sh
# Build dist/ringdesk_VERSION_ARCH.deb for this machine's architecture: the locked environment
# (uv.lock, without the dev tools) as a relocatable venv on Debian's python3 under /opt/ringdesk,
# the systemd unit, the udev rule, `ringdesk` and `ringdesk-setup`, the maintainer scripts.
set -eu
cd "$(dirname "$0")/../.."
UV="${UV:-$PWD/.cache/bootstrap/bin/uv}"
PYTHON="${RINGDESK_PACKAGE_PYTHON:-/usr/bin/python3}"
OUT="${1:-dist}"

arch=$(dpkg --print-architecture)
base=$(sed -n 's/^version = "\(.*\)"$/\1/p' pyproject.toml | head -n 1)
if git rev-parse --git-dir >/dev/null 2>&1; then
    version="$base+git$(git rev-list --count HEAD).$(git rev-parse --short=8 HEAD)"
else
    version="$base"
fi
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/root"
env="$root/opt/ringdesk"

"$UV" venv -q --relocatable --python "$PYTHON" "$env"
# copies, not hard links into uv's cache: the package must not change when the cache does
UV_LINK_MODE=copy UV_PROJECT_ENVIRONMENT="$env" "$UV" sync -q --frozen --no-dev --no-editable \
    --compile-bytecode
# uv's bookkeeping and other shells' activation scripts have no place on a box
rm -f "$env/.gitignore" "$env/.lock" "$env/CACHEDIR.TAG" "$env"/bin/*.bat "$env"/bin/*.ps1 \
    "$env"/bin/activate.fish "$env"/bin/activate.nu "$env"/bin/activate.xsh "$env"/bin/activate.csh
install -D -m 0644 deploy/systemd/ringdesk-box.service "$root/lib/systemd/system/ringdesk-box.service"
install -D -m 0644 deploy/udev/77-ringdesk-modem.rules "$root/lib/udev/rules.d/77-ringdesk-modem.rules"
install -D -m 0644 deploy/udev/77-ringdesk-printer.rules "$root/lib/udev/rules.d/77-ringdesk-printer.rules"
install -D -m 0755 deploy/debian/ringdesk "$root/usr/bin/ringdesk"
install -D -m 0755 deploy/debian/ringdesk-setup "$root/usr/sbin/ringdesk-setup"
install -d "$env/share/doc"
for doc in README.md docs/raspberry-pi.md; do
    [ ! -e "$doc" ] || install -m 0644 "$doc" "$env/share/doc/"
done
install -d "$root/DEBIAN"
for script in preinst postinst prerm postrm; do
    sed "s/@VERSION@/$version/g" "deploy/debian/$script" >"$root/DEBIAN/$script"
    chmod 0755 "$root/DEBIAN/$script"
done
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
    deploy/debian/control.in >"$root/DEBIAN/control"
mkdir -p "$OUT"
deb="$OUT/ringdesk_${version}_${arch}.deb"
# DEB_COMPRESS=none makes a quick test build; xz makes the smallest file to copy to a box
dpkg-deb --root-owner-group "-Z${DEB_COMPRESS:-xz}" -b "$root" "$stage/out.deb" >/dev/null
mv "$stage/out.deb" "$deb"  # a failed build leaves no half-written package in dist/
echo "$deb"
