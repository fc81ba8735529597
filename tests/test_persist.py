import json

import pytest

from classifier.errors import ModelError
from classifier.persist import FORMAT_VERSION, load, save, verify


def test_save_and_load_round_trip(trained):
    pipeline, meta = load(trained)
    assert meta["format_version"] == FORMAT_VERSION
    assert meta["labels"] == list(pipeline.classes_)
    assert set(meta["versions"]) >= {"python", "scikit-learn", "numpy", "joblib"}
    assert meta["training_data"]["n_articles"] == 4


def test_tampered_model_is_refused_before_unpickling(trained):
    with open(trained / "model.joblib", "ab") as f:
        f.write(b"\0")
    with pytest.raises(ModelError, match="SHA-256 does not match"):
        load(trained)


def test_wrong_format_version_and_missing_folder(trained, tmp_path):
    meta = json.loads((trained / "model.json").read_text())
    (trained / "model.json").write_text(json.dumps(dict(meta, format_version=99)))
    with pytest.raises(ModelError, match="format version 99"):
        verify(trained)
    with pytest.raises(ModelError, match="no model folder"):
        verify(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match="not a model folder"):
        verify(tmp_path / "empty")


def test_scikit_learn_version_mismatch_is_explained(trained):
    meta = json.loads((trained / "model.json").read_text())
    meta["versions"]["scikit-learn"] = "0.1"
    (trained / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="trained with scikit-learn 0.1, this is"):
        load(trained)
    assert load(trained, allow_version_mismatch=True)[1]["versions"]["scikit-learn"] == "0.1"


def test_failed_save_leaves_no_half_written_folder(trained, tmp_path):
    pipeline, meta = load(trained)

    def fail(folder, meta):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        save(tmp_path / "new", pipeline, {"name": "x"}, write_extra=fail)
    assert not (tmp_path / "new").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    with pytest.raises(RuntimeError):
        save(trained, pipeline, {"name": "x"}, write_extra=fail)
    assert verify(trained)  # the old model is still whole


def test_refuses_to_replace_a_folder_that_is_not_a_model(trained, tmp_path):
    pipeline, _ = load(trained)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(ModelError, match="not a model folder"):
        save(tmp_path / "mine", pipeline, {})
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"


def test_safe_export_loads_without_trusting_code_and_predicts_the_same(trained):
    from classifier import load_model
    from classifier.persist import export_skops

    info = export_skops(trained)
    assert info["bytes"] > 0 and json.loads((trained / "model.json").read_text())["exports"]["skops"] == info
    texts = ["Moscow rejected the report.", "The envoy praised the talks.", "Exports fell 12 pct."]
    assert load_model(trained, safe=True).predict(texts) == load_model(trained).predict(texts)
    verify(trained)  # model.joblib untouched
    with open(trained / "model.skops", "ab") as f:
        f.write(b"\0")
    with pytest.raises(ModelError, match="model.skops: SHA-256 does not match"):
        load_model(trained, safe=True)


def test_safe_load_without_export_says_how_to_make_one(trained):
    from classifier import load_model

    with pytest.raises(ModelError, match="classifier export"):
        load_model(trained, safe=True)


def test_safe_export_of_a_calibrated_model(corpus):
    from conftest import ARTICLES, records, write_jsonl

    from classifier import load_model
    from classifier.persist import export_skops
    from classifier.train import run

    twelve_articles = [dict(r, article_id=f"t{i // 4}") for i, r in enumerate(records(ARTICLES * 2, "t"))]
    write_jsonl(corpus / "train.jsonl", twelve_articles)
    config = corpus / "calibrated.toml"
    config.write_text('name = "cal"\nseed = 3\ncalibration = "sigmoid"\ntrain_data = "train.jsonl"\n'
                      'heldout_data = "heldout.jsonl"\n[model]\nkind = "sgd"\nloss = "modified_huber"\n')
    run(config, corpus / "cal", n_boot=20)
    export_skops(corpus / "cal")
    texts = ["Moscow rejected the report.", "The envoy praised the talks."]
    assert load_model(corpus / "cal", safe=True).predict(texts) == load_model(corpus / "cal").predict(texts)
