import json

import pytest

# A tiny corpus, written for the tests: each article has one sentence of each label.
ARTICLES = [
    ("Ankara denied sending troops across the border.", "Officials said drones had struck a convoy near the border.",
     "The minister urged both sides to show restraint.", "The talks ended on Tuesday without a statement."),
    ("Moscow rejected the report as baseless.", "Intelligence officials said the ship carried rifles.",
     "The ministers pledged to expand trade and energy ties.", "The delegation flew to Geneva on Monday."),
    ("The embassy dismissed the accusation as slander.", "Investigators said hackers had stolen the files.",
     "The council welcomed the ceasefire agreement.", "The summit is expected to open next week."),
    ("Tokyo denied breaking the trade pact.", "Washington accused the firms of dumping chips.",
     "The two leaders agreed to meet again in spring.", "Exports fell 12 pct in the first quarter."),
    ("The army denied targeting the aid convoy.", "Witnesses said soldiers had fired on the crowd.",
     "The foreign ministry called for calm.", "The border crossing reopened on Friday."),
    ("Beijing rejected the charges as fabrication.", "Analysts suspect the launch was meant to test a warhead.",
     "The envoy praised the progress of the talks.", "The vessel docked at the port on Sunday."),
]
LABEL_ORDER = ("denial", "claim", "diplomatic_statement", "background")


def records(articles, prefix="a"):
    out = []
    for a, sentences in enumerate(articles):
        for i, (text, label) in enumerate(zip(sentences, LABEL_ORDER)):
            out.append({"article_id": f"{prefix}{a}", "sent_idx": i, "text": text, "label": label})
    return out


def write_jsonl(path, recs):
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path):
    """train.jsonl (4 articles), heldout.jsonl (2 articles) and a config that uses them."""
    write_jsonl(tmp_path / "train.jsonl", records(ARTICLES[:4], "t"))
    write_jsonl(tmp_path / "heldout.jsonl", records(ARTICLES[4:], "h"))
    config = tmp_path / "tiny.toml"
    config.write_text(
        'name = "tiny"\nseed = 3\ntrain_data = "train.jsonl"\nheldout_data = "heldout.jsonl"\n'
        "[features.word]\nngram_range = [1, 2]\n[model]\nkind = \"logreg\"\nC = 10.0\n",
        encoding="utf-8",
    )
    return tmp_path


@pytest.fixture
def trained(corpus):
    """A model folder trained on the tiny corpus."""
    from classifier.train import run

    run(corpus / "tiny.toml", corpus / "model", n_boot=50)
    return corpus / "model"
