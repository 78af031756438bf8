#!/usr/bin/env bash
# Photographs for synthetic accuracy exams, from Debian packages (never committed), one folder per
# set, each turned into clips with known flaws by ../shared/exam/make-clips.sh.
#   exam  the 11 plasma-workspace-wallpapers photographs of ../shared/exam (reported, never tuned on)
#   dev   the 12 mate-backgrounds nature photographs: macro, shallow focus, low texture, high key,
#         and 7 lomiri-wallpapers-16.04 ones (a bridge's cables against the sky, a dragonfly on
#         leaves, a fig on concrete, mountains, a lamp, a gorge, dandelions backlit): the set the judges were
#         developed on; reported apart, never as the result
#   held  photographs from other packages (lomiri-wallpapers-20.04, plasma "Autumn", and 6 more of
#         lomiri-wallpapers-16.04), never looked at while developing: the held-out split
#   graphics  (only when asked for) 40 renders and illustrations, no photographs: flat colour,
#         smooth gradients, slats, grids, dark and high-key designs (ukui-wallpapers,
#         lomiri-wallpapers, gnome-backgrounds, plasma-workspace-wallpapers' renders); first rated
#         2026-12-04, where its slats and grids showed the repeating-pattern shake (README)
# usage: photo-sets.sh OUT [graphics]   → OUT/exam, OUT/dev, OUT/held (or OUT/graphics) photo folders
set -euo pipefail
out=${1:?usage: photo-sets.sh OUT [graphics]}
mkdir -p "$out/debs" "$out/root"
cd "$out/debs"
extract() {
  for p in "$@"; do
    ls "$p"_*.deb >/dev/null 2>&1 || apt-get download -qq "$p" >/dev/null 2>&1 || { echo "cannot download $p (apt-get download)" >&2; exit 1; }
    [ -d "$out/root/.x-$p" ] || { dpkg -x "$p"_*.deb "$out/root" && mkdir -p "$out/root/.x-$p"; }
  done
}
extract plasma-workspace-wallpapers mate-backgrounds lomiri-wallpapers-20.04 lomiri-wallpapers-16.04
r="$out/root/usr/share"
if [ "${2:-}" = graphics ]; then
  extract ukui-wallpapers lomiri-wallpapers gnome-backgrounds
  mkdir -p "$out/graphics"
  # PNG and WebP as PNG of at most 2560 px wide (an area downscale: make-clips.sh loops the
  # picture, decoding it again for every frame); JPEGs as they come.
  png() { [ -f "$out/graphics/$1.png" ] || ffmpeg -nostdin -v error -i "$2" -vf "scale='min(2560,iw)':-2:flags=area" "$out/graphics/$1.png"; }
  for n in Altai Canopee Cascade Cluster Elarun FlyingKonqui IceCold Kay Kokkini MilkyWay Opal Patak; do
    png "plasma-$n" "$(ls "$r/wallpapers/$n/contents/images/"*.png | sort -V | tail -1)"
  done
  for n in Flow Honeywave PastelHills SafeLanding Shell Volna; do
    cp -n "$(ls "$r/wallpapers/$n/contents/images/"*.jpg | sort -V | tail -1)" "$out/graphics/plasma-$n.jpg"
  done
  for n in calla city desert fluent-color focal-ubuntukylin goldfish lomiri-default-background rollpaper warty-final-ubuntu; do
    png "$n" "$r/backgrounds/$n.png"
  done
  for n in 2004default firstgeneration rhythm string the-mouse; do cp -n "$r/backgrounds/$n.jpg" "$out/graphics/"; done
  for n in wood-d wood-l adwaita-l pixels-l truchet-d licorice-l grid-d symbolic-l; do png "gnome-$n" "$r/backgrounds/gnome/$n.webp"; done
  echo "graphics: $(ls "$out/graphics" | wc -l) pictures"
  exit 0
fi
copy() { # set name source
  mkdir -p "$out/$1"
  [ -f "$3" ] && cp -n "$3" "$out/$1/$2.jpg"
}
for n in BytheWater ColdRipple ColorfulCups DarkestHour EveningGlow FallenLeaf Grey Kite OneStandsOut Path summer_1am; do
  copy exam "$n" "$r/wallpapers/$n/contents/images/2560x1600.jpg"
done
for f in "$r"/backgrounds/mate/nature/*.jpg; do copy dev "$(basename "${f%.*}")" "$f"; done
copy held Kleiber "$r/backgrounds/Kleiber_by_Lukas_Baubkus.jpg"
copy held InfiniteSea "$r/backgrounds/Infinite-Sea_by_Aury88.jpg"
copy held Autumn "$r/wallpapers/Autumn/contents/images/2560x1600.jpg"
# lomiri-wallpapers-16.04: its photographs of at least 1600 px, split by name (no result looked at).
for n in Bridge_by_Sander_Klootwijk Dragonfly_by_Bolly Picture_0B_by_freespace aitzgorri_by_Aitzol_Berasategi free_by_Peter_Nerlich life_by_Aitzol_Berasategi seeding_by_Clements_Engelhardt; do
  copy dev "${n%%_by_*}" "$r/backgrounds/$n.jpg"
done
for n in Wine_by_Jakkub_Mede analogpattern_by_Peter_Nerlich friends_by_Aitzol_Berasategi greentock_by_Peter_Nerlich picosdeeuropa_by_Aitzol_Berasategi sunset_by_Aitzol_Berasategi; do
  copy held "${n%%_by_*}" "$r/backgrounds/$n.jpg"
done
for s in exam dev held; do echo "$s: $(ls "$out/$s" | wc -l) photos"; done
