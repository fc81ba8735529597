"""Fit the pipeline an experiment describes, evaluate it on held-out articles, and write
the model folder with its reports in one atomic step."""

from __future__ import annotations

from pathlib import Path

from classifier import config as config_mod
from classifier import data, evaluate, persist, reports
from classifier.model import build
from classifier.text import prepare


def fit(texts, labels, cfg: config_mod.Config):
    """A fitted Pipeline; the config's one seed reaches everything random."""
    pipeline = build(cfg)
    pipeline.fit(prepare(texts), list(labels))
    return pipeline


def run(config_path, out_dir=None, n_boot: int = 1000) -> dict:
    """Train from a TOML config; returns a summary of what was written where."""
    cfg = config_mod.load(config_path)
    train_set = data.load(cfg.train_data)
    heldout = data.as_records(data.load(cfg.heldout_data))
    pipeline = fit(train_set["text"], data.label_names(train_set), cfg)
    out_dir = Path(out_dir or Path("models") / cfg.name)
    metrics = {"model": cfg.name, "data": cfg.heldout_data.as_posix(),
               "data_sha256": data.fingerprint(cfg.heldout_data),
               **evaluate.evaluate(pipeline, heldout, n_boot=n_boot, seed=cfg.seed)}
    meta = {
        "name": cfg.name,
        "config": cfg.to_dict(),
        "training_data": {"path": cfg.train_data.as_posix(), "sha256": data.fingerprint(cfg.train_data),
                          "n_sentences": len(train_set), "n_articles": len(set(train_set["article_id"]))},
        "metrics": {"heldout_macro_f1": metrics["macro_f1"], "heldout_accuracy": metrics["accuracy"],
                    "heldout_f1": {k: v["f1"] for k, v in metrics["per_class"].items()},
                    "heldout_sha256": metrics["data_sha256"]},
    }
    title = f"Held-out evaluation of `{cfg.name}`"

    def write_reports(folder, written_meta):
        reports.write(folder, metrics, title)
        (folder / "README.md").write_text(reports.model_card(written_meta, metrics), encoding="utf-8")

    check = prepare(train_set["text"][:2000]) + prepare([r["text"] for r in heldout])
    persist.save(out_dir, pipeline, meta, write_extra=write_reports, check_texts=check)
    return {"out_dir": out_dir, "metrics": metrics, "meta": meta}
