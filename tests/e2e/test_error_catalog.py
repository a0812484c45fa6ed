"""The error catalogue (src/base/messages.c) holds every format src/ passes
to kh_error_set, so no English message ships without its 中文; and the list
of reasons in docs/api.md is the catalogue's. On a missing format the
failure prints its catalogue line, ready to paste, with placeholders for the 中文 text and the reason."""
import os
import re
import subprocess
import sys

TOP = os.path.join(os.path.dirname(__file__), "..", "..")
SCRIPT = os.path.join(TOP, "scripts", "error-formats")
CATALOGUE = os.path.join(TOP, "src", "base", "messages.c")
API_DOC = os.path.join(TOP, "docs", "api.md")


def test_every_kh_error_set_format_is_in_the_catalogue():
    p = subprocess.run([sys.executable, SCRIPT, "--missing"], capture_output=True, text=True)
    assert p.returncode == 0, (
        "formats of kh_error_set missing from src/base/messages.c (paste and translate):\n"
        + p.stdout + p.stderr)
    assert p.stdout == "" and p.stderr == ""


def test_the_scan_sees_multi_line_calls_and_joined_literals():
    # A format split over lines and literals: entity.c's UTF-8 check.
    p = subprocess.run([sys.executable, SCRIPT, "--where"], capture_output=True, text=True,
                       check=True)
    formats = dict(line.split("\t", 1) for line in p.stdout.splitlines())
    assert "%s is not valid UTF-8 text (or contains control characters)" in formats
    assert "the lines add up to more than %s" in formats
    assert len(formats) > 300


def catalogue_reasons():
    with open(CATALOGUE, encoding="utf-8") as f:
        text = f.read()
    return set(re.findall(r'"\s*,\s*"([a-z0-9_]+)"\),', text))


def test_the_reasons_in_docs_are_the_catalogues():
    with open(API_DOC, encoding="utf-8") as f:
        doc = f.read()
    section = doc.split("<!-- reasons -->")[1].split("<!-- /reasons -->")[0]
    documented = set(re.findall(r"^\| `([a-z0-9_]+)` \|", section, re.M))
    have = catalogue_reasons()
    assert len(have) > 40
    assert documented == have, ("in the catalogue, not in docs/api.md: %s; in docs only: %s"
                                % (sorted(have - documented), sorted(documented - have)))


def test_the_command_line_speaks_the_locales_language(kehu):
    """kehu's errors in 中文 under a zh locale (LC_ALL before LC_MESSAGES
    before LANG), in English otherwise; the field named before the why."""
    before = kehu.dump()
    args = ("customer", "add", "--name", "北京华信", "--purchase-budget", "12.345")
    en = kehu.fails(*args, field="purchase_budget")
    assert en == "kehu: customer add: purchase_budget has more than two decimals (fen)\n"
    zh = kehu.fails(*args, env={"LANG": "zh_CN.UTF-8"})
    assert zh == "kehu: customer add: purchase_budget: 金额最多两位小数\n"
    assert kehu.fails(*args, env={"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"}) == en
    assert kehu.fails(*args, env={"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}) == zh
    assert kehu.fails("customer", "show", "424242", env={"LANG": "zh_CN.UTF-8"}).startswith(
        "kehu: customer show: ")
    assert kehu.dump() == before
