"""Sentence records as people and programs read them: a terminal table, JSONL, CSV,
Markdown, or one self-contained HTML page."""

from __future__ import annotations

import csv
import html
import json
import re
from collections import Counter

from classifier.labels import DEFINITIONS, REPORT_ORDER

COLOURS = {"claim": "#fde68a", "denial": "#fca5a5", "diplomatic_statement": "#93c5fd", "background": "#e5e7eb"}
FIELDS = ("id", "sentence", "start", "end", "label", "confidence", "text")


def _conf(r) -> str:
    return "" if r.get("confidence") is None else f"{r['confidence']:.2f}"


def jsonl(records, out) -> None:
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")


def csv_rows(records, out) -> None:
    records = list(records)
    fields = list(FIELDS) + [k for k in (records[0] if records else {}) if k not in FIELDS]
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for r in records:
        writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in r.items()})


def markdown(records, out, threshold: float = 0.0) -> None:
    out.write("| id | # | label | confidence | sentence |\n|---|---|---|---|---|\n")
    for r in records:
        text = r["text"].replace("|", "\\|").replace("\n", " ")
        low = " (low)" if r.get("confidence") is not None and r["confidence"] < threshold else ""
        out.write(f"| {r['id']} | {r['sentence']} | {r['label']}{low} | {_conf(r)} | {text} |\n")


def table(records, threshold: float = 0.0) -> None:
    from rich.console import Console
    from rich.table import Table

    styles = {"claim": "yellow", "denial": "red", "diplomatic_statement": "blue", "background": "dim"}
    t = Table("id", "#", "label", "conf", "sentence")
    for r in records:
        low = r.get("confidence") is not None and r["confidence"] < threshold
        label = f"[{styles[r['label']]}]{r['label']}[/]" + (" ?" if low else "")
        t.add_row(str(r["id"]), str(r["sentence"]), label, _conf(r), html.unescape(r["text"]))
    Console().print(t)


# --- who said it -------------------------------------------------------------------------

_VERBS = (r"said|says|denied|denies|rejected|rejects|dismissed|accused|accuses|alleged|claimed|"
          r"told|added|insisted|warned|urged|called|charged|stated|announced|reported")
_NAME = r"(?:[A-Z][\w.'’-]*|of|the|for|and)(?: (?:[A-Z][\w.'’-]*|of|the|for|and))*"
_AFTER_QUOTE = re.compile(rf"[,\"”]\s+(?:the |a |an )?((?:{_NAME}|[a-z]+)(?: [a-z]+){{0,2}}) (?:{_VERBS})\b")
_VERB_FIRST = re.compile(rf"\b(?:said|told|added) ((?:the |a )?{_NAME}(?: [a-z]+)?)[.,]")
_SUBJECT = re.compile(rf"^(?:[A-Z]+(?: [A-Z]+)*, [A-Z][a-z]+\.? \d+ [-–—] )?((?:The |A )?{_NAME}(?: [a-z]+)?)"
                      rf"(?:'s? [a-z]+(?: [a-z]+)?)? (?:has |had |have |on \w+ |today |also )?(?:{_VERBS})\b")


def speaker(sentence: str) -> str | None:
    """Who makes the claim or denial, where the sentence names them (best effort)."""
    for pattern in (_SUBJECT, _AFTER_QUOTE, _VERB_FIRST):
        m = pattern.search(sentence)
        if m:
            who = m.group(1).strip()
            if who.lower() not in {"he", "she", "it", "they", "we", "i", "this", "that", "but"}:
                return who
    return None


# --- the page ------------------------------------------------------------------------------

_CSS = """
body{font:16px/1.6 Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-family:system-ui,sans-serif}h2{font-family:system-ui,sans-serif;border-top:1px solid #ccc;padding-top:1rem}
.s{padding:.1rem .15rem;border-radius:.2rem}.s:hover{outline:2px solid #333}
.low{border-bottom:2px dashed #b91c1c}
.legend span{display:inline-block;margin:0 .5rem .3rem 0;padding:.1rem .4rem;border-radius:.2rem;font:14px system-ui,sans-serif}
.summary{font:14px system-ui,sans-serif;background:#f9fafb;border:1px solid #e5e7eb;padding:.5rem 1rem;border-radius:.3rem}
.summary li{margin:.2rem 0}p{margin:.6rem 0}
"""


def _span(r, threshold: float) -> str:
    low = r.get("confidence") is not None and r["confidence"] < threshold
    tip = f"{r['label']} ({_conf(r)})" if r.get("confidence") is not None else r["label"]
    if r.get("why"):
        tip += " because: " + ", ".join(r["why"])
    return (f'<span class="s{" low" if low else ""}" style="background:{COLOURS[r["label"]]}" '
            f'title="{html.escape(tip)}" data-label="{r["label"]}">{html.escape(r["text"])}</span>')


def _article(doc_id: str, text: str, recs: list[dict], threshold: float) -> str:
    counts = Counter(r["label"] for r in recs)
    parts = [f"<section><h2>{html.escape(doc_id)}</h2>", '<div class="summary"><p>'
             + " · ".join(f"{label}: {counts[label]}" for label in REPORT_ORDER) + "</p>"]
    for label in ("denial", "claim"):
        items = [r for r in recs if r["label"] == label]
        if items:
            parts.append(f"<p><b>{label}s</b></p><ul>")
            for r in items:
                who = speaker(r["text"])
                by = f"<b>{html.escape(who)}</b>: " if who else ""
                parts.append(f"<li>{by}{html.escape(r['text'])}</li>")
            parts.append("</ul>")
    parts.append("</div>")
    # the article itself, its paragraphs kept, every sentence highlighted in place
    body, pos = [], 0
    for r in recs:
        gap = text[pos:r["start"]]
        body.append("</p><p>" if "\n\n" in gap or (gap.count("\n") and pos == 0) else " ")
        body.append(_span(r, threshold))
        pos = r["end"]
    parts.append("<p>" + "".join(body) + "</p></section>")
    return "\n".join(parts)


def page(documents: list[dict], records: list[dict], threshold: float, title: str = "Annotated articles") -> str:
    """One self-contained HTML page (inline CSS, no scripts, no external files)."""
    by_doc: dict[str, list[dict]] = {}
    for r in records:
        by_doc.setdefault(r["id"], []).append(r)
    legend = "".join(f'<span style="background:{COLOURS[label]}" title="{html.escape(DEFINITIONS[label])}">'
                     f"{label}</span>" for label in REPORT_ORDER)
    low_note = (f' <span class="low">dashed underline</span>: confidence below {threshold:.2f}.'
                if threshold > 0 else "")
    head = (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}"
            f"</title><style>{_CSS}</style></head><body><h1>{html.escape(title)}</h1>"
            f'<div class="legend">{legend}</div><p class="summary">Hover a sentence for its label and '
            f"confidence.{low_note}</p>")
    articles = [_article(d["id"], d["text"], by_doc.get(d["id"], []), threshold) for d in documents]
    return head + "\n".join(articles) + "</body></html>\n"
