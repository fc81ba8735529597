import numpy as np
import pytest

from classifier.evaluate import bootstrap, calibration, confusion, scores, worst_errors


def test_scores_from_a_known_confusion_matrix():
    m = np.array([[8, 2], [1, 9]])
    s = scores(m)
    assert s["precision"].tolist() == pytest.approx([8 / 9, 9 / 11])
    assert s["recall"].tolist() == pytest.approx([0.8, 0.9])
    assert s["accuracy"] == pytest.approx(17 / 20)
    f1 = [2 * (8 / 9) * 0.8 / (8 / 9 + 0.8), 2 * (9 / 11) * 0.9 / (9 / 11 + 0.9)]
    assert s["macro_f1"] == pytest.approx(sum(f1) / 2)


def test_confusion_counts_rows_as_truth():
    assert confusion(np.array([0, 0, 1]), np.array([0, 1, 1]), 2).tolist() == [[1, 1], [0, 1]]


def test_bootstrap_interval_brackets_the_estimate_and_is_seeded():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 4, 400)
    pred = np.where(rng.random(400) < 0.7, y, rng.integers(0, 4, 400))
    groups = np.repeat(np.arange(40), 10)
    iv = bootstrap(y, pred, groups, 4, n_boot=300, seed=5)
    point = scores(confusion(y, pred, 4))["macro_f1"]
    assert iv["macro_f1"][0] < point < iv["macro_f1"][1]
    assert iv == bootstrap(y, pred, groups, 4, n_boot=300, seed=5)


def test_bootstrap_over_articles_is_wider_than_over_sentences_when_articles_differ():
    # half the articles are all right, half all wrong: sentence resampling would understate the spread
    y = np.zeros(200, dtype=int)
    pred = np.repeat([0, 1] * 10, 10)
    by_article = bootstrap(y, pred, np.repeat(np.arange(20), 10), 2, n_boot=300)
    by_sentence = bootstrap(y, pred, np.arange(200), 2, n_boot=300)
    width = lambda iv: iv["accuracy"][1] - iv["accuracy"][0]  # noqa: E731
    assert width(by_article) > 2 * width(by_sentence)


def test_calibration_error_is_zero_when_confidence_matches_accuracy():
    correct = np.array([1, 1, 1, 0] * 25, dtype=bool)
    assert calibration(correct, np.full(100, 0.75))["ece"] == pytest.approx(0.0)
    assert calibration(correct, np.full(100, 0.95))["ece"] == pytest.approx(0.2)


def test_worst_errors_come_with_their_context():
    recs = [{"article_id": "a", "sent_idx": i, "text": f"s{i}", "label": "claim"} for i in range(3)]
    errors = worst_errors(recs, ["claim", "denial", "background"], [0.9, 0.6, 0.8])
    assert [e["sent_idx"] for e in errors] == [2, 1]
    assert errors[0]["before"] == "s1" and errors[0]["after"] is None
