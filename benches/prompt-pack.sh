#!/usr/bin/env bash
# Building the whole prompt pack: every prompt without variables and every guide's simple
# version × 3 languages × all five Asterisk formats, whole `tilmach prompts build` processes.
#
# - cold, --jobs 1: one engine worker, one thread;
# - cold, --jobs N (N = the cores, or the first argument): N workers rendering at once;
# - incremental: the same build again with nothing changed (hashing, stat of every file);
# - one edit: one prompt's text changed in one language (copied locales).
# Each is the median of RUNS runs (second argument, default 3), into fresh folders.
#
# usage: benches/prompt-pack.sh [JOBS] [RUNS]     (needs a release build: cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${1:-$(nproc)}
runs=${2:-3}
tilmach=$PWD/target/release/tilmach
[ -x "$tilmach" ] || { echo "build first: cargo build --release" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TILMACH_CACHE_DIR="$work/cache"
"$tilmach" speak --lang zh -o "$work/warm.wav" "好"
cp -r locales "$work/locales"
build() { # out-dir extra-args... → seconds
  local out=$1; shift
  local start end
  start=$(date +%s%N)
  "$tilmach" prompts build --target asterisk --locales "$work/locales" \
    --recordings "$work/none" --out "$out" "$@" >"$work/report.txt"
  end=$(date +%s%N)
  echo "scale=2; ($end - $start) / 1000000000" | bc
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "runs: $runs, $(nproc) cores, $(uname -m), jobs $jobs"
one=$(for r in $(seq "$runs"); do build "$work/one-$r" --jobs 1; done | median)
many=$(for r in $(seq "$runs"); do build "$work/many-$r" --jobs "$jobs"; done | median)
files=$(find "$work/many-1/sounds" -type f | wc -l)
bytes=$(du -sm "$work/many-1/sounds" | cut -f1)
again=$(for r in $(seq "$runs"); do build "$work/many-1" --jobs "$jobs"; done | median)
grep -q '^  zh-Hans-CN (zh)  *0 ' "$work/report.txt" || { echo "incremental build rendered something" >&2; exit 1; }
edits=$(for r in $(seq "$runs"); do
  sed -i "s/^prompt-goodbye = .*/prompt-goodbye = 谢谢来电，再见。第${r}次。/" "$work/locales/zh-Hans-CN/prompts.ftl"
  build "$work/many-1" --jobs "$jobs"
done | median)
[ "$(grep -c '^synthesized' "$work/report.txt")" = 1 ] || { echo "the edit did not render exactly one prompt" >&2; exit 1; }
echo "pack: $files files, $bytes MiB"
printf 'cold, --jobs 1:          %6.2f s\n' "$one"
printf 'cold, --jobs %-2s          %6.2f s  (speed-up %.2f×)\n' "$jobs:" "$many" "$(echo "scale=3; $one / $many" | bc)"
printf 'incremental, no change:  %6.2f s\n' "$again"
printf 'incremental, one edit:   %6.2f s\n' "$edits"
