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


def _yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def model_card(meta: dict, metrics: dict) -> str:
    """README.md for the model folder, in the Hugging Face model-card format."""
    name = meta["name"]
    results = [("macro_f1", "f1", "macro-F1", metrics["macro_f1"]), ("accuracy", "accuracy", "accuracy",
                                                                      metrics["accuracy"])]
    results += [(f"f1:{label}", "f1", f"F1 {label}", metrics["per_class"][label]["f1"]) for label in REPORT_ORDER]
    metric_lines = "\n".join(f"      - type: {kind}\n        name: {_yaml_str(title)}\n        value: {value:.4f}"
                             for _, kind, title, value in results)
    data = meta["training_data"]
    config = meta["config"]
    lo, hi = metrics["intervals"]["macro_f1"]
    ece = f"{metrics['calibration']['ece']:.3f}" if "calibration" in metrics else "n/a (no probabilities)"
    return f"""---
library_name: sklearn
language:
  - en
license: mit
pipeline_tag: text-classification
tags:
  - sklearn
  - text-classification
  - news
  - diplomacy
  - security
metrics:
  - f1
  - accuracy
model-index:
  - name: {_yaml_str(name)}
    results:
      - task:
          type: text-classification
          name: Sentence role in diplomatic and security news
        dataset:
          type: authored-news
          name: Held-out articles of the authored corpus
          split: heldout
        metrics:
{metric_lines}
---

# Sentence-role classifier: `{name}`

Labels each sentence of a news article on diplomacy and security with the role it plays:
`claim`, `denial`, `diplomatic_statement` or `background`.
{config.get("description") or ""}

## Intended use

Reading support for analysts, fact-checkers and researchers: find the accusations, the denials
and the official positions in news articles, and count them across many articles. Use it on
English news prose about states and international bodies, one sentence at a time, and read the
sentences it marks rather than trusting a label blindly.

## Out-of-scope use

- **Not a fact-checker.** A label says what a sentence does (makes a claim, denies one), never
  whether it is true. A `claim` may be true; a `denial` may be false.
- Not for deciding anything about people, for content moderation, or for text far from news on
  diplomacy and security (social media, fiction, other languages).

## Training data

{data["n_sentences"]} sentences from {data["n_articles"]} articles written by the project team
(invented events, real countries and bodies), each sentence labelled by the project's guidelines
(`data/README.md` in the project). Data file SHA-256 `{data["sha256"]}`.

## Evaluation

On {metrics["n_sentences"]} sentences from {metrics["n_articles"]} held-out articles (never used
for training or model selection): macro-F1 **{metrics["macro_f1"]:.3f}** (95% bootstrap interval over
articles {lo:.3f}-{hi:.3f}), accuracy {metrics["accuracy"]:.3f}, expected calibration error {ece}.

{per_class_table(metrics)}

## Limitations and biases

- The training text is written, not collected: real news is messier, and scores on real
  newswire are lower than on the held-out articles. Measure on your own labelled sample before
  relying on the figures (`classifier evaluate --data YOUR.jsonl`).
- Hard cases (implicit denials, condemnations of disputed acts, speculation, sovereignty
  "claims") are where it errs most; the most confident mistakes are listed in `report.md`.
- A bag-of-words model: it sees cue words and phrases, not who did what to whom.
- The corpus leans towards the United States, Russia, the UN, Iran and China, and towards
  1980s wire style; other regions and styles are thinner.

## How to load

With only scikit-learn and joblib installed:

```python
import joblib
pipeline = joblib.load("model.joblib")
pipeline.predict(["The ministry denied sending weapons to the rebels."])
```

With the `classifier` package (checks the SHA-256 first and repairs encoding damage):

```python
from classifier import load_model
model = load_model("{name if "/" in name else "models/" + name}")
model.annotate(text)
```

Loading a joblib (pickle) file runs code from it: load only models you trust. `model.skops`,
where present (`classifier export`), loads with only scikit-learn types trusted.

Trained with scikit-learn {meta["versions"]["scikit-learn"]}, Python {meta["versions"]["python"]};
model format version {meta.get("format_version", "")}.
"""
