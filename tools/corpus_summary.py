"""Print the data card's tables from data/: python tools/corpus_summary.py"""

import json
from pathlib import Path

from classifier.corpus import summary
from classifier.data import read_records

DATA = Path(__file__).resolve().parent.parent / "data"

if __name__ == "__main__":
    articles = [json.loads(line) for line in (DATA / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    print(summary(read_records(DATA / "train.jsonl"), read_records(DATA / "heldout.jsonl"), articles), end="")
