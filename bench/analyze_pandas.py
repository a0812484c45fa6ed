"""The pandas side of bench/analyze.sh: ABC (cumulative share of profit over
the last 365 days), the value grid (tertiles of average purchase interval and
average amount) and RFM quintile scores, from the orders exported to CSV, by
the rules kehu applies (docs/analytics.md), so that both find the same
classes:
- ABC: a customer is A while the profit ranked strictly above it is under
  50% of the positive total, B under 80%; values <= 0 are C;
- grid: the interval is (last - first order day) / (order days - 1), none
  with one order day (then "long"); the amount is the integer mean amount
  per order (revenue // orders, as kehu's integer fen); cut points are the
  type-7 tertiles over the customers with orders, interpolated as kehu does
  (pandas' quantile rounds differently in the last bit: 18.719999999999995
  for kehu's 18.72, which put the customers at exactly 18.72 days into the
  next tier);
- RFM: R from the last order day, F from the number of orders, M from the
  revenue in the ABC window, each 1 + floor(5 k / m) where k is the first
  position of the value's tie group among the m customers with orders.
Prints the seconds spent reading and computing, and the class counts."""
import sys
import time

import numpy as np
import pandas as pd

t0 = time.perf_counter()
orders = pd.read_csv(sys.argv[1], parse_dates=["order_date"])
customers = pd.read_csv(sys.argv[2])
today = pd.Timestamp(sys.argv[3])
t1 = time.perf_counter()

orders["profit"] = orders["amount_fen"] - orders["cost_fen"]
window = orders[orders["order_date"] > today - pd.Timedelta(days=365)]
value = window.groupby("customer_id")["profit"].sum().reindex(customers["id"], fill_value=0)
ranked = value[value > 0].sort_values(ascending=False)
share_before = (ranked.cumsum() - ranked) / ranked.sum()
# a tie group takes the class of its first member (the share above the group)
share_before = share_before.groupby(ranked.values).transform("min")
abc = pd.Series("C", index=value.index)
abc[share_before[share_before < 0.8].index] = "B"
abc[share_before[share_before < 0.5].index] = "A"

days = orders.groupby(["customer_id", "order_date"])["amount_fen"].sum().reset_index()
g = days.groupby("customer_id").agg(first=("order_date", "min"), last=("order_date", "max"),
                                    n=("order_date", "count"))
g["interval"] = np.where(g["n"] > 1, (g["last"] - g["first"]).dt.days / (g["n"] - 1), np.nan)
per = orders.groupby("customer_id").agg(orders=("amount_fen", "size"),
                                        revenue=("amount_fen", "sum"))
g = g.join(per)
g["avg_amount"] = g["revenue"] // g["orders"]


def tertiles(v):
    """Type-7 quantiles at 1/3 and 2/3 as kehu's kh_rank_quantile computes them."""
    s = np.sort(v.to_numpy(dtype=float))
    cuts = []
    for q in (1 / 3, 2 / 3):
        h = (len(s) - 1) * q
        if abs(h - round(h)) < 1e-9 * (h + 1):
            h = float(round(h))
        lo = int(np.floor(h))
        cuts.append(s[-1] if lo + 1 >= len(s) else s[lo] + (h - lo) * (s[lo + 1] - s[lo]))
    return cuts


s1, s2 = tertiles(g["interval"].dropna())
a1, a2 = tertiles(g["avg_amount"])
ilevel = np.where(g["interval"].isna() | (g["interval"] > s2), 2, np.where(g["interval"] > s1, 1, 0))
alevel = np.where(g["avg_amount"] > a2, 2, np.where(g["avg_amount"] > a1, 1, 0))
tiers = np.array(["platinum", "gold", "silver", "development", "optimise"])
g["tier"] = tiers[(2 - alevel) + ilevel]

def quintile(v):
    r = v.rank(method="min") - 1
    return (1 + np.floor(5 * r / len(v))).astype(int)

g["r"] = quintile(g["last"].astype("int64"))
g["f"] = quintile(g["orders"])
g["revenue_window"] = window.groupby("customer_id")["amount_fen"].sum().reindex(
    g.index, fill_value=0)
g["m"] = quintile(g["revenue_window"])
t2 = time.perf_counter()
print(f"pandas read {t1 - t0:.2f} s compute {t2 - t1:.2f} s customers {len(customers)} "
      f"A {int((abc == 'A').sum())} tiers {g['tier'].value_counts().to_dict()} "
      f"R5 {int((g['r'] == 5).sum())} F5 {int((g['f'] == 5).sum())} M5 {int((g['m'] == 5).sum())}")
