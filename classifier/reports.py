"""What a person or another program reads after training or evaluation: metrics.json,
report.md and PNG plots (matplotlib is imported only here, only when plotting)."""

from __future__ import annotations

from pathlib import Path

from classifier.labels import LABELS, REPORT_ORDER
from classifier.persist import write_json


def _interval(metrics: dict, key: str) -> str:
    lo, hi = metrics.get("intervals", {}).get(key, (None, None))
    return "" if lo is None else f" [{lo:.3f}, {hi:.3f}]"


def per_class_table(metrics: dict) -> str:
    rows = ["| label | precision | recall | F1 (95% CI) | support |", "|---|---|---|---|---|"]
    for label in REPORT_ORDER:
        c = metrics["per_class"][label]
        rows.append(f"| {label} | {c['precision']:.3f} | {c['recall']:.3f} | "
                    f"{c['f1']:.3f}{_interval(metrics, 'f1:' + label)} | {c['support']} |")
    return "\n".join(rows)


def confusion_table(metrics: dict) -> str:
    labels, matrix = metrics["confusion_matrix"]["labels"], metrics["confusion_matrix"]["matrix"]
    rows = ["| true \\ predicted | " + " | ".join(labels) + " |", "|---" * (len(labels) + 1) + "|"]
    rows += [f"| {label} | " + " | ".join(str(v) for v in row) + " |" for label, row in zip(labels, matrix)]
    return "\n".join(rows)


def headline(metrics: dict) -> str:
    return (f"macro-F1 {metrics['macro_f1']:.3f}{_interval(metrics, 'macro_f1')}, accuracy "
            f"{metrics['accuracy']:.3f}{_interval(metrics, 'accuracy')} on "
            f"{metrics['n_sentences']} sentences from {metrics['n_articles']} articles")


def markdown(metrics: dict, title: str) -> str:
    parts = [
        f"# {title}", "",
        f"Model `{metrics['model']}` on `{metrics['data']}` (SHA-256 `{metrics['data_sha256'][:12]}`).", "",
        f"**{headline(metrics)}.** Intervals are 95% bootstrap intervals over articles.", "",
        "## Per class", "", per_class_table(metrics), "",
        "## Confusion matrix", "", confusion_table(metrics), "", "![confusion](confusion.png)", "",
    ]
    if "calibration" in metrics:
        parts += ["## Calibration", "",
                  f"Expected calibration error (10 bins, top-label confidence): "
                  f"{metrics['calibration']['ece']:.3f}.", "", "![reliability](reliability.png)", ""]
    if metrics.get("errors"):
        parts += ["## Most confident mistakes", ""]
        for e in metrics["errors"]:
            parts.append(f"- `{e['article_id']}#{e['sent_idx']}` **{e['label']}** predicted "
                         f"**{e['predicted']}** ({e['confidence']:.2f}): {e['text']}")
            for side in ("before", "after"):
                if e[side]:
                    parts.append(f"  - {side}: {e[side]}")
        parts.append("")
    return "\n".join(parts)


def plot_confusion(metrics: dict, path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matrix = metrics["confusion_matrix"]["matrix"]
    fig, ax = plt.subplots(figsize=(6, 5))
    ax.imshow(matrix, cmap="Blues")
    ticks = range(len(LABELS))
    ax.set_xticks(ticks, LABELS, rotation=30, ha="right")
    ax.set_yticks(ticks, LABELS)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    top = max(max(row) for row in matrix) or 1
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            ax.text(j, i, str(v), ha="center", va="center", color="white" if v > top / 2 else "black")
    ax.set_title(f"macro-F1 {metrics['macro_f1']:.3f}")
    fig.tight_layout()
    fig.savefig(path, dpi=100, metadata={"Software": None})
    plt.close(fig)


def plot_reliability(metrics: dict, path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    bins = metrics["calibration"]["bins"]
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], "--", color="grey", label="perfect")
    ax.plot([b["confidence"] for b in bins], [b["accuracy"] for b in bins], "o-", label="model")
    ax.set_xlabel("confidence of the predicted label")
    ax.set_ylabel("share correct")
    ax.set_title(f"ECE {metrics['calibration']['ece']:.3f}")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100, metadata={"Software": None})
    plt.close(fig)


def write(folder, metrics: dict, title: str) -> None:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    write_json(folder / "metrics.json", metrics)
    (folder / "report.md").write_text(markdown(metrics, title), encoding="utf-8")
    plot_confusion(metrics, folder / "confusion.png")
    if "calibration" in metrics:
        plot_reliability(metrics, folder / "reliability.png")


def write_atomic(folder, metrics: dict, title: str) -> None:
    """Write every file beside `folder` first, then move each into place."""
    import os
    import shutil
    import tempfile

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".report.", dir=folder))
    try:
        write(tmp, metrics, title)
        for f in sorted(tmp.iterdir()):
            os.replace(f, folder / f.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
