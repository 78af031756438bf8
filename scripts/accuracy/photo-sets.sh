#!/usr/bin/env bash
# Photographs for synthetic accuracy exams, from Debian packages (never committed), one folder per
# set, each turned into clips with known flaws by ../shared/exam/make-clips.sh.
#   exam  the 11 plasma-workspace-wallpapers photographs of ../shared/exam (reported, never tuned on)
#   dev   the 12 mate-backgrounds nature photographs: macro, shallow focus, low texture, high key
#         (the set the judges were developed on; reported apart, never as the result)
#   held  photographs from two other packages (lomiri-wallpapers-20.04, plasma "Autumn"), never
#         looked at while developing: the held-out split
# usage: photo-sets.sh OUT   → OUT/exam, OUT/dev, OUT/held (photo folders)
set -euo pipefail
out=${1:?usage: photo-sets.sh OUT}
mkdir -p "$out/debs" "$out/root"
cd "$out/debs"
for p in plasma-workspace-wallpapers mate-backgrounds lomiri-wallpapers-20.04; do
  ls "$p"_*.deb >/dev/null 2>&1 || apt-get download -qq "$p" >/dev/null 2>&1 || { echo "cannot download $p (apt-get download)" >&2; exit 1; }
  [ -d "$out/root/.x-$p" ] || { dpkg -x "$p"_*.deb "$out/root" && mkdir -p "$out/root/.x-$p"; }
done
r="$out/root/usr/share"
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
for s in exam dev held; do echo "$s: $(ls "$out/$s" | wc -l) photos"; done
