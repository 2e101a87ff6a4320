#!/usr/bin/env bash
# Times `tilmach speak` against the espeak-ng command-line program built from the same sources
# (by espeak-rs-sys, during cargo's build) on the same texts and the same compiled data: whole
# processes, several runs each, median wall time, peak memory, and the ratio.
#
# usage: benches/compare-espeak.sh [RUNS]      (default 5; needs a release build: cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
tilmach=target/release/tilmach
espeak=$(ls -t target/release/build/espeak-rs-sys-*/out/bin/espeak-ng 2>/dev/null | head -n 1 || true)
[ -x "$tilmach" ] && [ -n "$espeak" ] || { echo "build first: cargo build --release" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TILMACH_CACHE_DIR="$work/cache"
# Unpack tilmach's embedded data once; espeak-ng reads the very same files.
"$tilmach" speak --lang zh -o "$work/warm.wav" "好" 2>/dev/null
data=$(dirname "$(ls -d "$TILMACH_CACHE_DIR"/espeak-ng-*/espeak-ng-data)")

zh_para="您好，欢迎来到政务服务大厅。办理养老金领取资格认证，请带好本人身份证和社会保障卡。您可以在家用手机完成人脸识别认证，也可以请亲属用他们的手机帮您认证，还可以到社区服务站办理。认证是免费的，每年认证一次。如果您行动不便，可以拨打热线电话预约上门服务，工作人员会到您家里为您办理。"
ug_para="ياخشىمۇسىز، ھۆكۈمەت مۇلازىمەت زالىغا خۇش كەپسىز. پېنسىيە ئېلىش سالاھىيىتىنى دەلىللەش ئۈچۈن كىملىك ۋە ئىجتىمائىي كاپالەت كارتىسىنى ئېلىپ كېلىڭ. ئۆيدە يانفون ئارقىلىق چىراي تونۇش ئارقىلىق دەلىللىسىڭىز بولىدۇ. "
python3 - "$work" "$zh_para" "$ug_para" <<'PY'
import sys
work, zh, ug = sys.argv[1:]
def fill(text, size):
    out = ""
    while len(out) < size:
        out += text
    return out[:size]
open(f"{work}/zh-500.txt", "w").write(fill(zh, 500))
open(f"{work}/ug-1000.txt", "w").write(fill(ug, 1000))
big = ug * ((1 << 20) // len(ug.encode()) + 1)
open(f"{work}/ug-1mib.txt", "w").write(big)
PY

measure() { # label voice file runs
  local label=$1 voice=$2 file=$3 n=$4
  local t_times=() e_times=() t_mem=0 e_mem=0
  for _ in $(seq "$n"); do
    /usr/bin/time -f "%e %M" -o "$work/t" "$tilmach" speak --lang "$(case $voice in cmn) echo zh;; *) echo $voice;; esac)" --file "$file" -o "$work/t.wav" 2>/dev/null
    read -r sec kib < "$work/t"; t_times+=("$sec"); [ "$kib" -gt "$t_mem" ] && t_mem=$kib
    /usr/bin/time -f "%e %M" -o "$work/e" "$espeak" --path="$data" -v "$voice" -f "$file" -w "$work/e.wav" 2>/dev/null
    read -r sec kib < "$work/e"; e_times+=("$sec"); [ "$kib" -gt "$e_mem" ] && e_mem=$kib
  done
  python3 - "$label" "$t_mem" "$e_mem" "${t_times[*]}" "${e_times[*]}" <<'PY'
import statistics, sys
label, tm, em, t, e = sys.argv[1:]
t = statistics.median(map(float, t.split())); e = statistics.median(map(float, e.split()))
print(f"{label:<22} tilmach {t:7.2f} s {int(tm)/1024:6.1f} MiB | espeak-ng {e:7.2f} s {int(em)/1024:6.1f} MiB | ratio {t/e if e else float('nan'):.2f}x")
PY
}
echo "median of $runs runs, whole process, $(nproc) cores; tilmach $("$tilmach" --version | cut -d' ' -f2), espeak-ng $("$espeak" --path="$data" --version | cut -d" " -f4)"
measure "Mandarin 500 chars" cmn "$work/zh-500.txt" "$runs"
measure "Uyghur 1000 chars" ug "$work/ug-1000.txt" "$runs"
measure "Uyghur 1 MiB" ug "$work/ug-1mib.txt" 1
