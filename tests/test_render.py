import io
import json
from html.parser import HTMLParser

import pytest

from classifier import render

DOC = {"id": "a.txt", "text": "TOKYO DENIES REPORT\n\nTokyo denied the report. Officials said the ship carried arms."}
RECORDS = [
    {"id": "a.txt", "sentence": 0, "start": 0, "end": 19, "text": "TOKYO DENIES REPORT", "label": "denial", "confidence": 0.9},
    {"id": "a.txt", "sentence": 1, "start": 21, "end": 45, "text": "Tokyo denied the report.", "label": "denial",
     "confidence": 0.8},
    {"id": "a.txt", "sentence": 2, "start": 46, "end": 83, "text": "Officials said the ship carried arms.",
     "label": "claim", "confidence": 0.4},
]


def test_records_slice_the_document():
    assert all(DOC["text"][r["start"]:r["end"]] == r["text"] for r in RECORDS)


def test_jsonl_and_csv_round_trip():
    out = io.StringIO()
    render.jsonl(RECORDS, out)
    assert [json.loads(x) for x in out.getvalue().splitlines()] == RECORDS
    out = io.StringIO()
    render.csv_rows(RECORDS, out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "id,sentence,start,end,label,confidence,text" and len(lines) == 4


def test_markdown_marks_low_confidence():
    out = io.StringIO()
    render.markdown(RECORDS, out, threshold=0.5)
    assert "| claim (low) | 0.40 |" in out.getvalue() and "denial (low)" not in out.getvalue()


class Spans(HTMLParser):
    def __init__(self):
        super().__init__()
        self.spans, self.scripts, self.links = [], 0, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "span" and "data-label" in attrs:
            self.spans.append(attrs)
        self.scripts += tag == "script"
        self.links += tag in ("link", "img") or "src" in attrs


def test_html_page_highlights_every_sentence_and_is_self_contained():
    page = render.page([DOC], RECORDS, threshold=0.5)
    parser = Spans()
    parser.feed(page)
    assert [s["data-label"] for s in parser.spans] == ["denial", "denial", "claim"]
    assert parser.spans[2]["class"] == "s low" and parser.spans[2]["title"] == "claim (0.40)"
    assert parser.scripts == 0 and parser.links == 0
    assert "<b>Officials</b>: Officials said the ship carried arms." in page
    assert "<b>Tokyo</b>: Tokyo denied the report." in page


@pytest.mark.parametrize(
    "sentence, who",
    [
        ("Iran's foreign ministry denied the report on Sunday.", "Iran"),
        ("TOKYO, March 3 - Japan denied breaking the pact.", "Japan"),
        ('"We sent nothing," the spokesman said.', "spokesman"),
        ("The State Department said the ships carried arms.", "The State Department"),
        ("The report is false, said Deputy Minister Ali Reza.", "Deputy Minister Ali Reza"),
        ("He said the ships carried arms.", None),
    ],
)
def test_speaker_is_found_where_the_sentence_names_one(sentence, who):
    assert render.speaker(sentence) == who
