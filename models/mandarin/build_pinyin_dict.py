#!/usr/bin/env python3
"""Build models/mandarin/mandarin-pinyin.txt, tilmach's compact Mandarin pronunciation dictionary.

Sources: the pypinyin package (MIT licence, https://github.com/mozillazg/python-pinyin), whose
pinyin_dict.json lists the readings of each character (most common first) and whose
phrases_dict.json lists the readings of about 47,000 words and idioms; and the word frequencies
of jieba's dict.txt (MIT licence, https://github.com/fxsjy/jieba), used only to choose the
blockers and third-tone words below.

    pip download pypinyin==0.55.0 --no-deps -d /tmp/pinyin-src
    pip download jieba==0.42.1 --no-deps --no-binary :all: -d /tmp/pinyin-src
    python3 models/mandarin/build_pinyin_dict.py /tmp/pinyin-src/pypinyin-0.55.0-py2.py3-none-any.whl \
        /tmp/pinyin-src/jieba-0.42.1.tar.gz

The wheel may also be given unpacked (the directory that holds pypinyin/), and jieba as its
dict.txt. The output keeps
  (a) the default reading of U+3007 (〇) and of every character of the CJK Unified Ideographs
      basic block (U+4E00..U+9FFF) that pypinyin knows, and
  (b) the phrases of 2-4 characters whose reading differs from the concatenation of their
      characters' defaults; those ending in 一 that the overrides list or jieba finds frequent
      (统一, 始终如一: the reader keeps yi1 at a phrase's end); all those holding 得 (the
      reader reads a 得 outside any phrase as the particle de5, so 得到 de2 must be listed); and
      "blockers": words that read as their defaults (or as the reader would read them) but
      inside which a kept phrase starts, so that forward maximum matching over the kept
      phrases alone would cut them wrongly (发行 keeps 发行长期 from being read 发 行长 期). A
      blocker must be a jieba word of frequency >= BLOCKER_MIN_FREQ and at least a tenth as
      frequent as the commonest phrase it blocks (so the rare 和乐 does not block 乐器 in
      书法和乐器); the overrides' phrases are blockers whatever their frequency (社保卡);
  (c) jieba words (frequency >= BLOCKER_MIN_FREQ) of two third tones that block nothing
      (保险, 领取): the reader's third-tone sandhi groups syllables by the phrases it finds.
Readings are tone-numbered (hang2, lv4, de5) and in citation form: the 一 and 不 tone changes
that pypinyin writes into some phrases (一个 yí gè, 不是 bú shì) are undone, because the
tilmach reader applies tone sandhi itself. models/mandarin/pinyin_overrides.txt (hand-checked against
Xiandai Hanyu Cidian) then replaces or adds entries.

models/mandarin/pinyin_overrides.txt can also remove a phrase (`-在行`): a rare word that would swallow
common text (在行政 read as 在行 hang2).

Output lines: `KEY SYL SYL ...` in code-point order, characters first; `#` starts a comment.
"""

import json
import os
import re
import sys
import tarfile
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "mandarin-pinyin.txt")
OVERRIDES = os.path.join(HERE, "pinyin_overrides.txt")

TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
SYLLABLE = re.compile(r"^[a-z]+[1-5]$")
BLOCKER_MIN_FREQ = 20
BLOCKER_RATIO = 10


def load_json(source, name):
    if os.path.isdir(source):
        with open(os.path.join(source, "pypinyin", name), encoding="utf-8") as f:
            return json.load(f)
    with zipfile.ZipFile(source) as z:
        return json.loads(z.read("pypinyin/" + name).decode("utf-8"))


def numbered(marked):
    """`háng` -> `hang2`, `lǜ` -> `lv4`, `de` -> `de5`, `ê̄` -> `e1`, `ń` -> `n2`."""
    tone = "5"
    letters = []
    for c in unicodedata.normalize("NFD", marked.strip().lower()):
        if c in TONE_MARKS:
            tone = TONE_MARKS[c]
        elif c == "\u0308":  # the dots of ü
            letters[-1] = "v"
        elif c == "\u0302":  # the hat of ê
            continue
        else:
            letters.append(c)
    syllable = "".join(letters) + tone
    if not SYLLABLE.match(syllable):
        raise ValueError(f"cannot convert {marked!r} (got {syllable!r})")
    return syllable


def load_jieba_freq(source):
    if source.endswith((".tar.gz", ".tgz")):
        with tarfile.open(source) as t:
            member = next(m for m in t.getmembers() if m.name.endswith("jieba/dict.txt"))
            text = t.extractfile(member).read().decode("utf-8")
    else:
        with open(source, encoding="utf-8") as f:
            text = f.read()
    freq = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            freq[parts[0]] = int(parts[1])
    return freq


def fmm(word, default, kept):
    """How the reader reads `word` with the kept phrases: forward maximum matching."""
    out, i = [], 0
    while i < len(word):
        for n in range(min(4, len(word) - i), 1, -1):
            if word[i : i + n] in kept:
                out += kept[word[i : i + n]]
                i += n
                break
        else:
            out.append(default[word[i]])
            i += 1
    return out


def is_kept_char(code):
    return code == 0x3007 or 0x4E00 <= code <= 0x9FFF


def citation(word, syllables):
    """Undo the 一/不 tone changes pypinyin writes into some phrases; keep neutral tones."""
    out = []
    for ch, syl in zip(word, syllables):
        if ch == "一" and syl in ("yi2", "yi4"):
            syl = "yi1"
        elif ch == "不" and syl == "bu2":
            syl = "bu4"
        out.append(syl)
    return out


