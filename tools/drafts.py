"""Writing aid for the corpus: check hand-written drafts, and export them as JSONL.

Writers type articles in a compact form (one file per writer):

    ### ART-ID | story kind | decade | house style | actors, comma, separated
    D  | JAPAN DENIES BREAKING CHIP PACT
    C* | TOKYO, March 3 - U.S. officials said ... (a star marks a hard sentence)

Codes: B background, C claim, D denial, S diplomatic_statement. Every sentence is written by a
person; this tool only reads them.

    python tools/drafts.py check DRAFT.txt...        counts, duplicates, problems
    python tools/drafts.py export OUT.jsonl DRAFT.txt...   sentences + OUT.articles.jsonl
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

from classifier.corpus import near_duplicates, repeated_skeleton_share

CODES = {"B": "background", "C": "claim", "D": "denial", "S": "diplomatic_statement"}
LINE = re.compile(r"^\s*([BCDS])(\*?)\s*\|\s*(.+?)\s*$")


def parse(path: Path):
    articles, problems, current = [], [], None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") and not line.startswith("###"):
            continue
        if line.startswith("###"):
            fields = [f.strip() for f in line[3:].split("|")]
            if len(fields) != 5 or not all(fields):
                problems.append(f"{path}:{n}: header needs: id | kind | decade | style | actors")
                fields = (fields + [""] * 5)[:5]
            current = {"article_id": fields[0], "story_kind": fields[1], "decade": fields[2],
                       "style": fields[3], "actors": [a.strip() for a in fields[4].split(",") if a.strip()],
                       "sentences": []}
            articles.append(current)
        elif (m := LINE.match(line)) and current is not None:
            current["sentences"].append((CODES[m.group(1)], bool(m.group(2)), m.group(3), f"{path.name}:{n}"))
        else:
            problems.append(f"{path}:{n}: cannot read (want 'C | text' after a ### header): {line[:50]!r}")
    return articles, problems


def check(paths):
    articles, problems = [], []
    for p in paths:
        a, pr = parse(Path(p))
        articles += a
        problems += pr
    ids = Counter(a["article_id"] for a in articles)
    problems += [f"duplicate article id {i}" for i, c in ids.items() if c > 1]
    problems += [f"{a['article_id']}: only {len(a['sentences'])} sentences" for a in articles if len(a["sentences"]) < 5]
    sents = [s for a in articles for s in a["sentences"]]
    for i, j, jac in near_duplicates([s[2] for s in sents]):
        problems.append(f"near-duplicate (5-gram Jaccard {jac}): {sents[i][3]} ~ {sents[j][3]}")
    labels = Counter(s[0] for s in sents)
    print(f"articles {len(articles)}  sentences {len(sents)}  hard {sum(s[1] for s in sents)}")
    print("  " + "  ".join(f"{k} {labels[k]}" for k in CODES.values()))
    print(f"  repeated skeletons {repeated_skeleton_share([s[2] for s in sents]):.1%}")
    for p in problems:
        print("PROBLEM:", p)
    return articles, problems


def export(out, paths):
    articles, problems = check(paths)
    if problems:
        sys.exit("not exported: fix the problems first")
    out = Path(out)
    with out.open("w", encoding="utf-8") as f:
        for a in articles:
            for i, (label, hard, text, _) in enumerate(a["sentences"]):
                rec = {"article_id": a["article_id"], "sent_idx": i, "text": text, "label": label}
                f.write(json.dumps(rec | ({"hard": True} if hard else {}), ensure_ascii=False) + "\n")
    with out.with_suffix(".articles.jsonl").open("w", encoding="utf-8") as f:
        for a in articles:
            meta = {k: a[k] for k in ("article_id", "story_kind", "decade", "style", "actors")}
            f.write(json.dumps(meta, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("check", "export"):
        sys.exit(__doc__)
    if sys.argv[1] == "check":
        check(sys.argv[2:])
    else:
        export(sys.argv[2], sys.argv[3:])
