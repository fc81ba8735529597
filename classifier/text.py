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


def _normalize_once(text: str) -> str:
    text = restore_lossy_quotes(_fix_encoding(text))
    return " ".join(text.translate(_QUOTES).split())


def normalize(text: str) -> str:
    """Repair encoding damage, then settle quotes and whitespace. Repeated until stable (a
    repair can reveal another), so normalising normalised text changes nothing."""
    for _ in range(3):
        fixed = _normalize_once(text)
        if fixed == text:
            break
        text = fixed
    return text


def prepare(texts) -> list[str]:
    return [normalize(t) for t in texts]


# --- segmentation -------------------------------------------------------------------

# Titles precede a name: a sentence ends after one only before a pronoun or article.
_TITLES = frozenset(
    "mr mrs ms dr prof gen lt col maj capt cmdr cdr adm sgt cpl pvt gov sen rep rev hon "
    "pres amb sec supt insp fr sr jr st mt ft brig".split()
)
# Company suffixes and "etc." end a sentence before any capitalised word.
_FINAL_ABBREVIATIONS = frozenset("inc corp ltd co plc llc bros etc".split())
# Months, "No.", "vs." ...: they end a sentence only before a word that starts sentences.
_ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri "
    "sat sun no nos vs approx dept est fig univ assn ave blvd ret".split()
)
_STRONG_STARTERS = frozenset(
    "the an he she it they we you this that these those there his her its their our my "
    "but no".split()
)
_STARTERS = _STRONG_STARTERS | frozenset(
    "here and or so yet in on at for as by with from to of after before when while since "
    "although though if however meanwhile earlier later last next one two some many most "
    "not all both each other another such what who why how where several few every either "
    "neither much more less today yesterday tomorrow now then still also instead thus "
    "analysts critics supporters diplomats witnesses talks terms counting voting fighting".split()
)
_DAYS_MONTHS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december".split()
)
# Words that hardly ever open a sentence: after "U.S." they continue it.
_NOT_AFTER_ACRONYM = frozenset("and or nor not of to for from with by".split())
_CLOSERS = "\"'”’»)\\]"
_OPENERS = "\"'“‘«([â"
# A candidate end: terminal punctuation, any closing quotes or brackets (including
# mojibake ones), then whitespace. Ellipses never end a sentence here.
_CANDIDATE = re.compile(r"(?<![.…])([.!?]+)((?:[" + _CLOSERS + r"]|â€[™\x9d]?|â)*)(?=\s)")
_WORD_BEFORE = re.compile(r"(?<![A-Za-z.])([A-Za-z][A-Za-z.]*)$")
_NEXT_WORD = re.compile(r"\s+[" + re.escape(_OPENERS) + r"]*(\w+)?")
_PARAGRAPH = re.compile(r"\S(?:.*\S)?(?:\n[ \t\r\f\v]*\S.*)*")
_LINE_END = re.compile(r"[.!?:;,\"'”’»)\]\-–—]$")
_DATELINE = re.compile(r"^[A-Z][A-Z.'’ ]{1,30}(?:,[^-–—\n]{0,30})?\s*(?:\([^)]*\)\s*)?[-–—:]\s")
_BRACKETS_ONLY = re.compile(r"^[)\]]+$")


def _is_boundary(text: str, match: re.Match, end: int) -> bool:
    after = _NEXT_WORD.match(text, match.end(), end)
    word = after.group(1) if after else None
    if not word or not (word[0].isupper() or word[0].isdigit()):
        return False  # '"Why?" the spokesman asked' goes on
    punct, closers = match.group(1), match.group(2)
    if ".." in punct:
        return False  # an ellipsis leaves the sentence open
    if punct != "." or closers and not _BRACKETS_ONLY.match(closers):
        return True
    if text[max(0, match.start() - 2):match.start()] == ". ":
        return False  # a spaced ellipsis ". . ."
    before = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
    if before is None:
        return True
    token = before.group(1)
    low = token.lower()
    starter = word.lower()
    if low in _TITLES:
        return starter in _STRONG_STARTERS
    if low in _FINAL_ABBREVIATIONS:
        return True
    if low in ("a.m", "p.m"):  # "at 7 a.m. Federal officials said" ends; "7 a.m. Tuesday" goes on
        return word.lower() not in _DAYS_MONTHS and not (word.isupper() and len(word) > 1)
    if "." in token or len(token) == 1:  # U.S., initials
        if word.isupper() and len(word) > 1 or starter in _NOT_AFTER_ACRONYM:
            return False  # "U.S. TO ESCORT", and old wire copy's "the U.S. And Europe"
        return word[0].isdigit() and len(token) > 1 or starter in _STARTERS
    if low in _ABBREVIATIONS:  # Sept. 12 goes on
        return starter in _STARTERS
    return True


def _is_headline(line: str, next_char: str) -> bool:
    """A line that stands alone: a headline or a byline, with no closing punctuation."""
    if not line or _DATELINE.match(line):
        return False
    if not (next_char.isupper() or next_char.isdigit() or next_char in _OPENERS):
        return False
    if not any(c.islower() for c in line):
        return True  # an all-caps line stands alone, even ending in "U.S."
    if _LINE_END.search(line):
        return False
    if line.startswith("By "):
        return True
    words = [w for w in line.split() if w[0].isalpha()]
    return sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _lines(text: str, start: int, end: int):
    """Split a paragraph after its headline-like lines."""
    pos = start
    while True:
        nl = text.find("\n", pos, end)
        if nl == -1:
            yield start, end
            return
        line = text[pos:nl].strip()
        rest = text[nl + 1:end].lstrip()
        if _is_headline(line, rest[:1]):
            yield start, pos + len(text[pos:nl].rstrip())
            start = end - len(rest)
        pos = nl + 1


def segment(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) into `text`: paragraphs, then headline lines, then
    sentence ends that survive the abbreviation rules."""
    spans = []
    for para in _PARAGRAPH.finditer(text):
        for start, end in _lines(text, para.start(), para.end()):
            spans.extend(_split(text, start, end))
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
