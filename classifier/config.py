"""Experiment configuration: one TOML file per experiment, read into a frozen dataclass.

Feature and model tables hold keyword arguments of stock scikit-learn classes, so an
experiment says exactly what is built. Data paths are relative to the TOML file.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from classifier.errors import ConfigError

FEATURE_KINDS = ("word", "char", "cues")
MODEL_KINDS = ("logreg", "linearsvc", "complementnb", "sgd", "majority")
CALIBRATION = ("", "sigmoid", "isotonic")


@dataclass(frozen=True)
class Config:
    name: str
    train_data: Path
    heldout_data: Path
    seed: int = 13
    description: str = ""
    features: dict = field(default_factory=lambda: {"word": {}})
    model: dict = field(default_factory=lambda: {"kind": "logreg"})
    calibration: str = ""

    def to_dict(self) -> dict:
        d = asdict(self)
        d["train_data"] = self.train_data.as_posix()
        d["heldout_data"] = self.heldout_data.as_posix()
        return d


def load(path) -> Config:
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from None
    return from_dict(raw, base=path.parent, where=str(path))


def from_dict(raw: dict, base=Path("."), where: str = "config") -> Config:
    known = set(Config.__dataclass_fields__)
    unknown = set(raw) - known
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)} (known: {sorted(known)})")
    for key in ("name", "train_data", "heldout_data"):
        if key not in raw:
            raise ConfigError(f"{where}: missing key '{key}'")
    features = raw.get("features", {"word": {}})
    if not features or not isinstance(features, dict) or set(features) - set(FEATURE_KINDS):
        raise ConfigError(f"{where}: [features] needs tables named from {FEATURE_KINDS}, found {sorted(features)}")
    model = raw.get("model", {"kind": "logreg"})
    if model.get("kind") not in MODEL_KINDS:
        raise ConfigError(f"{where}: [model] kind must be one of {MODEL_KINDS}, found {model.get('kind')!r}")
    if raw.get("calibration", "") not in CALIBRATION:
        raise ConfigError(f"{where}: calibration must be one of {CALIBRATION}, found {raw['calibration']!r}")
    if not isinstance(raw.get("seed", 13), int):
        raise ConfigError(f"{where}: seed must be an integer")
    values = dict(raw, features=features, model=model)
    values["train_data"] = Path(os.path.normpath(Path(base) / raw["train_data"]))
    values["heldout_data"] = Path(os.path.normpath(Path(base) / raw["heldout_data"]))
    return Config(**values)
