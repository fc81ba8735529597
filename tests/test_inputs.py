import json

import pytest

from classifier import inputs
from classifier.errors import DataError, UserError


def test_expand_finds_article_files_recursively(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / "two.md").write_text("x")
    (tmp_path / "skip.png").write_bytes(b"x")
    assert inputs.expand([str(tmp_path)]) == [str(tmp_path / "a" / "one.txt"), str(tmp_path / "two.md")]
    assert inputs.expand([str(tmp_path)], "*.md") == [str(tmp_path / "two.md")]
    (tmp_path / "empty").mkdir()
    with pytest.raises(UserError, match="empty: no article files"):
        inputs.expand([str(tmp_path / "empty")])


def test_jsonl_of_articles(tmp_path):
    path = tmp_path / "arts.jsonl"
    path.write_text(json.dumps({"id": "x1", "text": "One. Two."}) + "\n\n" + json.dumps({"text": "Three."}) + "\n")
    docs = inputs.read(str(path))
    assert [d["id"] for d in docs] == ["x1", f"{path}:3"] and docs[0]["text"] == "One. Two."
    path.write_text('{"id": "x", "body": "no text"}\n')
    with pytest.raises(DataError, match=r"arts\.jsonl:1: .*'text'"):
        inputs.read(str(path))


def test_html_needs_the_extra_or_extracts_text(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><h1>Talks end</h1><p>The envoy left Geneva on Friday. "
                    "Officials said the talks would resume in May after a short break.</p></article></body></html>")
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        with pytest.raises(UserError, match="needs the 'html' extra"):
            inputs.read(str(page))
    else:
        assert "The envoy left Geneva on Friday." in inputs.read(str(page))[0]["text"]


def test_files_too_large_to_annotate_at_once_point_to_the_corpus_command(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_BYTES", 10)
    (tmp_path / "big.txt").write_text("A long article. " * 5)
    with pytest.raises(DataError, match=r"big\.txt: .*classifier corpus"):
        inputs.read(str(tmp_path / "big.txt"))
