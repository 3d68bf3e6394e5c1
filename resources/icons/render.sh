#!/usr/bin/env bash
# Renders the PNG sizes of the application icon from udpchat.svg (needs rsvg-convert, Debian
# package librsvg2-bin). The PNGs are committed, so building needs no SVG tools.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 22 24 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" udpchat.svg -o "udpchat-$size.png"
done
# Windows (.ico, ImageMagick) and macOS (.icns, icnsutils) icons.
convert udpchat-16.png udpchat-24.png udpchat-32.png udpchat-48.png udpchat-64.png \
    udpchat-256.png udpchat.ico
png2icns udpchat.icns udpchat-16.png udpchat-32.png udpchat-48.png udpchat-128.png \
    udpchat-256.png udpchat-512.png >/dev/null
