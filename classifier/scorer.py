"""A numpy-only copy of a fitted pipeline's arithmetic, so that annotation starts without
importing scikit-learn (which takes about 2 s on our machines, most of the cold start).

It is written beside model.joblib only for pipelines it can copy exactly (TF-IDF or count
vectorisers, word or char_wb analyzers, in a FeatureUnion or alone, then a multinomial
LogisticRegression, sigmoid-calibrated linear models, or SGDClassifier with the modified Huber
loss), and only after its probabilities have been checked against the
pipeline's own on the training text. model.joblib stays the model; this is a faster reader
of it, and like skops it loads without running code (numpy, allow_pickle=False)."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

import numpy as np

FILE = "scorer.npz"
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_SPACES = re.compile(r"\s\s+")
_TOKEN_PATTERN = r"(?u)\b\w\w+\b"


def _vectorizers(pipeline):
    features = pipeline.steps[0][1]
    if hasattr(features, "transformer_list"):
        if features.transformer_weights:
            return None
        return [v for _, v in features.transformer_list]
    return [features]


def _copyable(vec) -> bool:
    name = type(vec).__name__
    if name not in ("TfidfVectorizer", "CountVectorizer"):
        return False
    p = vec.get_params()
    plain = (p["analyzer"] in ("word", "char_wb") and p["preprocessor"] is None and p["tokenizer"] is None
             and p["strip_accents"] is None and p["lowercase"] and p["stop_words"] is None
             and p["token_pattern"] == _TOKEN_PATTERN and p["input"] == "content")
    return plain and (name == "CountVectorizer" or p["norm"] in ("l2", None))


def _linear_parts(clf) -> dict | None:
    """coef (folds, classes, features), intercept and, for sigmoid calibration, a and b."""
    n = len(clf.classes_)
    if type(clf).__name__ == "LogisticRegression" and clf.coef_.shape[0] == n:
        return {"coef": clf.coef_[None], "intercept": clf.intercept_[None]}
    if type(clf).__name__ == "SGDClassifier" and clf.loss == "modified_huber" and n > 2:
        return {"coef": clf.coef_[None], "intercept": clf.intercept_[None], "modified_huber": np.array(True)}
    if type(clf).__name__ != "CalibratedClassifierCV" or clf.method != "sigmoid":
        return None
    folds = clf.calibrated_classifiers_
    linear = all(type(f.estimator).__name__ in ("LinearSVC", "LogisticRegression", "SGDClassifier")
                 and f.estimator.coef_.shape[0] == n and list(f.estimator.classes_) == list(clf.classes_)
                 for f in folds)
    if not linear:
        return None
    return {"coef": np.stack([f.estimator.coef_ for f in folds]),
            "intercept": np.stack([f.estimator.intercept_ for f in folds]),
            "a": np.array([[c.a_ for c in f.calibrators] for f in folds], dtype=float),
            "b": np.array([[c.b_ for c in f.calibrators] for f in folds], dtype=float)}


def arrays(pipeline) -> dict | None:
    """The pipeline as plain arrays, or None where this module cannot copy it exactly."""
    clf = pipeline.steps[-1][1]
    vecs = _vectorizers(pipeline)
    parts = _linear_parts(clf)
    if parts is None or vecs is None or not all(map(_copyable, vecs)):
        return None
    out = {"classes": np.array([str(c) for c in clf.classes_]), **parts, "n_vectorizers": np.array(len(vecs))}
    for i, vec in enumerate(vecs):
        tfidf = type(vec).__name__ == "TfidfVectorizer"
        terms = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
        out[f"v{i}_terms"] = np.array("\n".join(terms))
        idf = tfidf and vec.use_idf
        out[f"v{i}_config"] = np.array([vec.analyzer == "char_wb", *vec.ngram_range, vec.binary,
                                        tfidf and vec.sublinear_tf, tfidf and vec.norm == "l2", idf])
        out[f"v{i}_idf"] = vec.idf_ if idf else np.zeros(0)
    return out


def save(path, data: dict) -> None:
    """An .npz with fixed timestamps, so the same model gives the same bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for key in sorted(data):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.asarray(data[key]), allow_pickle=False)
            zf.writestr(zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0)), buf.getvalue())


def _word_ngrams(text: str, lo: int, hi: int) -> list[str]:
    tokens = _TOKEN.findall(text)
    if hi == 1:
        return tokens
    grams = list(tokens) if lo == 1 else []
    for n in range(max(lo, 2), hi + 1):
        grams += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
    return grams


