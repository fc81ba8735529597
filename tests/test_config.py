import pytest

from classifier.config import from_dict, load
from classifier.errors import ConfigError

BASE = {"name": "x", "train_data": "t.jsonl", "heldout_data": "h.jsonl"}


def test_paths_are_relative_to_the_config_file(tmp_path):
    (tmp_path / "exp.toml").write_text('name = "x"\ntrain_data = "../t.jsonl"\nheldout_data = "h.jsonl"\n')
    cfg = load(tmp_path / "exp.toml")
    assert cfg.train_data == tmp_path.parent / "t.jsonl" and cfg.seed == 13
    assert cfg.features == {"word": {}} and cfg.model == {"kind": "logreg"}


@pytest.mark.parametrize(
    "change, problem",
    [
        ({"sead": 1}, "unknown key"),
        ({"model": {"kind": "forest"}}, "kind must be one of"),
        ({"features": {"words": {}}}, r"\[features\]"),
        ({"calibration": "platt"}, "calibration must be one of"),
        ({"seed": "13"}, "seed must be an integer"),
    ],
)
def test_bad_config_is_refused(change, problem):
    with pytest.raises(ConfigError, match=problem):
        from_dict({**BASE, **change})


def test_missing_key_and_bad_toml(tmp_path):
    with pytest.raises(ConfigError, match="missing key 'heldout_data'"):
        from_dict({"name": "x", "train_data": "t"})
    (tmp_path / "bad.toml").write_text("name = \n")
    with pytest.raises(ConfigError, match=r"bad\.toml: not valid TOML"):
        load(tmp_path / "bad.toml")
    with pytest.raises(ConfigError, match="no such config file"):
        load(tmp_path / "absent.toml")
