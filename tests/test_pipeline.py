"""From an article to a sourced record: offsets always index the text as received."""

from kronika.ingest import Item
from kronika.pipeline import analyze, document_id
from kronika.records import FACT_KINDS, Document


def all_spans(doc: Document):
    for entity in doc.entities:
        yield from entity.mentions
    for kind in FACT_KINDS[1:]:
        yield from getattr(doc, kind)


def test_every_fact_indexes_the_text_as_received(nlp, sample_text):
    doc = analyze(Item(name="sample", text=sample_text, published="2024-11-20"), nlp)
    assert doc.text == sample_text
    spans = list(all_spans(doc))
    assert spans
    for span in spans:
        assert doc.text[span.start : span.end] == span.text


def test_the_record_has_the_stable_keys(nlp, sample_text):
    record = analyze(Item(name="s", text=sample_text), nlp).to_dict()
    assert list(record) == [
        "id", "text", "title", "published", "source", "url", "language",
        "repairs", "entities", "quotes", "places", "times", "claims", "events",
        "rejected",  # facts people rejected (kronika.review); empty from the pipeline
    ]  # fmt: skip
    assert record["rejected"] == []
    assert Document.from_dict(record).to_dict() == record


def test_the_id_is_a_hash_of_the_normalised_text():
    assert document_id("Hello  world\n") == document_id("hello world")
    assert document_id("Hello world") != document_id("Hello there")


def test_the_headline_is_the_first_line_when_no_title_is_given(nlp, sample_text):
    doc = analyze(Item(name="s", text=sample_text), nlp)
    assert doc.title == sample_text.splitlines()[0]


def test_seed_offsets_index_the_text_as_received(seed_doc, seed_text):
    assert seed_doc.text == seed_text
    for span in all_spans(seed_doc):
        assert seed_text[span.start : span.end] == span.text
    after_glue = seed_text.index("against which")
    mentions = [m for e in seed_doc.entities for m in e.mentions if m.start > after_glue]
    assert all(seed_text[m.start : m.end] == m.text for m in mentions)
