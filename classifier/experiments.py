"""Model selection by cross-validation grouped by article, on the training file only.

The held-out file is never read here: it is for the final, single evaluation. A real-news
development set, when given, is reported in its own column and never used to choose."""

from __future__ import annotations

import io
import itertools
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from classifier import config as config_mod
from classifier.evaluate import calibration, confusion, scores
from classifier.labels import LABELS
from classifier.train import fit


def variants(cfg: config_mod.Config, grid: dict) -> list[config_mod.Config]:
    """Expand a grid such as {"model.C": [1, 10]} into one config per combination."""
    if not grid:
        return [cfg]
    out = []
    keys = sorted(grid)
    for values in itertools.product(*(grid[k] for k in keys)):
        features = {k: dict(v) for k, v in cfg.features.items()}
        model = dict(cfg.model)
        for key, value in zip(keys, values):
            table, _, param = key.rpartition(".")
            (model if table == "model" else features[table.split(".")[-1]])[param] = value
        label = ",".join(f"{k.split('.')[-1]}={v}" for k, v in zip(keys, values))
        out.append(replace(cfg, name=f"{cfg.name}[{label}]", features=features, model=model))
    return out


def _model_size(pipeline) -> int:
    import joblib

    buf = io.BytesIO()
    joblib.dump(pipeline, buf)
    return buf.tell()


def _score(pipeline, texts, labels) -> tuple[dict, float]:
    """Scores (with "ece" where the model gives probabilities) and sentences per second."""
    start = time.perf_counter()
    pred = pipeline.predict(texts)
    seconds = time.perf_counter() - start
    k = len(LABELS)
    y = np.array([LABELS.index(x) for x in labels])
    p = np.array([LABELS.index(x) for x in pred])
    s = scores(confusion(y, p, k))
    if hasattr(pipeline, "predict_proba"):
        proba = pipeline.predict_proba(texts)
        top = np.array([LABELS.index(str(c)) for c in pipeline.classes_])[proba.argmax(axis=1)]
        s["ece"] = calibration(top == y, proba.max(axis=1))["ece"]
    return s, len(texts) / max(seconds, 1e-9)


def _fold(cfg, texts, labels, train_idx, test_idx) -> dict:
    from classifier.text import prepare

    start = time.perf_counter()
    pipeline = fit([texts[i] for i in train_idx], [labels[i] for i in train_idx], cfg)
    fit_seconds = time.perf_counter() - start
    s, rate = _score(pipeline, prepare([texts[i] for i in test_idx]), [labels[i] for i in test_idx])
    return {"macro_f1": s["macro_f1"], "denial_f1": s["f1"][LABELS.index("denial")],
            "ece": s.get("ece", float("nan")), "fit_seconds": fit_seconds, "sentences_per_second": rate}


def cross_validate(cfg: config_mod.Config, records: list[dict], n_splits: int = 5, jobs: int = 1) -> dict:
    """Mean and sd over StratifiedGroupKFold folds (whole articles per fold)."""
    from joblib import Parallel, delayed
    from sklearn.model_selection import StratifiedGroupKFold

    texts = [r["text"] for r in records]
    labels = [r["label"] for r in records]
    groups = [r["article_id"] for r in records]
    folds = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=cfg.seed)
    rows = Parallel(n_jobs=jobs)(delayed(_fold)(cfg, texts, labels, tr, te)
                                 for tr, te in folds.split(texts, labels, groups))
    result = {"name": cfg.name, "description": cfg.description}
    for key in rows[0]:
        values = np.array([r[key] for r in rows])
        result[key] = float(values.mean())
        result[key + "_sd"] = float(values.std(ddof=1))
    return result


def run(paths, train_path=None, dev_path=None, n_splits: int = 5, progress=print, jobs: int = 1) -> list[dict]:
    """Cross-validate every experiment (and its grid); add the dev-set column if given."""
    import tomllib

    from classifier.data import read_records

    results = []
    for path in paths:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        grid = raw.pop("grid", {})
        base = config_mod.from_dict(raw, base=Path(path).parent, where=str(path))
        records = read_records(train_path or base.train_data)
        dev = read_records(dev_path) if dev_path and Path(dev_path).is_file() else None
        for cfg in variants(base, grid):
            row = cross_validate(cfg, records, n_splits, jobs)
            full = fit([r["text"] for r in records], [r["label"] for r in records], cfg)
            row["model_kb"] = _model_size(full) / 1024
            if dev is not None:
                from classifier.text import prepare

                s, _ = _score(full, prepare([r["text"] for r in dev]), [r["label"] for r in dev])
                row["dev_macro_f1"], row["dev_denial_f1"] = s["macro_f1"], s["f1"][LABELS.index("denial")]
            row["config"] = Path(path).name
            results.append(row)
            progress(f"{cfg.name}: macro-F1 {row['macro_f1']:.3f} ± {row['macro_f1_sd']:.3f}")
    return results


