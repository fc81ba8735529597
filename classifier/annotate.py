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
    """A loaded model folder: the fitted pipeline, what model.json says of it, and the
    same text preparation that training used."""

    def __init__(self, pipeline, meta: dict, path=None):
        self.pipeline = pipeline
        self.meta = meta
        self.path = path
        self.labels = [str(c) for c in pipeline.classes_]

    def __repr__(self) -> str:
        return f"Model({self.meta.get('name')!r}, labels={self.labels})"

    def predict(self, sentences) -> list[str]:
        return classify(self.pipeline, sentences)[0]

    def annotate(self, text: str) -> list[dict]:
        """Sentence records; `start`/`end` slice the original `text`."""
        spans = segment(text)
        labels, confidence = classify(self.pipeline, [text[s:e] for s, e in spans])
        return [
            {"sentence": i, "start": s, "end": e, "text": text[s:e], "label": lab,
             "confidence": None if c is None else round(c, 4)}
            for i, ((s, e), lab, c) in enumerate(zip(spans, labels, confidence))
        ]


def load_model(path=DEFAULT_MODEL, allow_version_mismatch: bool = False) -> Model:
    pipeline, meta = persist.load(path, allow_version_mismatch=allow_version_mismatch)
    return Model(pipeline, meta, Path(path))
