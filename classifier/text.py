"""Text as it enters the classifier: repair, normalisation and sentence segmentation.

`normalize` is the one function every path (training, evaluation, annotation, the Python
API) applies to a sentence before the model sees it, so the model never meets text in a
form it was not trained on. `segment` works on the original, unrepaired text so that its
character offsets can be used to highlight sentences in the file the user gave us.
"""

from __future__ import annotations

import re
from pathlib import Path

from classifier.errors import DataError

# --- normalisation ------------------------------------------------------------------

# Lossy mojibake: when UTF-8 quotes pass through cp1252 and lose their last bytes, only
# "â" is left of ’ “ ”. Restore them where the context allows no real word ("pâté",
# "Château", "âge" keep their â).
_LOSSY_APOSTROPHE = re.compile(r"(?<=[A-Za-z])â(?=(?:s|t|re|ll|ve|d|m)\b)")
_LOSSY_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—-]))â(?=[A-Z0-9]|(?!ge\b|me\b|ne\b|pre\b)[a-z])")
_LOSSY_CLOSE = re.compile(r"(?<=[\w.,!?;:])â(?=\s|$|[.,;:!?)\]])")
_LOSSY_DASH = re.compile(r"(?<=\s)â(?=\s)")

_QUOTES = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    }
)
_FTFY_CONFIG = None


def _fix_encoding(text: str) -> str:
    global _FTFY_CONFIG
    if text.isascii():  # nothing to repair; ftfy is the slow step
        return text
    import ftfy

    if _FTFY_CONFIG is None:
        # uncurl_quotes=False: quotes are ours to normalise, after lossy ones are restored.
        _FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, unescape_html=False)
    return ftfy.fix_text(text, _FTFY_CONFIG)


def restore_lossy_quotes(text: str) -> str:
    if "â" not in text:
        return text
    text = _LOSSY_APOSTROPHE.sub("’", text)
    text = _LOSSY_OPEN.sub("“", text)
    text = _LOSSY_CLOSE.sub("”", text)
    return _LOSSY_DASH.sub("—", text)


def normalize(text: str) -> str:
    """Repair encoding damage, then settle quotes and whitespace."""
    text = restore_lossy_quotes(_fix_encoding(text))
    text = text.translate(_QUOTES)
    return " ".join(text.split())


def prepare(texts) -> list[str]:
    return [normalize(t) for t in texts]


# --- segmentation -------------------------------------------------------------------

# Titles always precede a name: never a sentence end.
_TITLES = frozenset(
    "mr mrs ms dr prof gen lt col maj capt cmdr cdr adm sgt cpl pvt gov sen rep rev hon "
    "pres amb sec supt insp fr sr jr st mt ft brig".split()
)
# Abbreviations that can end a sentence: split only before a word that starts sentences.
_ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri "
    "sat sun corp inc co ltd bros no nos vs etc approx dept est fig univ assn ave blvd".split()
)
_STARTERS = frozenset(
    "the a an he she it they we i you this that these those there here his her its their "
    "our my but and or so yet in on at for as by with from to of after before when while "
    "since although though if however meanwhile earlier later last next one two "
    "some many most no not all both each other another such what who why how where".split()
)
_CLOSERS = "\"'”’»)\\]"
_OPENERS = "\"'“‘«([â"
# A candidate end: terminal punctuation, any closing quotes or brackets (including
# mojibake ones), then whitespace. Ellipses never end a sentence here.
_CANDIDATE = re.compile(r"(?<![.…])([.!?]+)((?:[" + _CLOSERS + r"]|â€[™\x9d]?|â)*)(?=\s)")
_WORD_BEFORE = re.compile(r"(?<![A-Za-z.])([A-Za-z][A-Za-z.]*)$")
_NEXT_WORD = re.compile(r"\s+[" + re.escape(_OPENERS) + r"]*(\w+)?")
_PARAGRAPH = re.compile(r"\S(?:.*\S)?(?:\n[ \t\r\f\v]*\S.*)*")
_LINE_END = re.compile(r"[.!?:;,\"'”’»)\]\-–—]$")


def _is_boundary(text: str, match: re.Match, end: int) -> bool:
    after = _NEXT_WORD.match(text, match.end(), end)
    word = after.group(1) if after else None
    if not word or not (word[0].isupper() or word[0].isdigit()):
        return False  # '"Why?" the spokesman asked' goes on
    punct = match.group(1)
    if ".." in punct:
        return False  # an ellipsis leaves the sentence open
    if punct != "." or match.group(2):
        return True
    before = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
    if before is None:
        return True
    token = before.group(1)
    low = token.lower()
    if low in _TITLES:
        return False
    if "." in token or len(token) == 1 or low in _ABBREVIATIONS:  # U.S., p.m., initials, Sept.
        return word.lower() in _STARTERS
    return True


def _lines(text: str, start: int, end: int):
    """Split a paragraph at line breaks that end a headline-like line."""
    pos = start
    while True:
        nl = text.find("\n", pos, end)
        if nl == -1:
            yield start, end
            return
        line = text[pos:nl].rstrip()
        headline_like = line and not _LINE_END.search(line) and (
            start == 0 and pos == 0 or not any(c.islower() for c in line) or line.startswith("By ")
        )
        if headline_like:
            yield start, pos + len(line)
            start = nl + 1
            while start < end and text[start].isspace():
                start += 1
        pos = nl + 1


def segment(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) into `text`: paragraphs, then headline lines, then
    sentence ends that survive the abbreviation rules."""
    spans = []
    first = True
    for para in _PARAGRAPH.finditer(text):
        for start, end in _lines(text, para.start(), para.end()) if first else [para.span()]:
            spans.extend(_split(text, start, end))
        first = False
    return spans


def _split(text: str, start: int, end: int):
    pos = start
    for m in _CANDIDATE.finditer(text, start, end):
        if m.end() <= pos or not _is_boundary(text, m, end):
            continue
        yield pos, m.end()
        pos = m.end()
        while pos < end and text[pos].isspace():
            pos += 1
    if pos < end:
        stop = end
        while stop > pos and text[stop - 1].isspace():
            stop -= 1
        yield pos, stop


# --- reading files ------------------------------------------------------------------


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes of an article -> (text, encoding used). UTF-8 first, then cp1252."""
    if not data.strip():
        raise DataError(f"{name}: file is empty")
    if b"\x00" in data[:8192]:
        raise DataError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def read_text(path) -> tuple[str, str]:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a directory, expected a text file") from None
    except OSError as e:
        raise DataError(f"{path}: cannot read ({e.strerror})") from None
    return decode(data, str(path))
