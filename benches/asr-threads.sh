#!/usr/bin/env bash
# Recognition time with 1, 2 and "auto" threads (tilmach's default: the cores not running other
# tasks when recognition starts), on the idle machine and under a synthetic background load of
# two busy-loop processes; also 2 threads with OMP_WAIT_POLICY=PASSIVE (OpenMP's threads sleep
# instead of spinning while they wait). Each both in process with the model loaded (the median
# `whisper_full` of examples/asr-profile) and as a whole `tilmach transcribe` process (median of
# RUNS), on the 5.5 s clip of benches/asr.rs spoken by espeak-ng.
#
# usage: benches/asr-threads.sh [RUNS]    (default 3; builds tilmach --release)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
model=${TILMACH_WHISPER_MODEL:-../shared/models/ggml-base-q8_0.bin}
[ -f "$model" ] || { echo "no Whisper model at $model (set TILMACH_WHISPER_MODEL)" >&2; exit 2; }
export TILMACH_WHISPER_MODEL=$model
cargo build --release --quiet --bin tilmach --example asr-profile
work=$(mktemp -d)
busy=()
trap 'kill "${busy[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
clip=$work/clip.wav
target/release/tilmach speak --engine espeak --lang zh -f wav16k -o "$clip" \
  "您好，欢迎拨打12345。办理社保卡，请按2。"

measure() { # LOAD THREADS [ENV…]
  local load=$1 threads=$2
  shift 2
  local inproc times=()
  inproc=$(env "$@" THREADS="$threads" target/release/examples/asr-profile "$clip" 2>/dev/null \
    | sed -n 's/^| recognition, model loaded (whisper_full) | \([0-9]*\) |$/\1/p')
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    env "$@" target/release/tilmach transcribe --lang zh --threads "$threads" "$clip" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  local whole
  whole=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  local label=$threads
  [ $# -gt 0 ] && label="$threads, $*"
  echo "| $load | $label | $inproc ms | $whole ms |"
}

echo "| machine | threads | in process (model loaded) | whole process |"
echo "|---|---|---|---|"
for load in idle loaded; do
  if [ "$load" = loaded ]; then
    for _ in 1 2; do
      sh -c 'while :; do :; done' &
      busy+=($!)
    done
    sleep 1
  fi
  measure "$load" 1
  measure "$load" 2
  measure "$load" auto
  measure "$load" 2 OMP_WAIT_POLICY=PASSIVE
done
