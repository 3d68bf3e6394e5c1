#!/usr/bin/env bash
# Checks a built udpchat .deb: its contents, its metadata files and lintian.
#   check.sh PATH/udpchat_VERSION_ARCH.deb
set -euo pipefail
deb="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work"
status=0
need() {
    if [ -e "$work/$1" ]; then echo "ok: $1"; else echo "MISSING: $1"; status=1; fi
}
need usr/bin/udpchat
need usr/bin/udpchat-cli
need usr/share/applications/udpchat.desktop
need usr/share/metainfo/udpchat.metainfo.xml
for size in 16 22 24 32 48 64 128 256 512; do
    need "usr/share/icons/hicolor/${size}x${size}/apps/udpchat.png"
done
need usr/share/icons/hicolor/scalable/apps/udpchat.svg
need usr/share/doc/udpchat/copyright
need usr/share/doc/udpchat/changelog.gz
need usr/share/man/man1/udpchat.1.gz
need usr/share/man/man1/udpchat-cli.1.gz

dpkg-deb -f "$deb" Depends | grep -q libqt6widgets6 || { echo "Depends lacks libqt6widgets6"; status=1; }
dpkg-deb -f "$deb" Depends | grep -q libqt6sql6-sqlite || { echo "Depends lacks libqt6sql6-sqlite (the history)"; status=1; }
dpkg-deb -f "$deb" Depends | grep -q libsqlite3-0 || { echo "Depends lacks libsqlite3-0 (the history's writer and search)"; status=1; }
dpkg-deb -f "$deb" Recommends | grep -q fonts-noto-cjk || { echo "Recommends lacks a CJK font"; status=1; }

desktop-file-validate "$work/usr/share/applications/udpchat.desktop" && echo "ok: desktop-file-validate" || status=1
appstreamcli validate --no-net --pedantic "$work/usr/share/metainfo/udpchat.metainfo.xml" || status=1
# lintian: errors fail, warnings are printed.
if lintian --no-tag-display-limit "$deb" 2>/dev/null | tee "$work/lintian.txt" | grep -q '^E:'; then
    status=1
fi
cat "$work/lintian.txt"
[ "$status" -eq 0 ] && echo "packaging check: passed ($deb)"
exit "$status"
