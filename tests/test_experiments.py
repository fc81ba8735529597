import json

from conftest import ARTICLES, records

from classifier.config import from_dict
from classifier.experiments import cross_validate, markdown, run, variants

BASE = {"name": "x", "train_data": "t", "heldout_data": "h", "seed": 1}


def test_grid_expands_into_named_variants():
    cfg = from_dict({**BASE, "features": {"word": {"ngram_range": [1, 2]}}, "model": {"kind": "logreg", "C": 1.0}})
    out = variants(cfg, {"model.C": [1.0, 10.0], "features.word.ngram_range": [[1, 1], [1, 2]]})
    assert [v.name for v in out] == ["x[ngram_range=[1, 1],C=1.0]", "x[ngram_range=[1, 1],C=10.0]",
                                     "x[ngram_range=[1, 2],C=1.0]", "x[ngram_range=[1, 2],C=10.0]"]
    assert out[1].model["C"] == 10.0 and out[1].features["word"]["ngram_range"] == [1, 1]
    assert cfg.model["C"] == 1.0  # the base config is untouched


def test_cross_validation_keeps_articles_whole_and_reports_spread():
    recs = records(ARTICLES * 2, "a")  # 12 articles
    for i, r in enumerate(recs):
        r["article_id"] = f"a{i // 4}"
    row = cross_validate(from_dict({**BASE, "model": {"kind": "logreg", "C": 10.0}}), recs, n_splits=3)
    assert 0 <= row["macro_f1"] <= 1 and row["macro_f1_sd"] >= 0 and row["sentences_per_second"] > 0


def test_run_writes_a_ranked_table_with_the_dev_column(corpus, tmp_path):
    (corpus / "grid.toml").write_text((corpus / "tiny.toml").read_text() + '[grid]\n"model.C" = [0.1, 10.0]\n')
    dev = corpus / "heldout.jsonl"
    results = run([corpus / "grid.toml"], train_path=corpus / "train.jsonl", dev_path=dev, n_splits=2,
                  progress=lambda *_: None)
    table = markdown(results, 2, 16)
    assert "**Winner: `tiny[C=" in table and "real-dev macro-F1" in table
    assert table.count("| `tiny[") == 2
    json.dumps(results)  # plain data


def test_encoder_measurement_adds_embeddings_beside_the_features(corpus):
    import importlib.util
    from pathlib import Path

    import numpy as np

    path = Path(__file__).resolve().parent.parent / "experiments" / "encoder.py"
    spec = importlib.util.spec_from_file_location("encoder", path)
    encoder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(encoder)
    seen = []

    def fake_embed(model, texts):  # stands in for the PyTorch encoder
        seen.append(model)
        return np.array([[len(t) % 7, t.count(" ")] for t in texts], dtype=float)

    out = corpus / "encoder.md"
    encoder.main(["fake", "--config", str(corpus / "tiny.toml"), "--dev", str(corpus / "heldout.jsonl"),
                  "--out", str(out), "--folds", "2"], embed_fn=fake_embed)
    table = out.read_text(encoding="utf-8")
    assert seen == ["fake", "fake"]  # the training sentences, then the dev sentences
    assert table.count("\n| 0.") + table.count("\n| 1.") == len(encoder.WEIGHTS)
