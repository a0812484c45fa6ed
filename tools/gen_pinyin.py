#!/usr/bin/env python3
"""gen_pinyin.py: build the pinyin and traditional->simplified tables of kehu.

Usage: gen_pinyin.py UNICODE_DIR SURNAMES_FILE > pinyin_table.c

Reads Unihan_Readings.txt.bz2 and Unihan_Variants.txt.bz2 from UNICODE_DIR (on
Debian: /usr/share/unicode, package unicode-data) and writes C source whose
symbols are declared in src/base/pinyin_table.h. Readings are made toneless
plain ASCII (u with umlaut becomes v: 女 -> nv). Each character takes its first
kMandarin reading, which Unihan orders most common first, else the first of
kHanyuPinlu, kXHC1983, kHanyuPinyin, kTGHZ2013. SURNAMES_FILE lists
"char reading" lines for characters read differently as a surname; each entry
is checked against Unihan, and the build fails on one that is not a known
reading of the character or that equals its common reading, so the list cannot
rot silently.

The readings are stored as a dense uint16_t array of syllable numbers covering
spans of code points (looked up by binary search over the spans, then by
index), which keeps the generated source near 300 KB rather than the 600 KB of
a (code point, syllable) pair list.
"""

import bz2
import os
import sys
import unicodedata

READING_FIELDS = ("kMandarin", "kHanyuPinlu", "kXHC1983", "kHanyuPinyin", "kTGHZ2013")
SYLLABLE_MAX = 7          # longest toneless syllable is "zhuang"; the array holds 7 + NUL
SPAN_GAP = 24             # a run of more empty code points than this starts a new span
PER_LINE = 24
# Characters Unihan gives no reading though they appear in Chinese names and
# dates: 〇 is the zero of 二〇二四年 and of company names.
EXTRA_READINGS = {0x3007: "ling"}


def die(msg):
    sys.stderr.write("gen_pinyin.py: %s\n" % msg)
    sys.exit(1)


def read_unihan(path, wanted):
    """{codepoint: {field: value}} for the fields in wanted."""
    out = {}
    with bz2.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            if field in wanted:
                out.setdefault(int(cp[2:], 16), {})[field] = value
    return out


def toneless(reading):
    """'lǚ' -> 'lv', 'zhāng' -> 'zhang', 'ế' -> 'e'; None if not plain pinyin."""
    out = []
    for ch in unicodedata.normalize("NFD", reading.strip().lower()):
        if ch == "\u0308":            # the umlaut of ü
            if not out or out[-1] != "u":
                return None
            out[-1] = "v"
        elif unicodedata.combining(ch):
            continue                   # tone marks, and the circumflex of ê
        elif "a" <= ch <= "z":
            out.append(ch)
        else:
            return None
    s = "".join(out)
    return s if s and len(s) <= SYLLABLE_MAX else None


def field_readings(field, value):
    """All readings a Unihan field lists, in its order."""
    if field == "kMandarin":
        return value.split()
    if field == "kHanyuPinlu":                     # "zhāng(785) zhǎng(12)"
        return [v.split("(")[0] for v in value.split()]
    res = []                                       # "1455.060:zhāng 1456.020:zhǎng,..."
    for entry in value.split():
        res.extend(entry.split(":", 1)[-1].split(","))
    return res


def all_readings(fields):
    out = []
    for name in READING_FIELDS:
        if name in fields:
            for r in field_readings(name, fields[name]):
                t = toneless(r)
                if t and t not in out:
                    out.append(t)
    return out


def common_reading(fields):
    for name in READING_FIELDS:
        if name in fields:
            for r in field_readings(name, fields[name]):
                t = toneless(r)
                if t:
                    return t
    return None


def simplified_map(variants):
    """Traditional -> simplified, one code point each. A character whose own
    code point is among its simplified variants (乾, 著, 覆) stays itself, since
    it is also correct simplified text; chains (裡 -> 裏 -> 里) are followed."""
    direct = {}
    for cp, fields in variants.items():
        v = fields.get("kSimplifiedVariant")
        if not v:
            continue
        targets = [int(t[2:], 16) for t in v.split()]
        if cp in targets:
            continue
        direct[cp] = targets[0]
    resolved = {}
    for cp, to in direct.items():
        seen = {cp}
        while to in direct and to not in seen:
            seen.add(to)
            to = direct[to]
        if to != cp:
            resolved[cp] = to
    return resolved


