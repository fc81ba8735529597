"""Choose the held-out articles once: 20% of articles, stratified by label, by article.

Usage: python tools/split_heldout.py ALL.jsonl data/train.jsonl data/heldout.jsonl

The held-out file is frozen after this: new articles are appended to one file or the
other, never moved between them.
"""

import json
import sys

from classifier.data import read_records, split_articles

SEED = 20261127


def main(src, train_path, heldout_path):
    records = read_records(src)
    ids = [r["article_id"] for r in records]
    train_idx, test_idx = split_articles(ids, [r["label"] for r in records], 0.2, SEED)
    for path, idx in ((train_path, train_idx), (heldout_path, test_idx)):
        with open(path, "w", encoding="utf-8") as f:
            for i in sorted(idx, key=lambda i: (ids[i], records[i]["sent_idx"])):
                f.write(json.dumps(records[i], ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
