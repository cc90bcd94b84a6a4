"""Search snippets: cut around the first match of the query's words, matches marked."""

from kronika.store.snippets import marked, snippet


def test_the_snippet_centres_on_the_first_match_deep_in_a_long_text():
    text = "Filler words about nothing much. " * 2000 + "The Convoy reached the bridge."
    assert "[Convoy]" in marked(text, "convoy")


def test_a_word_inside_a_longer_word_is_not_the_first_match():
    text = "The reconvoyed trucks waited. " * 50 + "Then a convoy left at dawn."
    pieces = snippet(text, "convoy")
    assert ("convoy", True) in pieces
    assert "Then a" in "".join(t for t, _ in pieces)


def test_prefix_queries_mark_the_whole_word():
    assert "[shelling]" in marked("Heavy shelling overnight.", "shell*")


def test_text_whose_length_changes_when_lowered_still_gets_its_snippet():
    text = "İstanbul talks resumed; the ceasefire held."
    assert "[ceasefire]" in marked(text, "ceasefire")
