"""Labelled data: read and validate JSONL, hand it over as a Hugging Face Dataset, and
split it by article (never by sentence: sentences of one article share names and events,
so a sentence split leaks)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from classifier.errors import DataError
from classifier.labels import LABELS

REQUIRED = {"article_id": str, "sent_idx": int, "text": str, "label": str}
OPTIONAL = {"hard": bool, "source": str}


def _check(rec, where: str) -> None:
    if not isinstance(rec, dict):
        raise DataError(f"{where}: expected a JSON object, found {type(rec).__name__}")
    for field, kind in REQUIRED.items():
        if field not in rec:
            raise DataError(f"{where}: missing field '{field}'")
        value = rec[field]
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise DataError(f"{where}: field '{field}' should be {kind.__name__}, found {value!r}")
    for field, kind in OPTIONAL.items():
        if field in rec and not isinstance(rec[field], kind):
            raise DataError(f"{where}: field '{field}' should be {kind.__name__}, found {rec[field]!r}")
    if rec["label"] not in LABELS:
        raise DataError(f"{where}: unknown label {rec['label']!r} (expected one of: {', '.join(LABELS)})")
    if not rec["text"].strip():
        raise DataError(f"{where}: empty text")


def read_records(path) -> list[dict]:
    """Every line validated; the first problem stops with its file and line number."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    records, seen = [], {}
    try:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                where = f"{path}:{n}"
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as e:
                    raise DataError(f"{where}: not valid JSON ({e.msg})") from None
                _check(rec, where)
                key = (rec["article_id"], rec["sent_idx"])
                if key in seen:
                    raise DataError(f"{where}: duplicate (article_id, sent_idx) {key}, first on line {seen[key]}")
                seen[key] = n
                records.append(rec)
    except UnicodeDecodeError as e:
        raise DataError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    if not records:
        raise DataError(f"{path}: no labelled sentences in file")
    return records


def fingerprint(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def hf_datasets():
    """The `datasets` module, offline, with anything it caches kept in a temporary folder."""
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HOME", os.path.join(tempfile.gettempdir(), "classifier-hf-home"))
    import datasets

    return datasets


def to_dataset(records: list[dict]):
    """In-memory Dataset with the label as a ClassLabel: no network, no cache files."""
    datasets = hf_datasets()

    features = datasets.Features(
        {
            "article_id": datasets.Value("string"),
            "sent_idx": datasets.Value("int32"),
            "text": datasets.Value("string"),
            "label": datasets.ClassLabel(names=list(LABELS)),
            "hard": datasets.Value("bool"),
        }
    )
    columns = {
        "article_id": [r["article_id"] for r in records],
        "sent_idx": [r["sent_idx"] for r in records],
        "text": [r["text"] for r in records],
        "label": [LABELS.index(r["label"]) for r in records],
        "hard": [bool(r.get("hard", False)) for r in records],
    }
    return datasets.Dataset.from_dict(columns, features=features)


def load(path):
    """Validated JSONL -> Dataset, sorted by article and sentence."""
    records = sorted(read_records(path), key=lambda r: (r["article_id"], r["sent_idx"]))
    return to_dataset(records)


def as_records(dataset) -> list[dict]:
    """Dataset -> plain dicts with label names, the form evaluation and reports use."""
    names = dataset.features["label"].names
    return [dict(r, label=names[r["label"]]) for r in dataset.to_list()]


def label_names(dataset) -> list[str]:
    return dataset.features["label"].int2str(dataset["label"])


def split_articles(article_ids, labels, test_fraction: float, seed: int):
    """Indices (train, test) with whole articles on one side, stratified by label."""
    from sklearn.model_selection import StratifiedGroupKFold

    n_splits = max(2, round(1 / test_fraction))
    folds = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    train_idx, test_idx = next(folds.split(article_ids, labels, groups=article_ids))
    return train_idx.tolist(), test_idx.tolist()
