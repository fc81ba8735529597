"""Add newly written articles to the corpus: 20% of them (chosen by article, stratified by
label) to the held-out file, the rest to the training file.

Usage: python tools/split_heldout.py NEW.jsonl [NEW.articles.jsonl]

Articles already in data/ are skipped, and nothing already there moves: the held-out file
only grows. The optional articles file (from tools/drafts.py export) adds each new article's
metadata to data/articles.jsonl with its split.
"""

import json
import sys
from pathlib import Path

from classifier.data import read_records, split_articles

SEED = 20261127
DATA = Path(__file__).resolve().parent.parent / "data"


def append(path: Path, lines: list[str]) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.writelines(lines)


def main(new_path, meta_path=None):
    known = {r["article_id"] for name in ("train.jsonl", "heldout.jsonl") for r in read_records(DATA / name)}
    records = [r for r in read_records(new_path) if r["article_id"] not in known]
    if not records:
        sys.exit("no new articles")
    ids = [r["article_id"] for r in records]
    train_idx, test_idx = split_articles(ids, [r["label"] for r in records], 0.2, SEED)
    split = {}
    for name, idx in (("train", train_idx), ("heldout", test_idx)):
        chosen = sorted(idx, key=lambda i: (ids[i], records[i]["sent_idx"]))
        append(DATA / f"{name}.jsonl", [json.dumps(records[i], ensure_ascii=False) + "\n" for i in chosen])
        split.update({ids[i]: name for i in chosen})
    if meta_path:
        metas = [json.loads(line) for line in Path(meta_path).read_text(encoding="utf-8").splitlines()]
        append(DATA / "articles.jsonl", [json.dumps(dict(m, split=split[m["article_id"]]), ensure_ascii=False) + "\n"
                                         for m in metas if m["article_id"] in split])
    print(f"added {len(set(ids))} articles: {len(set(ids[i] for i in test_idx))} held out")


if __name__ == "__main__":
    main(*sys.argv[1:])
