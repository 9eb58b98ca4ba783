"""Peer matching the way a Python user would: the `gower` package (PyPI, numpy and
pandas) computes the distance matrix of the profiles `bench_peers --dump` wrote, then
each visible city's ten nearest visible cities. Prints JSON: seconds, and the cities.

python3 bench/peers.py profiles.csv
"""
import json
import sys
import time

import gower
import numpy as np
import pandas as pd

df = pd.read_csv(sys.argv[1], keep_default_na=True)
hidden = df.pop("hidden").to_numpy().astype(bool)
for c in ("region", "income"):
    df[c] = df[c].astype("object")
cat = [c in ("region", "income") for c in df.columns]
started = time.perf_counter()
matrix = gower.gower_matrix(df, cat_features=cat)
matrix[:, hidden] = np.inf
np.fill_diagonal(matrix, np.inf)
top = np.argpartition(matrix, 10, axis=1)[:, :10]
seconds = time.perf_counter() - started
print(json.dumps({"cities": len(df), "seconds": round(seconds, 2), "lists": int((~hidden).sum())}))