def read_surnames(path, readings, simplified):
    """[(codepoint, syllable)] from lines "char reading"; # starts a comment."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            if len(parts) != 2 or len(parts[0]) != 1:
                die("%s:%d: want one character and one reading" % (path, n))
            cp, syl = ord(parts[0]), parts[1]
            fields = readings.get(cp)
            if not fields:
                die("%s:%d: %s has no reading in Unihan" % (path, n, parts[0]))
            if syl not in all_readings(fields):
                die("%s:%d: %s is not a Unihan reading of %s (%s)"
                    % (path, n, syl, parts[0], " ".join(all_readings(fields))))
            if cp in simplified:
                die("%s:%d: write the simplified form of %s" % (path, n, parts[0]))
            if syl == common_reading(fields):
                die("%s:%d: %s is already the common reading of %s"
                    % (path, n, syl, parts[0]))
            out.append((cp, syl))
    return sorted(out)


def emit_numbers(w, values, fmt="%d"):
    for i in range(0, len(values), PER_LINE):
        w("\t" + ",".join(fmt % v for v in values[i:i + PER_LINE]) + ",\n")


def main():
    if len(sys.argv) != 3:
        die("usage: gen_pinyin.py UNICODE_DIR SURNAMES_FILE")
    udir, surnames_path = sys.argv[1], sys.argv[2]
    readings = read_unihan(os.path.join(udir, "Unihan_Readings.txt.bz2"), set(READING_FIELDS))
    variants = read_unihan(os.path.join(udir, "Unihan_Variants.txt.bz2"),
                           {"kSimplifiedVariant"})
    simp = simplified_map(variants)
    surnames = read_surnames(surnames_path, readings, simp)

    common = {}
    for cp, fields in readings.items():
        r = common_reading(fields)
        if r:
            common[cp] = r
    for cp, r in EXTRA_READINGS.items():
        common.setdefault(cp, r)
    # kh_pinyin_of() reads a traditional character through its simplified
    # form, so the traditional one needs its own entry only when the
    # simplified one has none.
    for cp in list(common):
        if cp in simp and simp[cp] in common:
            del common[cp]

    syllables = sorted(set(common.values()) | {s for _, s in surnames})
    number = {s: i + 1 for i, s in enumerate(syllables)}      # 0 means "no reading"
    if len(syllables) + 1 > 0xFFFF:
        die("too many syllables")

    cps = sorted(common)
    spans = []                                                 # [first, last]
    for cp in cps:
        if spans and cp - spans[-1][1] - 1 <= SPAN_GAP:
            spans[-1][1] = cp
        else:
            spans.append([cp, cp])

    out = []
    w = out.append
    w("/* pinyin_table.c: generated by tools/gen_pinyin.py from Unihan; do not edit.\n"
      " * %d characters with a reading, %d syllables, %d spans, %d traditional ->\n"
      " * simplified pairs, %d surname readings. */\n"
      % (len(cps), len(syllables), len(spans), len(simp), len(surnames)))
    w('#include "base/pinyin_table.h"\n\n')

    w("const char kh_pinyin_syllables[][KH_PINYIN_SYLLABLE_SIZE] = {\n\t\"\",\n")
    for i in range(0, len(syllables), 12):
        w("\t" + ", ".join('"%s"' % s for s in syllables[i:i + 12]) + ",\n")
    w("};\nconst size_t kh_pinyin_nsyllables = %d;\n\n" % (len(syllables) + 1))

    w("const struct kh_pinyin_span kh_pinyin_spans[] = {\n")
    offset = 0
    for first, last in spans:
        w("\t{0x%X, %d, %d},\n" % (first, last - first + 1, offset))
        offset += last - first + 1
    w("};\nconst size_t kh_pinyin_nspans = %d;\n\n" % len(spans))

    w("const uint16_t kh_pinyin_index[] = {\n")
    values = []
    for first, last in spans:
        values.extend(number.get(common.get(cp), 0) for cp in range(first, last + 1))
    emit_numbers(w, values)
    w("};\n\n")

    w("const struct kh_han_pair kh_han_simplified[] = {\n")
    pairs = sorted(simp.items())
    for i in range(0, len(pairs), 8):
        w("\t" + ",".join("{%d,%d}" % p for p in pairs[i:i + 8]) + ",\n")
    w("};\nconst size_t kh_han_nsimplified = %d;\n\n" % len(pairs))

    w("const struct kh_han_pair kh_pinyin_surnames[] = {\n")
    for cp, syl in surnames:
        w("\t{0x%X, %d}, /* %s %s */\n" % (cp, number[syl], chr(cp), syl))
    if not surnames:
        w("\t{0, 0}, /* C11 has no empty initialiser */\n")
    w("};\nconst size_t kh_pinyin_nsurnames = %d;\n" % len(surnames))

    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
