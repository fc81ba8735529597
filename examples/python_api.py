"""Annotate an article with the classifier package: sentences, offsets, labels, confidence.

    python examples/python_api.py models/default
"""

import sys

from classifier import load_model

ARTICLE = """IRAN DENIES SHIPPING REPORT

TEHRAN, May 3 - Iran on Sunday denied as baseless reports that it had shipped missiles to the
rebels. "We sent nothing," a spokesman said. Officials in Washington said satellite images
showed the launchers. The foreign minister urged all sides to show restraint."""

model = load_model(sys.argv[1])
for record in model.annotate(ARTICLE):
    print(f"{record['start']:>4}-{record['end']:<4} {record['label']:<22} {record['confidence']:.2f}  "
          f"{record['text']}")
