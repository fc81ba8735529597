"""Article text -> one record per sentence. Needs only the saved model and `text`."""

from __future__ import annotations

from pathlib import Path

from classifier import persist
from classifier.text import prepare, segment

DEFAULT_MODEL = Path("models/default")


def classify(pipeline, sentences) -> tuple[list[str], list[float | None]]:
    """Labels and the probability of each chosen label (None where the model gives none)."""
    prepared = prepare(sentences)
    if not prepared:
        return [], []
    if not hasattr(pipeline, "predict_proba"):
        return [str(x) for x in pipeline.predict(prepared)], [None] * len(prepared)
    proba = pipeline.predict_proba(prepared)
    best = proba.argmax(axis=1)
    classes = [str(c) for c in pipeline.classes_]
    return [classes[b] for b in best], [float(proba[i, b]) for i, b in enumerate(best)]


class Model:
    """A loaded model folder: what predicts (the fitted pipeline, or its numpy copy, which
    starts without importing scikit-learn), what model.json says of it, and the same text
    preparation that training used."""

    def __init__(self, predictor, meta: dict, path=None, allow_version_mismatch: bool = False):
        self.predictor = predictor
        self.meta = meta
        self.path = path
        self.labels = [str(c) for c in predictor.classes_]
        self._allow_mismatch = allow_version_mismatch
        self._feature_names = None

    @property
    def pipeline(self):
        """The scikit-learn Pipeline itself (loaded on first use when the copy predicts)."""
        if not hasattr(self.predictor, "steps"):
            self.predictor = persist.load(self.path, self._allow_mismatch)[0]
        return self.predictor

    def __repr__(self) -> str:
        return f"Model({self.meta.get('name')!r}, labels={self.labels})"

    def predict(self, sentences) -> list[str]:
        return classify(self.predictor, sentences)[0]

    def annotate(self, text: str, explain: bool = False) -> list[dict]:
        """Sentence records; `start`/`end` slice the original `text`."""
        return [{k: v for k, v in r.items() if k != "id"}
                for r in self.annotate_documents([{"id": "", "text": text}], explain)]

    def annotate_documents(self, documents, explain: bool = False) -> list[dict]:
        """Records for many documents ({"id", "text"}), classified in one batch."""
        spans = [(d["id"], d["text"], s, e) for d in documents for s, e in segment(d["text"])]
        sentences = [text[s:e] for _, text, s, e in spans]
        labels, confidence = classify(self.predictor, sentences)
        reasons = self.explain(sentences, labels) if explain else None
        records, index = [], {}
        for n, ((doc_id, _, s, e), label, c) in enumerate(zip(spans, labels, confidence)):
            i = index[doc_id] = index.get(doc_id, -1) + 1
            rec = {"id": doc_id, "sentence": i, "start": s, "end": e, "text": sentences[n], "label": label,
                   "confidence": None if c is None else round(c, 4)}
            if reasons is not None:
                rec["why"] = reasons[n]
            records.append(rec)
        return records

    def explain(self, sentences, labels, k: int = 5) -> list[list[str]]:
        """For a linear model: the k features that pushed each sentence hardest to its label
        (tf-idf value x coefficient). Empty lists for models without coefficients."""
        weights = linear_weights(self.pipeline)
        if weights is None or not sentences:
            return [[] for _ in sentences]
        features = self.pipeline[:-1]
        if self._feature_names is None:
            self._feature_names = [_readable(n) for n in features.get_feature_names_out()]
        import numpy as np

        x = features.transform(prepare(sentences)).tocsr()
        out = []
        for i, label in enumerate(labels):
            row = x.getrow(i)
            contrib = row.data * weights[self.labels.index(label), row.indices]
            top = np.argsort(-contrib)[:k]
            out.append([self._feature_names[row.indices[j]] for j in top if contrib[j] > 0])
        return out


def linear_weights(pipeline):
    """Class-by-feature coefficients of a linear final step (averaged over calibration folds)."""
    import numpy as np

    clf = pipeline[-1]
    if hasattr(clf, "calibrated_classifiers_"):
        coefs = [getattr(c.estimator, "coef_", None) for c in clf.calibrated_classifiers_]
        return None if any(c is None for c in coefs) else np.mean(coefs, axis=0)
    coef = getattr(clf, "coef_", None)
    return None if coef is None or coef.shape[0] != len(clf.classes_) else coef


def _readable(name: str) -> str:
    kind, _, feature = name.rpartition("__")
    return f'"{feature}"' if kind == "char" else feature


def load_model(path=DEFAULT_MODEL, allow_version_mismatch: bool = False, safe: bool = False) -> Model:
    """A model folder, checked against its SHA-256s. Predicts with scorer.npz where the folder
    has one (numpy only, fast to start), else with model.joblib. `safe=True` reads model.skops
    (see `classifier export`): nothing in it can run code."""
    if safe:
        predictor, meta = persist.load_safe(path)
    else:
        predictor, meta = persist.load_scorer(path)
        if predictor is None:
            predictor, meta = persist.load(path, allow_version_mismatch=allow_version_mismatch)
    return Model(predictor, meta, Path(path), allow_version_mismatch)
