"""Checks that keep the hand-written corpus honest: no repeated or near-repeated sentences,
and no sign of sentences assembled from templates."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict


def shingles(text: str, k: int = 5) -> set[str]:
    t = " ".join(text.lower().split())
    return {t[i:i + k] for i in range(max(1, len(t) - k + 1))}


def near_duplicates(texts: list[str], threshold: float = 0.8) -> list[tuple[int, int, float]]:
    """Pairs (i, j, jaccard) of character 5-gram Jaccard >= threshold.

    Prefix filtering keeps this fast: two sets this similar must share one of the rarest
    (1 - threshold) share of either set's shingles, so only those are indexed."""
    sets = [shingles(t) for t in texts]
    freq = Counter(s for st in sets for s in st)
    index: dict[str, list[int]] = defaultdict(list)
    pairs = []
    for i, st in enumerate(sets):
        order = sorted(st, key=lambda s: (freq[s], s))
        prefix = order[: len(order) - math.ceil(threshold * len(order)) + 1]
        for j in sorted({j for s in prefix for j in index[s]}):
            inter = len(st & sets[j])
            jaccard = inter / (len(st) + len(sets[j]) - inter)
            if jaccard >= threshold:
                pairs.append((j, i, round(jaccard, 3)))
        for s in prefix:
            index[s].append(i)
    return pairs


_NUMBER = re.compile(r"\d[\d,.]*")
_NAME = re.compile(r"(?<!^)(?<![.!?] )\b[A-Z][\w'.-]*")


def skeleton(text: str) -> str:
    """The sentence with numbers and names masked: what a slot-filling template leaves."""
    t = _NUMBER.sub("0", text)
    if any(c.islower() for c in t):
        t = _NAME.sub("X", t)
        t = re.sub(r"X(?:[\s,]+X)+", "X", t)
    return " ".join(t.lower().split())


def repeated_skeleton_share(texts: list[str]) -> float:
    counts = Counter(skeleton(t) for t in texts)
    return sum(c for c in counts.values() if c > 1) / max(len(texts), 1)


def summary(train: list[dict], heldout: list[dict], articles: list[dict]) -> str:
    """The data card's tables (Markdown), computed from the files themselves."""
    from classifier.labels import REPORT_ORDER

    def row(name, recs):
        counts = Counter(r["label"] for r in recs)
        n_art = len({r["article_id"] for r in recs})
        hard = sum(r.get("hard", False) for r in recs)
        return (f"| {name} | {n_art} | {len(recs)} | "
                + " | ".join(str(counts[label]) for label in REPORT_ORDER) + f" | {hard} |")

    lines = ["| split | articles | sentences | " + " | ".join(REPORT_ORDER) + " | hard |",
             "|---" * (len(REPORT_ORDER) + 4) + "|",
             row("train", train), row("heldout", heldout), row("total", train + heldout), ""]
    decades = Counter(a["decade"] for a in articles)
    lines += ["| decade | articles |", "|---|---|"] + [f"| {d} | {decades[d]} |" for d in sorted(decades)] + [""]
    actors = Counter(x for a in articles for x in a["actors"])
    kinds = Counter(a["story_kind"].split("(")[0].strip().lower() for a in articles)
    styles = Counter(a["style"].lower() for a in articles)
    lines += [f"{len(actors)} distinct actors (countries, bodies, groups); the most frequent: "
              + ", ".join(f"{a} ({c})" for a, c in actors.most_common(20)) + ".", "",
              f"{len(kinds)} story-kind tags; the most frequent: "
              + ", ".join(f"{k} ({c})" for k, c in kinds.most_common(20)) + ".", "",
              f"{len(styles)} house-style tags; the most frequent: "
              + ", ".join(f"{k} ({c})" for k, c in styles.most_common(12)) + "."]
    return "\n".join(lines) + "\n"