TIE = 0.001  # macro-F1 differences below this are noise (fold sd is about ten times larger)


def winner(results: list[dict]) -> dict:
    """Highest cross-validated macro-F1; within TIE of it, the best calibrated (lowest ECE)."""
    top = max(r["macro_f1"] for r in results)
    close = [r for r in results if r["macro_f1"] >= top - TIE]
    return min(close, key=lambda r: (r["ece"] if r["ece"] == r["ece"] else 1.0, -r["macro_f1"]))


def markdown(results: list[dict], n_splits: int, n_train: int) -> str:
    ranked = sorted(results, key=lambda r: -r["macro_f1"])
    best = winner(results)
    second = next((r for r in ranked if r is not best), None)
    dev = "dev_macro_f1" in best
    head = ("| experiment | macro-F1 (CV) | denial F1 (CV) | ECE (CV) | fit s | predict sent/s | size KB |"
            + (" real-dev macro-F1 | real-dev denial F1 |" if dev else ""))
    lines = [
        "# Experiment results", "",
        f"{n_splits}-fold cross-validation grouped by article (StratifiedGroupKFold) on the training "
        f"file ({n_train} sentences); mean ± sd over folds. The held-out file is not read. "
        f"Selection uses the cross-validated figures only: the highest macro-F1 wins, and among "
        f"experiments within {TIE} of it, the lowest expected calibration error (ECE)."
        + (" The real-dev columns (real 1987 newswire, `../shared/real-dev`) are for information: "
           "each model is fitted on the whole training file and scored there." if dev else ""),
        "",
        f"**Winner: `{best['name']}`** ({best['config']}), macro-F1 {best['macro_f1']:.3f}"
        + (f", {best['macro_f1'] - second['macro_f1']:+.4f} macro-F1 against `{second['name']}` (fold sd "
           f"{best['macro_f1_sd']:.3f}), ECE {best['ece']:.3f} against {second['ece']:.3f}." if second else "."),
        "", head, "|---" * (head.count("|") - 1) + "|",
    ]
    for r in ranked:
        row = (f"| `{r['name']}` | {r['macro_f1']:.3f} ± {r['macro_f1_sd']:.3f} | "
               f"{r['denial_f1']:.3f} ± {r['denial_f1_sd']:.3f} | {r['ece']:.3f} | {r['fit_seconds']:.1f} | "
               f"{r['sentences_per_second']:,.0f} | {r['model_kb']:,.0f} |")
        if dev:
            row += f" {r['dev_macro_f1']:.3f} | {r['dev_denial_f1']:.3f} |"
        lines.append(row)
    return "\n".join(lines) + "\n"


def learning_curve(cfg: config_mod.Config, records: list[dict], fractions=(0.2, 0.4, 0.6, 0.8, 1.0),
                   n_splits: int = 5, jobs: int = 1) -> list[dict]:
    """Grouped-CV macro-F1 when training on growing shares of the training articles."""
    rng = np.random.default_rng(cfg.seed)
    articles = sorted({r["article_id"] for r in records})
    order = list(rng.permutation(articles))
    points = []
    for frac in fractions:
        keep = set(order[: max(n_splits, round(frac * len(order)))])
        subset = [r for r in records if r["article_id"] in keep]
        row = cross_validate(cfg, subset, n_splits, jobs)
        points.append({"articles": len(keep), "sentences": len(subset),
                       "macro_f1": row["macro_f1"], "macro_f1_sd": row["macro_f1_sd"]})
    return points


def plot_learning_curve(points: list[dict], path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x = [p["articles"] for p in points]
    y = np.array([p["macro_f1"] for p in points])
    sd = np.array([p["macro_f1_sd"] for p in points])
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(x, y, "o-")
    ax.fill_between(x, y - sd, y + sd, alpha=0.2)
    ax.set_xlabel("training articles")
    ax.set_ylabel("macro-F1 (grouped CV)")
    ax.set_title("Learning curve")
    fig.tight_layout()
    fig.savefig(path, dpi=100, metadata={"Software": None})
    plt.close(fig)
