"""Quotes: direct, split, multi-paragraph, partial and indirect, with speakers, on our own paragraphs."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsledger.model import Entity, Quote, Span
from newsledger.stages.entities import build_entities
from newsledger.stages.parse import load_model
from newsledger.stages.quotes import find_quoted, find_quotes


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


def quotes_of(nlp: Language, text: str) -> tuple[list[Quote], dict[str, str]]:
    doc = nlp(text)
    entities = build_entities(doc)
    return find_quotes(doc, entities), {e.id: e.name for e in entities}


def test_quotation_marks_pair_up_across_paragraphs() -> None:
    text = '“First part of it.\n\n“Second part,” she said.\n\nHe said "a straight one" too.'
    found = [text[m.start : m.end] for m in find_quoted(text)]
    assert found == ["First part of it.\n\n“Second part,", "a straight one"]
    assert find_quoted("An unclosed “mark here.\n\nNext paragraph.") == []


def test_direct_quote_with_pronoun_speaker(nlp: Language) -> None:
    text = (
        "Army spokesman Colonel Samuel Okafor said the convoy had been ambushed near the border.\n\n"
        "“We lost contact with the trucks at dawn,” he told reporters."
    )
    quotes, names = quotes_of(nlp, text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 1
    assert direct[0].text.startswith("We lost contact with the trucks at dawn")
    assert text[direct[0].start : direct[0].end] == direct[0].text
    assert names[direct[0].speaker.entity] == "Samuel Okafor"
    assert direct[0].cue == "told" and direct[0].channel == "reporters"


def test_split_quote_keeps_its_speaker(nlp: Language) -> None:
    text = "“The talks are over,” Foreign Minister Helen Brandt said. “We will not return until the shelling stops.”"
    quotes, names = quotes_of(nlp, text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert [q.text[:12] for q in direct] == ["The talks ar", "We will not "]
    assert {names.get(q.speaker.entity or "") for q in direct} == {"Helen Brandt"}


def test_partial_and_indirect_quotes(nlp: Language) -> None:
    text = "Prime Minister Jonas Berg said on Friday that the blockade was “a serious provocation” by the navy."
    quotes, names = quotes_of(nlp, text)
    kinds = {q.kind: q for q in quotes}
    assert kinds["partial"].text == "a serious provocation"
    assert kinds["indirect"].text.startswith("the blockade was")
    assert names[kinds["indirect"].speaker.entity] == "Jonas Berg"


def test_according_to_an_anonymous_official(nlp: Language) -> None:
    text = "The ministers met for three hours, according to a diplomat who was not authorized to speak publicly."
    quotes, _ = quotes_of(nlp, text)
    (quote,) = quotes
    assert quote.kind == "indirect" and quote.speaker.entity is None
    assert quote.speaker.name and quote.speaker.name.startswith("a diplomat who was not authorized")
    assert quote.text.startswith("The ministers met for three hours")


def test_it_said_resolves_to_the_organisation(nlp: Language) -> None:
    text = (
        "The Defense Ministry of Norway said a patrol aircraft had been tracked over the sea. "
        "It said the aircraft “left the area without incident.”"
    )
    quotes, names = quotes_of(nlp, text)
    partial = next(q for q in quotes if q.kind in ("partial", "direct"))
    assert "Ministry" in names[partial.speaker.entity]


def test_statement_after_a_colon_without_quotation_marks(nlp: Language) -> None:
    text = "The Foreign Ministry of Chile wrote on its website: the ambassador will return to Lima next week."
    quotes, names = quotes_of(nlp, text)
    (quote,) = quotes
    assert quote.text == "the ambassador will return to Lima next week"
    assert quote.cue == "wrote" and "Ministry" in names[quote.speaker.entity]


def test_scorer_joins_the_fragments_of_one_statement() -> None:
    from newsledger.evaluation.quotes import scored_quotes
    from newsledger.model import Span, Speaker

    text = "“We will win,” he said. “They will lose.”\n\n“Again,” he said then."
    said = Span(start=15, end=19)

    def quote(start: int, end: int, cue: Span) -> Quote:
        return Quote(id="q", text=text[start:end], start=start, end=end, kind="direct", speaker=Speaker(), cue_span=cue)

    second = text.index("They")
    scored = scored_quotes(text, [quote(1, 12, said), quote(second, second + 14, said), quote(44, 49, said)])
    assert [(q.start, q.end) for q in scored] == [(1, second + 14), (44, 49)]
    other = Span(start=text.index("said then"), end=text.index("said then") + 4)
    assert len(scored_quotes(text, [quote(1, 12, said), quote(second, second + 14, other)])) == 2


def test_doubled_apostrophes_are_quotation_marks() -> None:
    text = "''We will walk away,'' he said. It's Trump's ''good'' plan.\n\n''Unclosed one."
    assert [text[m.start : m.end] for m in find_quoted(text)] == ["We will walk away,", "good"]


def test_cue_set_into_the_statement_gives_two_fragments(nlp: Language) -> None:
    text = "The new museum, Mayor Lena Ortiz said on Monday, will open its doors to every school in the city."
    quotes, names = quotes_of(nlp, text)
    assert [q.text for q in quotes] == ["The new museum", "will open its doors to every school in the city"]
    assert {q.cue for q in quotes} == {"said"}
    assert {names.get(q.speaker.entity or "") for q in quotes} == {"Lena Ortiz"}


def test_nominal_content_of_attribution_verbs(nlp: Language) -> None:
    text = "Senator Mara Quist called for a full inquiry into the contracts. She criticized the agency for its delays."
    quotes, names = quotes_of(nlp, text)
    assert [q.text for q in quotes] == ["a full inquiry into the contracts", "the agency for its delays"]
    assert [q.cue for q in quotes] == ["called", "criticized"]
    assert all(names.get(q.speaker.entity or "") == "Mara Quist" for q in quotes)


def test_source_is_the_whole_noun_phrase(nlp: Language) -> None:
    text = (
        "“The budget is balanced,” said Tomas Reyes, an economist at the Valley Policy Institute. "
        "A spokesman, who declined to be named, said the talks had stalled."
    )
    quotes, names = quotes_of(nlp, text)
    first, second = quotes
    assert first.speaker.mention and first.speaker.mention.text == (
        "Tomas Reyes, an economist at the Valley Policy Institute"
    )
    assert names[first.speaker.entity] == "Tomas Reyes"
    assert second.text == "the talks had stalled"
    assert second.speaker.mention and second.speaker.mention.text == "A spokesman, who declined to be named"


def test_passive_report_has_no_speaker(nlp: Language) -> None:
    text = "Officials from Peru met on Monday. It was reported that the ambassador would resign within a week."
    quotes, _ = quotes_of(nlp, text)
    (quote,) = quotes
    assert quote.text == "the ambassador would resign within a week"
    assert quote.cue == "reported" and quote.speaker.entity is None and quote.speaker.name is None


def test_quote_signed_with_a_dash(nlp: Language) -> None:
    text = "Readers wrote to us.\n\n“The debate changed my mind about the election.” ― Maria Lopez\n\nMore letters."
    quotes, _ = quotes_of(nlp, text)
    (quote,) = quotes
    assert quote.text == "The debate changed my mind about the election."
    assert quote.cue == "―" and quote.speaker.name and "Lopez" in quote.speaker.name


def test_headline_label_and_transcript_turns(nlp: Language) -> None:
    text = (
        "Sanders: Clinton needs to focus on wages\n\n"
        "MOSCOW: The talks began on Monday.\n\n"
        "WALLACE: Governor, will you answer the question?\n\n"
        "PENCE: Well, look, the question is a fair one."
    )
    quotes, _ = quotes_of(nlp, text)
    found = {q.speaker.mention.text: q.text for q in quotes if q.speaker.mention}
    assert found == {
        "Sanders": "Clinton needs to focus on wages",
        "WALLACE": "Governor, will you answer the question?",
        "PENCE": "Well, look, the question is a fair one.",
    }


def test_reported_clause_with_a_partial_quote_is_kept(nlp: Language) -> None:
    text = "Chief Ana Ruiz said that the video did not give “absolute definitive visual evidence” of a weapon."
    quotes, _ = quotes_of(nlp, text)
    indirect = next(q for q in quotes if q.kind == "indirect")
    assert indirect.text == "the video did not give “absolute definitive visual evidence” of a weapon"
    assert indirect.speaker.name and "Ana Ruiz" in indirect.speaker.name


def test_a_statement_stays_in_its_paragraph(nlp: Language) -> None:
    text = "According to federal statistics, about 9.9 million mothers live in the state\n''Next line,'' he added"
    quotes, _ = quotes_of(nlp, text)
    according = next(q for q in quotes if q.cue == "According")
    assert according.text == "about 9.9 million mothers live in the state"
    assert "\n" not in according.text and all("\n" not in q.text for q in quotes)


def test_cue_after_a_question_and_after_a_colon_paragraph(nlp: Language) -> None:
    text = (
        "Senator Ruth Vale spoke first. “Why is this bank still allowed to grow?” Senator Omar Diaz demanded.\n\n"
        "The Daily Ledger reports:\n\n“The union has asked for a new vote on the contract.”"
    )
    quotes, _ = quotes_of(nlp, text)
    question = next(q for q in quotes if q.text.startswith("Why is this bank"))
    assert question.cue == "demanded" and question.speaker.name and "Diaz" in question.speaker.name
    union = next(q for q in quotes if q.text.startswith("The union has asked"))
    assert union.cue == "reports" and union.speaker.mention and union.speaker.mention.text == "The Daily Ledger"


def test_speaker_accuracy_counts_only_named_sources() -> None:
    from newsledger.evaluation.quotes import Attribution, _Tally, tally
    from newsledger.model import Speaker

    text = "“We will win,” the mayor said. “We will lose,” Mayor Ann Cole said."
    second = text.index("We will lose")
    gold = [
        Attribution(content=(0, 14), source=(16, 25), cue=(26, 30), source_text="the mayor"),
        Attribution(content=(second - 1, second + 14), source=None, cue=None, source_text="Mayor Ann Cole"),
    ]
    quotes = [
        Quote(id="a", text="We will win", start=1, end=12, kind="direct", speaker=Speaker(name="Ann Cole")),
        Quote(
            id="b", text="We will lose", start=second, end=second + 12, kind="direct", speaker=Speaker(name="Ann Cole")
        ),
    ]
    assert tally(text, quotes, gold, _Tally()) == (1, 1)  # "the mayor" names no one: not checked


def test_reported_clause_ends_before_the_writers_additions(nlp: Language) -> None:
    text = (
        "Mayor Jon Hale said the bridge would reopen in May, which surprised the council. "
        "Governor Ada Park said the budget was balanced and suggested that taxes would fall. "
        "“I think we can win,” Senator Bo Lind said."
    )
    quotes, _ = quotes_of(nlp, text)
    texts = [q.text for q in quotes]
    assert "the bridge would reopen in May" in texts
    assert "the budget was balanced" in texts and "taxes would fall" in texts
    # "I think" inside the quotation is the senator's own words, not a second attribution.
    assert [q.cue for q in quotes if q.text.startswith("I think") or q.text.startswith("we can")] == ["said"]


def test_curly_quote_closed_by_a_straight_mark() -> None:
    text = '“We will win,” she said. “And we will not stop here."\n\nNext.'
    assert [text[m.start : m.end] for m in find_quoted(text)] == ["We will win,", "And we will not stop here."]


def test_stance_adjective_and_trailing_phrase_of_the_object(nlp: Language) -> None:
    text = (
        "Senator Mara Quist is convinced that the contracts were rigged. "
        "Dr. Ivo Marsh wrote a memoir of his years at the United Nations."
    )
    quotes, _ = quotes_of(nlp, text)
    by_cue = {q.cue: q.text for q in quotes}
    assert by_cue["convinced"] == "the contracts were rigged"
    assert by_cue["wrote"] == "a memoir of his years at the United Nations"


def test_a_dateline_is_neither_source_nor_statement(nlp: Language) -> None:
    text = "MOSCOW: Russia would regard the deployment as an intervention, the Foreign Ministry of Russia said."
    quotes, _ = quotes_of(nlp, text)
    (quote,) = quotes
    assert quote.text == "Russia would regard the deployment as an intervention"
    assert quote.cue == "said" and quote.speaker.mention and "Foreign Ministry" in quote.speaker.mention.text


def test_statement_named_by_a_noun(nlp: Language) -> None:
    text = "Governor Tom Bell's claim that the election was rigged angered the voters of Ohio."
    quotes, names = quotes_of(nlp, text)
    claim = next(q for q in quotes if q.cue == "claim")
    assert claim.text == "the election was rigged"
    assert claim.speaker.mention and claim.speaker.mention.text == "Governor Tom Bell"
    assert names.get(claim.speaker.entity or "") == "Tom Bell"


def test_pronoun_speakers_look_back_never_ahead(nlp: Language) -> None:
    # The chief's direct quote is found first; "she" before it must still go back to the mayor.
    text = (
        "Mayor Clara Voss toured the flooded streets on Tuesday, a week after what she said was a slow response "
        "by the council. She said that the city is “ready to rebuild quickly” and urged the state to help.\n\n"
        "Fire Chief Tomas Lindqvist, who leads the rescue teams, was praised by residents. "
        "“The worst is over,” he told local radio."
    )
    quotes, names = quotes_of(nlp, text)
    speaker = {q.text: names.get(q.speaker.entity or "") for q in quotes}
    # "what she said was X": X is what was said.
    assert speaker["a slow response by the council"] == "Clara Voss"
    assert speaker["the city is “ready to rebuild quickly"] == "Clara Voss"
    assert speaker["ready to rebuild quickly"] == "Clara Voss"
    assert speaker["the state to help"] == "Clara Voss"  # "and urged" shares the subject of "said"
    assert speaker["The worst is over"] == "Tomas Lindqvist"


def test_what_was_said_as_the_subject_of_was(nlp: Language) -> None:
    text = "What the council said was that the pumps had failed."
    quotes, _ = quotes_of(nlp, text)
    (quote,) = quotes
    assert quote.text == "the pumps had failed" and quote.cue == "said"


def test_a_statement_speaks_for_its_owner(nlp: Language) -> None:
    text = (
        "The Civil Aviation Authority said on Monday that flights would resume. The authority's statement, one of "
        "several it said were issued to airlines, also praised the ground crews and said the runway was safe."
    )
    quotes, names = quotes_of(nlp, text)
    safe = next(q for q in quotes if q.text == "the runway was safe")
    praised = next(q for q in quotes if q.cue == "praised")
    for quote in (safe, praised):
        # The head noun phrase, not the apposition with its own relative clause ("one of several it said ...").
        assert quote.speaker.mention and quote.speaker.mention.text == "The authority's statement"
        assert names.get(quote.speaker.entity or "") == "Civil Aviation Authority"


def test_comparisons_and_bare_names_are_not_statements(nlp: Language) -> None:
    text = (
        "Senator Ruth Vale's remarks echoed statements from the governor. "
        "The airline said the flight was cancelled, citing Captain Maria Olsen. "
        "The board now faces a choice: whether to accept the offer or reject it and risk a strike."
    )
    quotes, _ = quotes_of(nlp, text)
    assert [q.text for q in quotes] == ["the flight was cancelled"]


def test_the_cue_that_governs_a_partial_quote(nlp: Language) -> None:
    text = "Governor Ada Park said Monday that “the budget is final” as lawmakers urged her to negotiate."
    quotes, names = quotes_of(nlp, text)
    partial = next(q for q in quotes if q.kind == "partial")
    assert partial.cue == "said" and names.get(partial.speaker.entity or "") == "Ada Park"
    # The speaker's words end at the closing mark; the "as" clause after it is the writer's.
    indirect = next(q for q in quotes if q.kind == "indirect")
    assert indirect.text == "the budget is final"


def test_a_verb_of_saying_before_the_mark_opens_a_whole_quote(nlp: Language) -> None:
    text = "Director Omar Haddad resigned on Friday, saying “I have done my part and it is time to go.”"
    quotes, names = quotes_of(nlp, text)
    (quote,) = quotes
    assert quote.kind == "direct" and quote.cue == "saying"
    assert names.get(quote.speaker.entity or "") == "Omar Haddad"


def test_a_claim_named_by_its_claimants_adjective(nlp: Language) -> None:
    text = "The talks coincided with a Chilean claim that its navy had seized the vessel."
    quotes, _ = quotes_of(nlp, text)
    (quote,) = quotes
    assert quote.text == "its navy had seized the vessel"
    assert quote.speaker.mention and quote.speaker.mention.text == "Chilean"


def test_a_participle_after_the_cue_is_a_cue_of_its_own(nlp: Language) -> None:
    text = (
        "Senator Mara Quist criticized the agency on Monday for what she said were its broken promises, "
        "accusing officials of hiding the reports."
    )
    quotes, names = quotes_of(nlp, text)
    by_cue = {q.cue: q.text for q in quotes}
    # The criticism holds "what she said was X", which is found too.
    assert by_cue["criticized"].startswith("the agency") and by_cue["said"] == "its broken promises"
    assert by_cue["accusing"].endswith("hiding the reports")
    assert all(names.get(q.speaker.entity or "") == "Mara Quist" for q in quotes)


def test_a_quote_inside_a_sentence_takes_no_cue_from_the_next(nlp: Language) -> None:
    text = (
        "Minister Elsa Tamm also raised security, saying there are “links” between smuggling and "
        "“armed networks that cross the border.” He cited fraud as a major concern, too."
    )
    quotes, _ = quotes_of(nlp, text)
    networks = next(q for q in quotes if q.text.startswith("armed networks"))
    assert networks.cue == "saying"


def test_a_surname_the_recogniser_missed_names_the_person(nlp: Language) -> None:
    text = (
        "Trade Minister Petra Lindqvist met the unions on Monday. "
        "Lindqvist, in her closing remarks, said the tariffs would be lifted. She added that talks would resume."
    )
    doc = nlp(text)
    person = Entity(id="E1", name="Petra Lindqvist", type="PERSON", mentions=[Span(start=15, end=30)])
    quotes = find_quotes(doc, [person])  # as if only the full name had been recognised
    assert [q.speaker.entity for q in quotes] == ["E1", "E1"]
    assert quotes[0].speaker.mention and quotes[0].speaker.mention.text.startswith("Lindqvist")
