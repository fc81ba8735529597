"""Segmentation invariants for any Unicode text, checked with hypothesis."""

from hypothesis import given, settings
from hypothesis import strategies as st

from classifier.text import normalize, segment

# Text that looks like news often enough to reach every rule, plus anything at all.
pieces = st.sampled_from(["Mr. ", "U.S. ", "p.m. ", "The ", "he said. ", '"', "“", "”", "â", "...", "?", "!",
                          ". ", "\n", "\n\n", " ", "2.5 ", "(", ")", "A", "é", "\u202e", "\x00", "\t"])
newsish = st.lists(st.one_of(pieces, st.text(max_size=8)), max_size=40).map("".join)
texts = st.one_of(st.text(), newsish)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_spans_are_ordered_disjoint_and_cover_every_non_space_character(text):
    spans = segment(text)
    covered = [False] * len(text)
    last_end = 0
    for start, end in spans:
        assert last_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        covered[start:end] = [True] * (end - start)
        last_end = end
    assert all(covered[i] or c.isspace() for i, c in enumerate(text))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_normalize_is_idempotent_and_leaves_no_runs_of_space(text):
    once = normalize(text)
    assert normalize(once) == once
    assert "  " not in once and once == once.strip()
