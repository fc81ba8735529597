import pytest
from conftest import ARTICLES, records

from classifier.config import MODEL_KINDS, from_dict
from classifier.errors import ConfigError
from classifier.model import build
from classifier.train import fit

BASE = {"name": "x", "train_data": "t", "heldout_data": "h", "seed": 7}


def stock_only(obj, seen=None):
    """Every object in the fitted pipeline comes from scikit-learn, numpy or the stdlib."""
    import numpy as np

    if isinstance(obj, (str, int, float, bool, type(None), np.ndarray, np.generic, type)):
        return True
    module = type(obj).__module__
    if module.startswith("classifier"):
        return False
    if isinstance(obj, dict):
        return all(stock_only(k) and stock_only(v) for k, v in obj.items())
    if isinstance(obj, (list, tuple, set, frozenset)):
        return all(stock_only(x) for x in obj)
    if hasattr(obj, "__dict__"):
        return module.split(".")[0] in {"sklearn", "scipy", "numpy"} and all(
            stock_only(v) for v in vars(obj).values())
    return not callable(obj)


@pytest.mark.parametrize("kind", MODEL_KINDS)
def test_every_model_kind_fits_with_stock_objects(kind):
    recs = records(ARTICLES)
    features = {"word": {}, "char": {"ngram_range": [2, 3]}} if kind != "majority" else {"cues": {}}
    cfg = from_dict({**BASE, "features": features, "model": {"kind": kind}})
    pipeline = fit([r["text"] for r in recs], [r["label"] for r in recs], cfg)
    assert sorted(pipeline.classes_) == list(pipeline.classes_)
    assert stock_only(pipeline)


def test_calibration_wraps_the_classifier():
    cfg = from_dict({**BASE, "model": {"kind": "linearsvc"}, "calibration": "sigmoid"})
    assert type(build(cfg).named_steps["classifier"]).__name__ == "CalibratedClassifierCV"


def test_unknown_estimator_parameter_is_a_config_error():
    with pytest.raises(ConfigError, match="bad parameter"):
        build(from_dict({**BASE, "model": {"kind": "logreg", "Cee": 1.0}}))
