"""Metrics as a plain dict. Intervals resample whole articles, because sentences of one
article are not independent; calibration shows whether the confidence means what it says."""

from __future__ import annotations

import numpy as np

from classifier.labels import LABELS, REPORT_ORDER
from classifier.annotate import classify


def confusion(y_true: np.ndarray, y_pred: np.ndarray, k: int) -> np.ndarray:
    return np.bincount(y_true * k + y_pred, minlength=k * k).reshape(k, k)


def scores(matrix: np.ndarray) -> dict:
    """Per-class precision/recall/F1 and macro-F1 from a confusion matrix (rows = truth)."""
    tp = np.diag(matrix).astype(float)
    predicted, actual = matrix.sum(axis=0), matrix.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(predicted > 0, tp / predicted, 0.0)
        recall = np.where(actual > 0, tp / actual, 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    present = actual > 0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "macro_f1": float(f1[present].mean()) if present.any() else 0.0,
        "accuracy": float(tp.sum() / max(matrix.sum(), 1)),
    }


def bootstrap(y_true, y_pred, groups, k: int, n_boot: int = 1000, seed: int = 0) -> dict:
    """95% percentile intervals from resampling articles with replacement."""
    rng = np.random.default_rng(seed)
    _, group_index = np.unique(groups, return_inverse=True)
    n_groups = group_index.max() + 1
    # one confusion matrix per article; a resample is a weighted sum of them
    per_group = np.zeros((n_groups, k * k))
    np.add.at(per_group, (group_index, y_true * k + y_pred), 1)
    draws = rng.multinomial(n_groups, np.full(n_groups, 1 / n_groups), size=n_boot)
    samples = {"macro_f1": [], "accuracy": [], **{f"f1:{LABELS[i]}": [] for i in range(k)}}
    for matrix in (draws @ per_group).reshape(n_boot, k, k):
        s = scores(matrix)
        samples["macro_f1"].append(s["macro_f1"])
        samples["accuracy"].append(s["accuracy"])
        for i in range(k):
            samples[f"f1:{LABELS[i]}"].append(s["f1"][i])
    return {name: [float(np.percentile(v, 2.5)), float(np.percentile(v, 97.5))] for name, v in samples.items()}


def calibration(correct: np.ndarray, confidence: np.ndarray, n_bins: int = 10) -> dict:
    """Expected calibration error of the top-label confidence, with the diagram's bins."""
    edges = np.linspace(0, 1, n_bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1]), 0, n_bins - 1)
    bins, ece = [], 0.0
    for b in range(n_bins):
        mask = which == b
        if not mask.any():
            continue
        acc, conf = float(correct[mask].mean()), float(confidence[mask].mean())
        ece += mask.mean() * abs(acc - conf)
        bins.append({"lower": float(edges[b]), "upper": float(edges[b + 1]), "count": int(mask.sum()),
                     "accuracy": acc, "confidence": conf})
    return {"ece": float(ece), "bins": bins}


def worst_errors(records: list[dict], pred, conf, limit: int = 15) -> list[dict]:
    """The most confident mistakes, each with its neighbouring sentences."""
    by_key = {(r["article_id"], r["sent_idx"]): r["text"] for r in records}
    wrong = [i for i, r in enumerate(records) if r["label"] != pred[i]]
    wrong.sort(key=lambda i: (-(conf[i] or 0), records[i]["article_id"], records[i]["sent_idx"]))
    out = []
    for i in wrong[:limit]:
        r = records[i]
        out.append({
            "article_id": r["article_id"], "sent_idx": r["sent_idx"], "text": r["text"],
            "label": r["label"], "predicted": pred[i], "confidence": conf[i] or 0.0,
            "before": by_key.get((r["article_id"], r["sent_idx"] - 1)),
            "after": by_key.get((r["article_id"], r["sent_idx"] + 1)),
        })
    return out


def evaluate(pipeline, records: list[dict], n_boot: int = 1000, seed: int = 0) -> dict:
    """Everything reports need, from a fitted pipeline and validated records."""
    k = len(LABELS)
    pred, conf = classify(pipeline, [r["text"] for r in records])
    y_true = np.array([LABELS.index(r["label"]) for r in records])
    y_pred = np.array([LABELS.index(p) for p in pred])
    groups = np.array([r["article_id"] for r in records])
    matrix = confusion(y_true, y_pred, k)
    s = scores(matrix)
    support = matrix.sum(axis=1)
    per_class = {
        label: {"precision": float(s["precision"][i]), "recall": float(s["recall"][i]),
                "f1": float(s["f1"][i]), "support": int(support[i])}
        for label in REPORT_ORDER for i in [LABELS.index(label)]
    }
    metrics = {
        "macro_f1": s["macro_f1"],
        "accuracy": s["accuracy"],
        "per_class": per_class,
        "confusion_matrix": {"labels": list(LABELS), "matrix": matrix.tolist()},
        "n_sentences": len(records),
        "n_articles": len(set(groups.tolist())),
        "intervals": bootstrap(y_true, y_pred, groups, k, n_boot, seed),
        "errors": worst_errors(records, pred, conf),
    }
    if None not in conf:
        metrics["calibration"] = calibration(y_true == y_pred, np.array(conf))
    return metrics


def run(model_dir, data_path, out_dir=None, n_boot: int = 1000, allow_version_mismatch: bool = False):
    """Evaluate a saved model on any labelled JSONL file and write its report."""
    from pathlib import Path

    from classifier import data, persist, reports

    pipeline, meta = persist.load(model_dir, allow_version_mismatch=allow_version_mismatch)
    records = data.as_records(data.load(data_path))
    metrics = {"model": meta.get("name", str(model_dir)), "data": Path(data_path).as_posix(),
               "data_sha256": data.fingerprint(data_path), **evaluate(pipeline, records, n_boot=n_boot)}
    out_dir = Path(out_dir) if out_dir else Path(model_dir) / "evaluations" / Path(data_path).stem
    reports.write_atomic(out_dir, metrics, f"Evaluation of `{metrics['model']}` on `{Path(data_path).name}`")
    return metrics, out_dir