def read_overrides():
    """(character defaults, phrase readings, removed phrases) from the overrides file."""
    chars, phrases, removed = {}, {}, set()
    with open(OVERRIDES, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("-"):
                removed.add(line[1:].strip())
                continue
            key, *syls = line.split()
            if len(syls) != len(key) or not all(SYLLABLE.match(s) for s in syls):
                raise ValueError(f"{OVERRIDES}:{number}: bad entry {line!r}")
            (chars if len(key) == 1 else phrases)[key] = syls
    return chars, phrases, removed


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    char_json = load_json(sys.argv[1], "pinyin_dict.json")
    phrase_json = load_json(sys.argv[1], "phrases_dict.json")
    freq = load_jieba_freq(sys.argv[2])
    char_over, phrase_over, removed = read_overrides()

    default = {}
    for code, readings in char_json.items():
        code = int(code)
        if is_kept_char(code):
            default[chr(code)] = numbered(readings.split(",")[0])
    default.update({k: v[0] for k, v in char_over.items()})

    phrases = {}
    for word, readings in phrase_json.items():
        if 2 <= len(word) <= 4 and all(c in default for c in word) and len(readings) == len(word):
            phrases[word] = citation(word, [numbered(r[0]) for r in readings])
    phrases.update(phrase_over)
    for w in removed:
        phrases.pop(w, None)

    # Phrases ending in 一 stay too where the reader should keep yi1 at their end: the
    # overrides' (统一, 唯一) and frequent longer ones (星期一, 始终如一). Not pypinyin's other
    # two-character ones: 不一, 大一, 天一 would turn 不一样, 大一点, 每天一次 into yi1.
    def ends_in_yi1(w, s):
        if not (w.endswith("一") and s[-1] == "yi1"):
            return False
        return w in phrase_over or (len(w) >= 3 and freq.get(w, 0) >= BLOCKER_MIN_FREQ)

    # Phrases with 得 stay too: the reader reads a 得 outside any phrase after another
    # character as the particle de5 (说得慢), so the words with 得 must be found (得到 de2).
    kept = {
        w: s
        for w, s in phrases.items()
        if s != [default[c] for c in w] or ends_in_yi1(w, s) or "得" in w
    }
    starts = {}  # first character -> kept phrases starting with it
    for w in kept:
        starts.setdefault(w[0], []).append(w)

    def blocked(w, inside):
        """Kept phrases that would take characters of w if w were not listed: those that start
        inside w and run past its end, and (if `inside`) those that start and end inside it."""
        out = []
        for k in range(len(w)):
            for q in starts.get(w[k], ()):
                if q == w:
                    continue
                if k > 0 and len(q) > len(w) - k and q.startswith(w[k:]):
                    out.append(q)
                elif inside and w[k:].startswith(q):
                    out.append(q)
        return out

    blockers, feet = {}, {}
    for w in set(phrases) | set(freq):
        f = freq.get(w, 0)
        if w in kept or not 2 <= len(w) <= 4 or not all(c in default for c in w):
            continue
        if w.endswith("一"):  # the reader would take its end for a word's end (不一样)
            continue
        if w in removed or ("得" in w and w not in phrases):  # no guessed reading for 得
            continue
        if f < BLOCKER_MIN_FREQ and w not in phrase_over:
            continue
        # A pypinyin word has its own reading; a jieba-only word is read as the reader would
        # read it on its own, so it only guards its end.
        reading = phrases.get(w) or fmm(w, default, kept)
        qs = blocked(w, w in phrases)
        if qs and (w in phrase_over or f * BLOCKER_RATIO >= max(freq.get(q, 0) for q in qs)):
            blockers[w] = reading
        elif not qs and len(w) == 2 and all(syl.endswith("3") for syl in reading):
            # Two third tones: a word the reader's third-tone sandhi takes as one foot
            # (养老 | 保险 -> yang2 lao3 bao2 xian3, not yang2 lao2 bao2 xian3).
            feet[w] = reading
    entries = {**kept, **blockers, **feet}

    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(
            "# tilmach Mandarin pronunciation dictionary. Source: pypinyin 0.55.0 "
            "(MIT licence, (c) mozillazg, https://github.com/mozillazg/python-pinyin), "
            "pinyin_dict.json and phrases_dict.json, with models/mandarin/pinyin_overrides.txt; "
            "blockers chosen with jieba 0.42.1 word frequencies (MIT licence, "
            "https://github.com/fxsjy/jieba).\n"
            "# Generated by models/mandarin/build_pinyin_dict.py; do not edit. Lines: KEY SYLLABLE... "
            "(tone-numbered, v = u-umlaut, 5 = neutral; citation tones, no sandhi).\n"
            f"# {len(default)} characters (default reading), {len(kept)} phrases that differ "
            f"from their characters' defaults, end in 一 or hold 得, {len(blockers)} blockers, "
            f"{len(feet)} words of two third tones.\n"
        )
        for ch in sorted(default, key=ord):
            f.write(f"{ch} {default[ch]}\n")
        for w in sorted(entries, key=lambda w: [ord(c) for c in w]):
            f.write(f"{w} {' '.join(entries[w])}\n")
    size = os.path.getsize(OUT)
    print(
        f"{os.path.normpath(OUT)}: {size} bytes, {len(default)} characters, "
        f"{len(kept)} kept phrases, {len(blockers)} blockers, {len(feet)} third-tone words"
    )


if __name__ == "__main__":
    main()
