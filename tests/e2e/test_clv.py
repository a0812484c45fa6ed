"""`kehu clv`: BG/NBD + Gamma-Gamma on a transaction log, end to end.

The CDNOW sample log (../shared/data/cdnow/cdnowElog.csv, the data of Fader,
Hardie & Lee 2005) is converted to customer_id,date,amount and fitted with the
papers' calibration period (to 1997-09-30). The published estimates are
BG/NBD r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4 (Fader,
Hardie & Lee 2005, Marketing Science 24(2); Hardie's note "Implementing the
BG/NBD model") and Gamma-Gamma p = 6.25, q = 3.74, gamma = 15.44 (Fader,
Hardie & Lee 2005, JMR 42(4); Fader & Hardie 2013, "The Gamma-Gamma model of
monetary value").
"""
import csv
import json
import os
import subprocess

import pytest

KEHU = os.environ.get("KEHU_BIN", os.path.join(os.path.dirname(__file__), "../../build/kehu"))
CDNOW = os.path.join(os.path.dirname(__file__), "../../../shared/data/cdnow/cdnowElog.csv")


def clv(*args):
    return subprocess.run([KEHU, "clv", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


@pytest.fixture(scope="module")
def cdnow_log(tmp_path_factory):
    """cdnowElog.csv (masterid,sampleid,date,cds,sales) as customer_id,date,amount."""
    path = tmp_path_factory.mktemp("clv") / "cdnow.csv"
    with open(CDNOW, newline="") as src, open(path, "w", newline="") as dst:
        out = csv.writer(dst)
        out.writerow(["customer_id", "date", "amount"])
        for row in csv.DictReader(src):
            out.writerow([row["sampleid"], row["date"], row["sales"]])
    return path


def test_cdnow_matches_the_published_estimates(cdnow_log):
    proc = clv("--transactions", cdnow_log, "--calibration-end", "1997-09-30", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    bg, gg = out["bgnbd"], out["gammagamma"]
    assert bg["r"] == pytest.approx(0.243, abs=0.001)
    assert bg["alpha"] == pytest.approx(4.414, abs=0.002)
    assert bg["a"] == pytest.approx(0.793, abs=0.001)
    assert bg["b"] == pytest.approx(2.426, abs=0.002)
    assert bg["loglik"] == pytest.approx(-9582.4, abs=0.05)
    assert gg["p"] == pytest.approx(6.25, abs=0.005)
    assert gg["q"] == pytest.approx(3.74, abs=0.006)
    assert gg["gamma"] == pytest.approx(15.44, abs=0.01)
    customers = out["customers"]
    assert len(customers) == 2357
    assert sum(c["frequency"] for c in customers) == 2457
    first = customers[0]
    assert set(first) >= {"id", "frequency", "recency", "T", "p_alive", "expected_purchases",
                          "expected_spend", "clv"}
    # customer 1 bought on 1997-01-01, -01-18 and -08-02 before the cut
    assert first["id"] == "1" and first["frequency"] == 2
    assert first["recency"] == pytest.approx(213 / 7)
    assert first["T"] == pytest.approx(272 / 7)
    for c in customers:
        assert 0 < c["p_alive"] <= 1
        assert c["expected_purchases"] > 0 and c["clv"] > 0
        # nobody who never bought again can have dropped out
        if c["frequency"] == 0:
            assert c["p_alive"] == 1


def test_plain_table_and_horizon(cdnow_log):
    proc = clv("--transactions", cdnow_log, "--calibration-end", "1997-09-30")
    assert proc.returncode == 0, proc.stderr
    assert "BG/NBD: 2357 customers, calibration end 1997-09-30" in proc.stdout
    assert "Gamma-Gamma: 946 customers with repeat purchases" in proc.stdout
    assert "P(alive)" in proc.stdout
    short = json.loads(clv("--transactions", cdnow_log, "--calibration-end", "1997-09-30",
                           "--json").stdout)["customers"]
    long = json.loads(clv("--transactions", cdnow_log, "--calibration-end", "1997-09-30",
                          "--horizon-weeks", 104, "--json").stdout)["customers"]
    assert all(b["expected_purchases"] > a["expected_purchases"] and b["clv"] > a["clv"]
               for a, b in zip(short, long))


def test_calibration_end_defaults_to_the_last_date(cdnow_log):
    out = json.loads(clv("--transactions", cdnow_log, "--json").stdout)
    assert out["settings"]["calibration_end"] == "1998-06-30"
    assert out["bgnbd"]["customers"] == 2357


def test_help():
    proc = clv("--help")
    assert proc.returncode == 0
    assert "usage: kehu clv --transactions FILE.csv" in proc.stdout


@pytest.mark.parametrize("args, words", [
    ([], "--transactions FILE.csv is required"),
    (["--transactions"], "needs a value"),
    (["--transactions", "x.csv", "--bogus", "1"], "--bogus is not known"),
    (["--transactions", "x.csv", "--horizon-weeks", "zero"], "--horizon-weeks"),
    (["--transactions", "x.csv", "--calibration-end", "1997-02-30"], "calibration-end"),
])
def test_usage_errors(args, words):
    proc = clv(*args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("kehu: clv: ")
    assert words in proc.stderr


@pytest.mark.parametrize("content, words", [
    ("who,date,amount\n1,1997-01-01,5\n", "line 1: bad header"),
    ("", "empty"),
    ("id,date,amount\n1,1997-01-01,5\n1,1997-02-30,5\n", "line 3: date: '1997-02-30'"),
    ("id,date,amount\n1,1997-01-01,5\n1,19970231,5\n", "line 3: date: '19970231'"),
    ("id,date,amount\n1,1997-01-01,5\n1,1997-02-03,5x\n", "line 3: amount"),
    ("id,date,amount\n1,1997-01-01,-5\n", "line 2: amount must not be negative"),
    ("id,date,amount\n1,1997-01-01\n", "line 2: 2 fields"),
    ("id,date,amount\n1,1997-01-01,\"5\n", "not closed"),
    ("id,date,amount\n1,1997-01-01,5\n2,1997-01-02,5\n", "Gamma-Gamma cannot be fitted"),
])
def test_input_errors(tmp_path, content, words):
    path = tmp_path / "log.csv"
    path.write_text(content)
    proc = clv("--transactions", path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith("kehu: clv: ")
    assert words in proc.stderr
    assert proc.stdout == ""


def test_missing_file(tmp_path):
    proc = clv("--transactions", tmp_path / "nope.csv")
    assert proc.returncode == 1
    assert "nope.csv: cannot open" in proc.stderr


def test_cdnow_conditional_expectation_of_hardies_note(cdnow_log):
    """Hardie's note "Implementing the BG/NBD model" works one CDNOW customer
    through: x = 2, t_x = 30.43, T = 38.86 (weeks) expects 1.226 purchases in
    the next 39 weeks. Customer 1 of the sample is that customer."""
    out = json.loads(clv("--transactions", cdnow_log, "--calibration-end", "1997-09-30",
                         "--horizon-weeks", 39, "--json").stdout)
    first = out["customers"][0]
    assert (first["frequency"], round(first["recency"], 2), round(first["T"], 2)) == \
        (2, 30.43, 38.86)
    assert first["expected_purchases"] == pytest.approx(1.226, abs=0.0005)
    # P(alive) = 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)) at the fit
    bg = out["bgnbd"]
    ratio = ((bg["alpha"] + first["T"]) / (bg["alpha"] + first["recency"])) ** (bg["r"] + 2)
    assert first["p_alive"] == pytest.approx(1 / (1 + bg["a"] / (bg["b"] + 1) * ratio), rel=1e-9)
