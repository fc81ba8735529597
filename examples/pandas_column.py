"""Label a column of sentences in a pandas DataFrame, in one batch.

    python examples/pandas_column.py models/default
"""

import sys

import pandas as pd

from classifier import load_model

frame = pd.DataFrame({"sentence": [
    "Moscow dismissed the report as a fabrication.",
    "Analysts suspect the visit was meant to secure satellite technology.",
    "The talks in Jakarta ended on Tuesday without a joint communique.",
]})
model = load_model(sys.argv[1])
frame["label"] = model.predict(frame["sentence"].tolist())
print(frame.to_string(index=False))
