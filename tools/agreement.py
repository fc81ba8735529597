"""Agreement between the corpus labels and an independent blind relabelling of a sample.

Usage: python tools/agreement.py [data/audit/second-annotator.tsv]

The file has one line per sentence: article_id, sent_idx, label, confidence (high|low),
tab-separated. The sample (40 articles drawn at random with a fixed seed) was relabelled by a
second annotator who saw the text only.
"""

import sys
from collections import Counter
from pathlib import Path

from sklearn.metrics import cohen_kappa_score, f1_score

from classifier.data import read_records

DATA = Path(__file__).resolve().parent.parent / "data"


def read_audit(path) -> list[tuple[str, int, str, str]]:
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split("\t")
        if len(parts) != 4:
            sys.exit(f"{path}:{n}: want 4 tab-separated fields, found {len(parts)}")
        rows.append((parts[0], int(parts[1]), parts[2], parts[3]))
    return rows


def main(path=DATA / "audit" / "second-annotator.tsv"):
    corpus = {(r["article_id"], r["sent_idx"]): r for name in ("train.jsonl", "heldout.jsonl")
              for r in read_records(DATA / name)}
    rows = read_audit(path)
    a = [corpus[(art, i)]["label"] for art, i, _, _ in rows]
    b = [label for _, _, label, _ in rows]
    high = [(x, y) for (x, y, (_, _, _, conf)) in zip(a, b, rows) if conf == "high"]
    hard = [(x, y) for (x, y, (art, i, _, _)) in zip(a, b, rows) if corpus[(art, i)].get("hard")]
    long = [(x, y) for (x, y, (art, _, _, _)) in zip(a, b, rows) if art.startswith("r6")]
    agree = sum(x == y for x, y in zip(a, b)) / len(a)
    print(f"{len(rows)} sentences from {len({r[0] for r in rows})} articles")
    print(f"raw agreement {agree:.3f}, Cohen's kappa {cohen_kappa_score(a, b):.3f}, "
          f"macro-F1 of the second annotator against the corpus {f1_score(a, b, average='macro'):.3f}")
    for name, pairs in (("second annotator high-confidence", high), ("corpus 'hard'", hard),
                        ("sixth round (long wire sentences, ids r6...)", long)):
        if pairs:
            print(f"{name}: {len(pairs)} sentences, agreement {sum(x == y for x, y in pairs) / len(pairs):.3f}")
    for (x, y), c in Counter((x, y) for x, y in zip(a, b) if x != y).most_common():
        print(f"  corpus {x} -> second annotator {y}: {c}")


if __name__ == "__main__":
    main(*sys.argv[1:])
