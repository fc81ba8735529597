"""Use a trained model from a project that has only scikit-learn and joblib installed.

    python examples/joblib_only.py models/default
"""

import sys

import joblib

pipeline = joblib.load(f"{sys.argv[1]}/model.joblib")  # a pickle: load only models you trust
sentences = [
    "The ministry denied sending weapons to the rebels.",
    "The two leaders agreed to expand trade.",
]
for sentence, label in zip(sentences, pipeline.predict(sentences)):
    print(f"{label}\t{sentence}")