def _char_wb_ngrams(text: str, lo: int, hi: int) -> list[str]:
    grams = []
    for word in _SPACES.sub(" ", text).split():
        word = f" {word} "
        for n in range(lo, hi + 1):
            offset = 0
            grams.append(word[offset:offset + n])
            while offset + n < len(word):
                offset += 1
                grams.append(word[offset:offset + n])
            if offset == 0:
                break
    return grams


class _Block:
    def __init__(self, data: dict, i: int, offset: int):
        terms = str(data[f"v{i}_terms"]).split("\n")
        self.vocab = {t: offset + j for j, t in enumerate(terms)}
        self.offset = offset
        self.size = len(terms)
        char_wb, self.lo, self.hi, self.binary, self.sublinear, self.l2, self.idf_weighted = data[f"v{i}_config"].tolist()
        self.grams = _char_wb_ngrams if char_wb else _word_ngrams
        self.idf = data[f"v{i}_idf"]

    def features(self, texts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(rows, columns, values) of this block's features for a batch of texts."""
        rows, cols, counts = [], [], []
        for r, text in enumerate(texts):
            found = Counter(j for g in self.grams(text.lower(), self.lo, self.hi) if (j := self.vocab.get(g)) is not None)
            rows += [r] * len(found)
            cols += found.keys()
            counts += found.values()
        rows, cols = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
        vals = np.ones(len(counts)) if self.binary else np.array(counts, dtype=float)
        if self.sublinear:
            vals = np.log(vals) + 1
        if self.idf_weighted:
            vals = vals * self.idf[cols - self.offset]
        if self.l2:
            norms = np.sqrt(np.bincount(rows, weights=vals ** 2, minlength=len(texts)))
            vals = vals / np.where(norms > 0, norms, 1)[rows]
        return rows, cols, vals


class Scorer:
    """predict / predict_proba / classes_ like the pipeline it was copied from."""

    def __init__(self, data: dict):
        self.classes_ = np.array([str(c) for c in data["classes"]])
        self.coef = data["coef"]  # (folds, classes, features): one fold unless calibrated
        self.intercept = data["intercept"]
        self.sigmoid = (data["a"], data["b"]) if "a" in data else None
        self.modified_huber = "modified_huber" in data
        self.blocks, offset = [], 0
        for i in range(int(data["n_vectorizers"])):
            block = _Block(data, i, offset)
            self.blocks.append(block)
            offset += block.size

    def decision_function(self, texts) -> np.ndarray:
        """(folds, texts, classes) linear scores."""
        texts = list(texts)
        folds, n_classes = self.coef.shape[:2]
        scores = np.repeat(self.intercept[:, None, :], len(texts), axis=1).astype(float)
        for block in self.blocks:
            rows, cols, vals = block.features(texts)
            for f in range(folds):
                for k in range(n_classes):
                    scores[f, :, k] += np.bincount(rows, weights=self.coef[f, k, cols] * vals, minlength=len(texts))
        return scores

    def predict_proba(self, texts) -> np.ndarray:
        scores = self.decision_function(texts)
        if self.modified_huber:  # SGDClassifier: clipped scores, normalised (uniform if all zero)
            prob = (np.clip(scores[0], -1, 1) + 1) / 2
            total = prob.sum(axis=1)
            prob[total == 0] = 1
            total[total == 0] = prob.shape[1]
            return prob / total[:, None]
        if self.sigmoid is None:  # multinomial logistic regression
            z = scores[0] - scores[0].max(axis=1, keepdims=True)
            exp = np.exp(z)
            return exp / exp.sum(axis=1, keepdims=True)
        a, b = self.sigmoid  # sigmoid calibration per class, normalised, averaged over folds
        proba = 1 / (1 + np.exp(a[:, None, :] * scores + b[:, None, :]))
        total = proba.sum(axis=2, keepdims=True)
        proba = np.divide(proba, total, out=np.full_like(proba, 1 / proba.shape[2]), where=total != 0)
        proba[(1.0 < proba) & (proba <= 1.0 + 1e-5)] = 1.0
        return proba.mean(axis=0)

    def predict(self, texts) -> np.ndarray:
        return self.classes_[self.predict_proba(texts).argmax(axis=1)]


def load(path) -> Scorer:
    with np.load(path, allow_pickle=False) as npz:
        return Scorer({k: npz[k] for k in npz.files})


def matches(pipeline, scorer: Scorer, texts, tol: float = 1e-9) -> bool:
    """True when the copy gives the pipeline's probabilities on `texts`."""
    if not texts:
        return True
    return bool(np.abs(pipeline.predict_proba(texts) - scorer.predict_proba(texts)).max() <= tol)
