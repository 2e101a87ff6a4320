#!/usr/bin/env bash
# What the pronunciation dictionaries add to a one-sentence `tilmach speak`: whole processes,
# median wall time of several runs, with the embedded engine data already unpacked.
#
# - `pronounce --lang ug` loads no dictionary (the Uyghur voice reads the script);
#   `pronounce --lang zh` loads the Mandarin pinyin dictionary, `--lang mn` the Mongolian
#   lexicon: the differences are what the dictionaries cost a cold process.
# - `speak` one sentence in each language: the whole job an IVR or a kiosk pays per call.
#
# usage: benches/cold-start.sh [RUNS]      (default 15; needs a release build: cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
tilmach=target/release/tilmach
[ -x "$tilmach" ] || { echo "build first: cargo build --release" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TILMACH_CACHE_DIR="$work/cache"
"$tilmach" speak --lang zh -o "$work/warm.wav" "好"

zh="请带好身份证到三号窗口办理。"
ug="كىملىكىڭىزنى ئېلىپ ئۈچىنچى كۆزنەككە بېرىڭ."
mn="ᠪᠡᠶᠡ ᠵᠢᠨ ᠦᠨᠡᠮᠯᠡᠬᠦ ᠪᠢᠴᠢᠭ ᠢᠶᠡᠨ ᠠᠪᠴᠢᠷᠠᠭᠠᠷᠠᠢ᠃"

median_ms() { # command... → median wall milliseconds over $runs runs
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

echo "runs: $runs, $(nproc) cores, $(uname -m)"
base=$(median_ms "$tilmach" pronounce --lang ug "$ug")
zh_p=$(median_ms "$tilmach" pronounce --lang zh "$zh")
mn_p=$(median_ms "$tilmach" pronounce --lang mn "$mn")
echo "pronounce, no dictionary (ug):       $base ms"
echo "pronounce, Mandarin dictionary (zh): $zh_p ms (+$(awk "BEGIN {print $zh_p - $base}") ms)"
echo "pronounce, Mongolian lexicon (mn):   $mn_p ms (+$(awk "BEGIN {print $mn_p - $base}") ms)"
for lang in zh ug mn; do
  text=${!lang}
  echo "speak one sentence ($lang):           $(median_ms "$tilmach" speak --lang "$lang" -o "$work/$lang.wav" "$text") ms"
done
