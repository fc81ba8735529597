"""The numpy copy of the pipeline gives the pipeline's own numbers, and annotation through it
never imports scikit-learn."""

import subprocess
import sys

import numpy as np
import pytest
from conftest import ARTICLES, records

from classifier import scorer
from classifier.config import from_dict
from classifier.train import fit

TEXTS = ["Moscow rejected the report as baseless.", "", "ÉLAN d'État: the envoy's 2.5 pct deal!!",
         "Officials said drones had struck a convoy near the border near the border."]


@pytest.mark.parametrize("features, model, calibration", [
    ({"word": {}}, "logreg", ""),
    ({"word": {"ngram_range": [1, 2], "sublinear_tf": True}, "char": {"ngram_range": [2, 5]}}, "logreg", ""),
    ({"word": {"binary": True, "norm": "none", "use_idf": False}, "cues": {}}, "logreg", ""),
    ({"char": {"ngram_range": [1, 3], "sublinear_tf": True}}, "logreg", ""),
    ({"word": {"ngram_range": [1, 2]}, "char": {}, "cues": {}}, "linearsvc", "sigmoid"),
    ({"word": {}}, "logreg", "sigmoid"),
    ({"word": {"ngram_range": [1, 2], "sublinear_tf": True}, "char": {"min_df": 2}}, "sgd", ""),
])
def test_copy_matches_the_pipeline(features, model, calibration, tmp_path):
    recs = records(ARTICLES * 2)
    for i, r in enumerate(recs):
        r["article_id"] = f"a{i // 4}"
    cfg = from_dict({"name": "x", "train_data": "t", "heldout_data": "h", "features": features,
                     "model": {"kind": model, **({"loss": "modified_huber"} if model == "sgd" else {})},
                     "calibration": calibration})
    pipeline = fit([r["text"] for r in recs], [r["label"] for r in recs], cfg)
    scorer.save(tmp_path / "s.npz", scorer.arrays(pipeline))
    copy = scorer.load(tmp_path / "s.npz")
    texts = TEXTS + [r["text"] for r in recs]
    assert np.abs(copy.predict_proba(texts) - pipeline.predict_proba(texts)).max() < 1e-12
    assert copy.predict(texts).tolist() == pipeline.predict(texts).tolist()


def test_pipelines_it_cannot_copy_get_no_copy():
    recs = records(ARTICLES)
    cfg = from_dict({"name": "x", "train_data": "t", "heldout_data": "h", "model": {"kind": "complementnb"}})
    assert scorer.arrays(fit([r["text"] for r in recs], [r["label"] for r in recs], cfg)) is None


def test_same_model_same_scorer_bytes(trained, tmp_path):
    from classifier.persist import load, save

    pipeline, _ = load(trained)
    for name in ("a", "b"):
        save(tmp_path / name, pipeline, {"name": name}, check_texts=TEXTS)
    assert (tmp_path / "a" / "scorer.npz").read_bytes() == (tmp_path / "b" / "scorer.npz").read_bytes()


def test_annotation_runs_without_importing_scikit_learn(trained):
    script = (
        "import sys\n"
        "from classifier import load_model\n"
        f"m = load_model({str(trained)!r})\n"
        "print(m.annotate('Moscow rejected the report. The envoy praised the talks.')[0]['label'])\n"
        "print('sklearn' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["denial", "False"]


def test_changed_scorer_is_refused(trained):
    from classifier import load_model
    from classifier.errors import ModelError

    with open(trained / "scorer.npz", "ab") as f:
        f.write(b"\0")
    with pytest.raises(ModelError, match="scorer.npz: SHA-256 does not match"):
        load_model(trained)
