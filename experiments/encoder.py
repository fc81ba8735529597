"""Would a pretrained sentence encoder help? A measurement, not part of the shipped model.

The default model's features are words and characters; real wire copy often turns on things a
bag of words cannot see (what a negation applies to, who answers whom). This script adds the
embedding of each sentence from a small pretrained encoder (all-MiniLM-L6-v2, 384 numbers) to
the default features and scores both under the same rule as `make experiments`: 5-fold
cross-validation grouped by article on the training file, plus the real-dev column for
information. The held-out file is not read.

The encoder needs PyTorch, so a model using it could not be loaded with scikit-learn alone;
that is why it is measured here and not offered as an experiment config. Run it in a separate
environment:

    python3.11 -m venv /tmp/encoder-env
    /tmp/encoder-env/bin/pip install -e . sentence-transformers
    /tmp/encoder-env/bin/python experiments/encoder.py MODEL [--dev ../shared/real-dev/sentences.jsonl]

MODEL is a sentence-transformers model name or folder (offline, a folder holding
all-MiniLM-L6-v2). Writes experiments/encoder.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from classifier import config as config_mod
from classifier.data import read_records
from classifier.evaluate import confusion, scores
from classifier.labels import LABELS
from classifier.model import build
from classifier.text import prepare

HERE = Path(__file__).resolve().parent

WEIGHTS = (0.0, 0.5, 1.0)  # scale of the embedding block beside the two TF-IDF blocks (norm 1 each)


def embed(model_name: str, texts: list[str]) -> np.ndarray:
    from sentence_transformers import SentenceTransformer

    encoder = SentenceTransformer(model_name, device="cpu")
    return encoder.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=True)


def fit_predict(cfg, train_texts, y, train_emb, test_texts, test_emb, weight: float):
    """The default pipeline's features, with the embeddings beside them."""
    from scipy.sparse import csr_matrix, hstack

    pipeline = build(cfg)
    features, clf = pipeline.named_steps["features"], pipeline.named_steps["classifier"]
    train_x = hstack([features.fit_transform(train_texts), csr_matrix(train_emb * weight)]).tocsr()
    clf.fit(train_x, y)
    test_x = hstack([features.transform(test_texts), csr_matrix(test_emb * weight)]).tocsr()
    return clf.predict(test_x)


def macro_and_denial(y_true, y_pred) -> tuple[float, float]:
    k = len(LABELS)
    s = scores(confusion(np.array([LABELS.index(v) for v in y_true]), np.array([LABELS.index(v) for v in y_pred]), k))
    return s["macro_f1"], s["f1"][LABELS.index("denial")]


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def main(argv=None, embed_fn=embed) -> None:
    from sklearn.model_selection import StratifiedGroupKFold

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", help="sentence-transformers model name or folder")
    parser.add_argument("--config", default=str(HERE / "default.toml"))
    parser.add_argument("--dev", default=str(HERE.parent.parent / "shared" / "real-dev" / "sentences.jsonl"))
    parser.add_argument("--out", default=str(HERE / "encoder.md"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--label", help="how the report names the encoder [default: MODEL as given]")
    args = parser.parse_args(argv)

    cfg = config_mod.load(args.config)
    records = read_records(cfg.train_data)
    texts = prepare([r["text"] for r in records])
    y = np.array([r["label"] for r in records])
    groups = [r["article_id"] for r in records]
    dev = read_records(args.dev) if Path(args.dev).is_file() else None
    emb = embed_fn(args.model, texts)
    dev_texts = prepare([r["text"] for r in dev]) if dev else []
    dev_emb = embed_fn(args.model, dev_texts) if dev else None

    folds = list(StratifiedGroupKFold(n_splits=args.folds, shuffle=True, random_state=cfg.seed).split(texts, y, groups))
    rows = []
    for weight in WEIGHTS:
        fold_scores = np.array([macro_and_denial(y[te], fit_predict(cfg, [texts[i] for i in tr], y[tr], emb[tr],
                                                                      [texts[i] for i in te], emb[te], weight))
                                for tr, te in folds])
        row = {"weight": weight, "cv": fold_scores.mean(axis=0), "sd": fold_scores.std(axis=0, ddof=1)}
        if dev:
            row["dev"] = macro_and_denial([r["label"] for r in dev],
                                          fit_predict(cfg, texts, y, emb, dev_texts, dev_emb, weight))
        rows.append(row)
        print(f"weight {weight}: CV macro-F1 {row['cv'][0]:.3f}", flush=True)

    lines = [
        "# A pretrained sentence encoder beside the default features",
        "",
        f"Made by `python experiments/encoder.py MODEL` with MODEL {args.label or args.model} (see the script), "
        f"sentence-transformers {_version('sentence-transformers')}, torch {_version('torch')}. Config `{Path(args.config).name}`, "
        f"{args.folds}-fold cross-validation grouped by article on the training file ({len(records)} sentences); "
        "mean ± sd over folds. The real-dev columns are for information. Weight 0 is the default model's features alone.",
        "",
        "| encoder weight | macro-F1 (CV) | denial F1 (CV) | real-dev macro-F1 | real-dev denial F1 |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        dev_cells = f"{r['dev'][0]:.3f} | {r['dev'][1]:.3f}" if dev else "- | -"
        lines.append(f"| {r['weight']} | {r['cv'][0]:.3f} ± {r['sd'][0]:.3f} | {r['cv'][1]:.3f} ± {r['sd'][1]:.3f} | {dev_cells} |")
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
