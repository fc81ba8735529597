import json

import pytest
from conftest import ARTICLES, records, write_jsonl

from classifier.data import as_records, load, read_records, split_articles
from classifier.errors import DataError
from classifier.labels import LABELS

GOOD = {"article_id": "a1", "sent_idx": 0, "text": "Tokyo denied it.", "label": "denial"}


def write_lines(path, lines):
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "bad, problem",
    [
        (dict(GOOD, label="claims"), "unknown label 'claims'"),
        ({k: v for k, v in GOOD.items() if k != "text"}, "missing field 'text'"),
        (dict(GOOD, text="  "), "empty text"),
        (dict(GOOD, sent_idx="3"), "field 'sent_idx' should be int"),
        (dict(GOOD, hard="yes"), "field 'hard' should be bool"),
        (["not", "an", "object"], "expected a JSON object"),
    ],
)
def test_bad_line_is_named_with_file_and_line(tmp_path, bad, problem):
    path = write_lines(tmp_path / "d.jsonl", [dict(GOOD, sent_idx=5), bad])
    with pytest.raises(DataError, match=rf"d\.jsonl:2: {problem}"):
        read_records(path)


def test_duplicate_sentence_key_is_refused(tmp_path):
    path = write_lines(tmp_path / "d.jsonl", [GOOD, dict(GOOD, text="Again.")])
    with pytest.raises(DataError, match=r"d\.jsonl:2: duplicate .*first on line 1"):
        read_records(path)


def test_invalid_json_missing_and_empty_files(tmp_path):
    (tmp_path / "broken.jsonl").write_text('{"article_id": \n', encoding="utf-8")
    with pytest.raises(DataError, match=r"broken\.jsonl:1: not valid JSON"):
        read_records(tmp_path / "broken.jsonl")
    with pytest.raises(DataError, match="no such file"):
        read_records(tmp_path / "absent.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(DataError, match="no labelled sentences"):
        read_records(tmp_path / "empty.jsonl")
    (tmp_path / "latin.jsonl").write_bytes(b'{"text": "caf\xe9"}\n')
    with pytest.raises(DataError, match="not UTF-8"):
        read_records(tmp_path / "latin.jsonl")


def test_load_gives_a_dataset_with_label_classes(tmp_path):
    recs = records(ARTICLES[:2])
    ds = load(write_jsonl(tmp_path / "d.jsonl", list(reversed(recs))))
    assert ds.features["label"].names == list(LABELS)
    assert len(ds) == len(recs)
    assert as_records(ds)[0] == dict(recs[0], hard=False)  # sorted back into article order


def test_split_keeps_each_article_on_one_side():
    ids = [f"a{i // 5}" for i in range(200)]
    labels = [LABELS[i % 4] for i in range(200)]
    train, test = split_articles(ids, labels, 0.2, seed=1)
    assert sorted(train + test) == list(range(200))
    assert not {ids[i] for i in train} & {ids[i] for i in test}
    assert 0.1 < len(test) / 200 < 0.3
    assert split_articles(ids, labels, 0.2, seed=1) == (train, test)
