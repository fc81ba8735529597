"""Config -> an unfitted scikit-learn Pipeline made of stock estimators only.

Only stock classes go in, so the saved model loads with scikit-learn alone
(no function or class of ours is pickled)."""

from __future__ import annotations

from classifier.config import Config
from classifier.errors import ConfigError

# Cue phrases for the keyword baseline: the guide's typical cues, nothing learned.
CUES = (
    # claim
    "accused", "accuses", "accusation", "alleged", "allegedly", "allegations", "according to",
    "intelligence", "suspected", "believe", "believed", "evidence", "images show", "speculation",
    "reportedly", "sources said", "blamed", "charged", "quoted as saying", "reports that",
    # denial
    "denied", "denies", "deny", "denial", "rejected", "rejects", "dismissed", "baseless",
    "fabrication", "false", "slander", "no truth", "not true", "insisted", "groundless",
    "unfounded", "categorically", "nothing to do with", "routine", "refuted", "without foundation",
    # diplomatic statement
    "thanked", "praised", "vowed", "pledged", "called for", "urged", "condemned", "welcomed",
    "agreed", "support", "concern", "relations", "hoped", "committed", "ready to", "will",
    # background
    "flew", "met", "visited", "declined to comment", "did not respond", "expected to", "last year",
)


def _python(params: dict) -> dict:
    """TOML has no None or tuple: "none" stands for None, lists become tuples."""
    return {k: None if v == "none" else tuple(v) if isinstance(v, list) else v for k, v in params.items()}


def _vectorizer(kind: str, params: dict):
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    params = _python(params)
    if kind == "word":
        return TfidfVectorizer(**params)
    if kind == "char":
        return TfidfVectorizer(**{"analyzer": "char_wb", "ngram_range": (2, 5), **params})
    return CountVectorizer(vocabulary=CUES, ngram_range=(1, 3), binary=True, **params)


def _classifier(params: dict, seed: int):
    from sklearn.dummy import DummyClassifier
    from sklearn.linear_model import LogisticRegression, SGDClassifier
    from sklearn.naive_bayes import ComplementNB
    from sklearn.svm import LinearSVC

    params = _python(params)
    kind = params.pop("kind")
    if kind == "logreg":
        return LogisticRegression(**{"max_iter": 5000, "random_state": seed, **params})
    if kind == "linearsvc":
        return LinearSVC(**{"random_state": seed, **params})
    if kind == "sgd":
        return SGDClassifier(**{"random_state": seed, **params})
    if kind == "complementnb":
        return ComplementNB(**params)
    return DummyClassifier(**{"strategy": "most_frequent", **params})


def build(config: Config):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import FeatureUnion, Pipeline

    try:
        parts = [(k, _vectorizer(k, p)) for k, p in sorted(config.features.items())]
        features = parts[0][1] if len(parts) == 1 else FeatureUnion(parts)
        clf = _classifier(config.model, config.seed)
    except TypeError as e:
        raise ConfigError(f"{config.name}: bad parameter in config ({e})") from None
    if config.calibration:
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=config.seed)
        # ensemble=False: one model fitted on everything, calibrated on out-of-fold scores
        clf = CalibratedClassifierCV(clf, method=config.calibration, cv=folds, ensemble=False)
    return Pipeline([("features", features), ("classifier", clf)])
