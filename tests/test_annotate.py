from classifier import load_model
from classifier.labels import LABELS


def test_annotate_gives_records_whose_offsets_slice_the_original(trained):
    model = load_model(trained)
    text = "TOKYO DENIES REPORT\nTOKYO, May 2 - Tokyo denied breaking the trade pact.  Exports fell 12 pct."
    recs = model.annotate(text)
    assert [r["sentence"] for r in recs] == [0, 1, 2]
    for r in recs:
        assert text[r["start"]:r["end"]] == r["text"]
        assert r["label"] in LABELS and 0 < r["confidence"] <= 1
    assert model.annotate("   ") == []


def test_predict_applies_the_same_normalisation_as_training(trained):
    model = load_model(trained)
    damaged = "Tokyoâ€™s ministry denied breaking the trade pact."
    assert model.predict([damaged]) == model.predict(["Tokyo's ministry denied breaking the trade pact."])
    assert model.predict([]) == []


def test_explain_names_the_words_behind_each_label(trained):
    model = load_model(trained)
    recs = model.annotate("Moscow rejected the report as baseless. The delegation flew to Geneva.", explain=True)
    assert "rejected" in recs[0]["why"] or "baseless" in recs[0]["why"]
    assert all(1 <= len(r["why"]) <= 5 for r in recs)


def test_annotate_documents_numbers_sentences_per_document(trained):
    model = load_model(trained)
    recs = model.annotate_documents([{"id": "a", "text": "One here. Two here."}, {"id": "b", "text": "Three."}])
    assert [(r["id"], r["sentence"]) for r in recs] == [("a", 0), ("a", 1), ("b", 0)]
