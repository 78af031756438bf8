#!/usr/bin/env bash
# Fetches the real photographs the models are trained and tested on, from Debian packages, into
# models/data/ (gitignored: photos are never committed). Reproducible: same packages, same files.
#   models/fetch-data.sh            (needs apt-get and dpkg; no root needed for download/extract)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data="$here/data"
mkdir -p "$data/debs" "$data/root"
cd "$data/debs"
pkgs=(opencv-doc python3-skimage plasma-workspace-wallpapers)
for p in "${pkgs[@]}"; do
  ls "$p"_*.deb >/dev/null 2>&1 || apt-get download "$p"
done
for deb in *.deb; do dpkg -x "$deb" "$data/root"; done
# Versions actually used, for the model card.
for deb in *.deb; do dpkg-deb -f "$deb" Package Version | paste -sd' '; done >"$data/packages.txt"
echo "photos under $data/root:"
find "$data/root" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' \) | wc -l
