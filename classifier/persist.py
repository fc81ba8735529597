"""The model folder: model.joblib (stock scikit-learn objects only) and model.json, which
says what the model is and holds the SHA-256 that loading checks before unpickling.

A folder is written in a temporary place beside its destination and moved into place
whole, so a failure never leaves a half-written model."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import tempfile
from pathlib import Path

from classifier.errors import ModelError

FORMAT_VERSION = 1
MODEL_FILE = "model.joblib"
META_FILE = "model.json"


def sha256(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def versions() -> dict:
    import joblib
    import numpy
    import sklearn

    from classifier import __version__

    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
            "numpy": numpy.__version__, "joblib": joblib.__version__, "classifier": __version__}


def write_json(path, obj) -> None:
    Path(path).write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def forget_memory_addresses(pipeline):
    """TfidfVectorizer caches id(stop_words), a memory address, so two identical trainings
    would pickle differently. It is only a cache (rebuilt on the next transform): drop it."""
    for part in [pipeline, *pipeline.get_params(deep=True).values()]:
        if hasattr(part, "_stop_words_id"):
            del part._stop_words_id
    return pipeline


def _write_scorer(folder: Path, pipeline, check_texts) -> str | None:
    """scorer.npz where the numpy copy gives the pipeline's own probabilities; its SHA-256."""
    from classifier import scorer

    data = scorer.arrays(pipeline)
    if data is None or not scorer.matches(pipeline, scorer.Scorer(data), list(check_texts)):
        return None
    scorer.save(folder / scorer.FILE, data)
    return sha256(folder / scorer.FILE)


def save(out_dir, pipeline, meta: dict, write_extra=None, check_texts=()) -> Path:
    """Write model.joblib and model.json (plus whatever `write_extra(folder, meta)` adds, given
    the metadata as written), and
    scorer.npz when it reproduces the pipeline on `check_texts`."""
    import joblib

    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / META_FILE).is_file():
        raise ModelError(f"{out_dir}: exists and is not a model folder; choose another output folder")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        joblib.dump(forget_memory_addresses(pipeline), tmp / MODEL_FILE)
        meta = {"format_version": FORMAT_VERSION, "labels": [str(c) for c in pipeline.classes_],
                "versions": versions(), **meta, "model_sha256": sha256(tmp / MODEL_FILE),
                "scorer_sha256": _write_scorer(tmp, pipeline, check_texts)}
        write_json(tmp / META_FILE, meta)
        if write_extra is not None:
            write_extra(tmp, meta)
        replace_dir(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out_dir


def replace_dir(new: Path, dest: Path) -> None:
    """Move a finished folder into place; the old one goes only once the new one is there."""
    old = None
    if dest.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old.", dir=dest.parent))
        os.replace(dest, old / dest.name)
    os.replace(new, dest)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def read_meta(model_dir) -> dict:
    model_dir = Path(model_dir)
    meta_path = model_dir / META_FILE
    if not model_dir.is_dir():
        raise ModelError(f"{model_dir}: no model folder here (train one with `make train`)")
    if not meta_path.is_file():
        raise ModelError(f"{meta_path}: missing; this is not a model folder")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ModelError(f"{meta_path}: not valid JSON ({e})") from None
    if not isinstance(meta, dict) or meta.get("format_version") != FORMAT_VERSION:
        found = meta.get("format_version") if isinstance(meta, dict) else None
        raise ModelError(f"{meta_path}: model format version {found!r}, this classifier reads "
                         f"{FORMAT_VERSION}; retrain the model with this version")
    return meta


def verify(model_dir) -> dict:
    """Check model.joblib against the SHA-256 in model.json; return the metadata."""
    model_dir = Path(model_dir)
    meta = read_meta(model_dir)
    model_path = model_dir / MODEL_FILE
    if not model_path.is_file():
        raise ModelError(f"{model_path}: missing")
    if sha256(model_path) != meta.get("model_sha256"):
        raise ModelError(f"{model_path}: SHA-256 does not match model.json; the file was changed "
                         "or damaged, so it is not loaded (retrain, or restore the original)")
    return meta


def load_scorer(model_dir):
    """(scorer, meta) from scorer.npz, or (None, meta) where the folder has none. Checks
    model.joblib and scorer.npz against model.json; needs numpy only."""
    from classifier import scorer

    meta = verify(model_dir)
    path = Path(model_dir) / scorer.FILE
    expected = meta.get("scorer_sha256")
    if expected is None or not path.is_file():
        return None, meta
    if sha256(path) != expected:
        raise ModelError(f"{path}: SHA-256 does not match model.json; not loaded (retrain, or delete it)")
    return scorer.load(path), meta


def load(model_dir, allow_version_mismatch: bool = False):
    """(pipeline, meta). Unpickling runs code: load only models you trust."""
    import joblib
    import sklearn

    meta = verify(model_dir)
    trained = meta.get("versions", {}).get("scikit-learn")
    if trained != sklearn.__version__ and not allow_version_mismatch:
        raise ModelError(f"{model_dir}: trained with scikit-learn {trained}, this is "
                         f"{sklearn.__version__}; retrain it, or allow the mismatch explicitly "
                         "(--allow-version-mismatch) at your own risk")
    return joblib.load(Path(model_dir) / MODEL_FILE), meta


SAFE_FILE = "model.skops"
# scikit-learn's own calibration internals, which skops does not list by default; reviewed:
# plain data holders (a fitted sigmoid's a_ and b_, a fold splitter's settings).
SAFE_EXTRA_TYPES = ("sklearn.calibration._CalibratedClassifier", "sklearn.calibration._SigmoidCalibration",
                    "sklearn.model_selection._split.StratifiedKFold")


def export_skops(model_dir) -> dict:
    """Write model.skops beside model.joblib: a format that loads without running code, with
    only skops' default types (scikit-learn, numpy, scipy) and SAFE_EXTRA_TYPES trusted. Its
    SHA-256 goes into model.json."""
    import skops.io as sio

    model_dir = Path(model_dir)
    pipeline, meta = load(model_dir)
    fd, tmp = tempfile.mkstemp(prefix=".model.skops.", dir=model_dir)
    os.close(fd)
    try:
        sio.dump(pipeline, tmp)
        untrusted = [t for t in sio.get_untrusted_types(file=tmp) if t not in SAFE_EXTRA_TYPES]
        if untrusted:
            raise ModelError(f"{model_dir}: the pipeline holds types skops does not trust by default: {untrusted}")
        info = {"sha256": sha256(tmp), "bytes": os.path.getsize(tmp)}
        os.replace(tmp, model_dir / SAFE_FILE)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    meta["exports"] = {**meta.get("exports", {}), "skops": info}
    fd, tmp_meta = tempfile.mkstemp(prefix=".model.json.", dir=model_dir)
    os.close(fd)
    write_json(tmp_meta, meta)
    os.replace(tmp_meta, model_dir / META_FILE)
    return info


def load_safe(model_dir):
    """(pipeline, meta) from model.skops, trusting only skops' default types and the named
    scikit-learn calibration types above: no code runs."""
    import skops.io as sio

    model_dir = Path(model_dir)
    meta = read_meta(model_dir)
    path = model_dir / SAFE_FILE
    expected = meta.get("exports", {}).get("skops", {}).get("sha256")
    if not path.is_file() or expected is None:
        raise ModelError(f"{path}: no safe export here (run `classifier export {model_dir}`)")
    if sha256(path) != expected:
        raise ModelError(f"{path}: SHA-256 does not match model.json; not loaded")
    return sio.load(path, trusted=list(SAFE_EXTRA_TYPES)), meta
