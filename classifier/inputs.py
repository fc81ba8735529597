"""Where articles come from: text and Markdown files, folders, stdin, JSONL of articles and
saved HTML pages. Every source becomes plain documents: {"id", "text", "encoding"}."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from classifier.errors import DataError, UserError
from classifier.text import decode, read_text

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = (".jsonl",)
KNOWN_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + ARTICLE_SUFFIXES
MAX_BYTES = 50 * 2**20  # an article file larger than this is a corpus: `classifier corpus` streams it


def expand(paths: list[str], pattern: str | None = None) -> list[str]:
    """Files named, and files found below folders (recursively, by `pattern` or by suffix)."""
    files = []
    for p in paths:
        path = Path(p)
        if p == "-" or not path.is_dir():
            files.append(p)
            continue
        found = sorted(f for f in path.rglob(pattern or "*") if f.is_file()
                       and (pattern or f.suffix.lower() in KNOWN_SUFFIXES))
        if not found:
            wanted = pattern or ", ".join(KNOWN_SUFFIXES)
            raise UserError(f"{path}: no article files ({wanted}) in this directory")
        files += [str(f) for f in found]
    return files


def html_to_text(html: str, name: str) -> str:
    try:
        import trafilatura
    except ImportError:
        raise UserError(f"{name}: reading HTML needs the 'html' extra: pip install "
                        "'news-sentence-classifier[html]'") from None
    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text or not text.strip():
        raise DataError(f"{name}: no article text found in this HTML page")
    return text


def _articles_jsonl(path: str) -> list[dict]:
    docs = []
    text, encoding = read_text(path)
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise DataError(f"{path}:{n}: not valid JSON ({e.msg})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise DataError(f"{path}:{n}: expected an object with a string field 'text' (and an 'id')")
        docs.append({"id": str(obj.get("id", f"{path}:{n}")), "text": obj["text"], "encoding": encoding})
    if not docs:
        raise DataError(f"{path}: no articles in file")
    return docs


def read(name: str) -> list[dict]:
    """One source -> its documents."""
    if name == "-":
        text, encoding = decode(sys.stdin.buffer.read(), "<stdin>")
        return [{"id": "<stdin>", "text": text, "encoding": encoding}]
    suffix = Path(name).suffix.lower()
    size = Path(name).stat().st_size if Path(name).is_file() else 0
    if size > MAX_BYTES:
        raise DataError(f"{name}: {size / 2**20:,.0f} MiB is more than `annotate` reads at once "
                        f"({MAX_BYTES // 2**20} MiB); stream it with `classifier corpus` (JSONL or Parquet)")
    if suffix in ARTICLE_SUFFIXES:
        return _articles_jsonl(name)
    text, encoding = read_text(name)
    if suffix in HTML_SUFFIXES:
        text = html_to_text(text, name)
    return [{"id": name, "text": text, "encoding": encoding}]
