"""The dates stage: spans and values of temporal expressions, and the TempEval-3 scorer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsledger.model import Article
from newsledger.pipeline import Work
from newsledger.stages.dates import DateStage, find_dates, parse_anchor

TEMPORAL = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "temporal"
ANCHOR = date(2025, 3, 14)  # a Friday


def values(text: str, anchor: date | None = ANCHOR) -> dict[str, str | None]:
    """Mention text -> value, checking every span against the text on the way."""
    mentions = find_dates(text, anchor)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    return {mention.text: mention.value for mention in mentions}


def test_weekday_in_the_past_is_the_most_recent_one() -> None:
    assert values("The envoy landed in Doha on Tuesday and left late Wednesday.") == {
        "Tuesday": "2025-03-11",
        "late Wednesday": "2025-03-12",
    }


def test_weekday_on_the_anchor_day_is_the_anchor() -> None:
    assert values("Customs officers seized the cargo Friday.") == {"Friday": "2025-03-14"}


def test_weekday_in_the_future_is_the_next_one() -> None:
    assert values("The two delegations will meet again on Monday.") == {"Monday": "2025-03-17"}
    assert values("A vote is scheduled for Thursday in the lower house.") == {"Thursday": "2025-03-20"}
    assert values("The summit is to take place on Saturday.") == {"Saturday": "2025-03-15"}
    assert values("Farmers plan another blockade next Friday.") == {"next Friday": "2025-03-21"}
    assert values("Ministers met last Friday.") == {"last Friday": "2025-03-07"}


def test_past_clause_after_a_future_one() -> None:
    text = "The mayor, who will step down soon, said on Monday that the bridge reopened."
    assert values(text) == {"Monday": "2025-03-10"}


def test_month_and_day_take_the_year_of_the_anchor() -> None:
    assert values("The harbour was mined on March 3.") == {"March 3": "2025-03-03"}
    assert values("Relief convoys crossed on Dec. 28.", date(2025, 1, 6)) == {"Dec. 28": "2024-12-28"}
    assert values("Polls open on Jan. 9.", date(2024, 12, 20)) == {"Jan. 9": "2025-01-09"}


def test_full_dates_in_several_formats() -> None:
    text = (
        "The accord signed Mar. 13, 2025 replaced one from 03 February 2026, itself dated 13 March 2025 "
        "in the registry (entry 2025-03-13), and a letter of September 9th, 2021."
    )
    assert values(text) == {
        "Mar. 13, 2025": "2025-03-13",
        "03 February 2026": "2026-02-03",
        "13 March 2025": "2025-03-13",
        "2025-03-13": "2025-03-13",
        "September 9th, 2021": "2021-09-09",
    }


def test_weekday_with_date() -> None:
    assert values("Talks resume Tuesday, April 8, in Oman.") == {"Tuesday, April 8": "2025-04-08"}


def test_month_and_year() -> None:
    assert values("The pipeline has been idle since March 2025 and was damaged in October of 2024.") == {
        "March 2025": "2025-03",
        "October of 2024": "2024-10",
    }


def test_last_august_is_the_most_recent_august() -> None:
    assert values("The ceasefire collapsed last August.") == {"last August": "2024-08"}
    assert values("The ceasefire collapsed last August.", date(2025, 9, 2)) == {"last August": "2025-08"}


def test_modifiers_opening_a_sentence_belong_to_the_span() -> None:
    assert values("Last August, the militia withdrew. Mid-December brought snow.") == {
        "Last August": "2024-08",
        "Mid-December": "2024-12",
    }


def test_bare_month() -> None:
    assert values("Parliament was dissolved in January.") == {"January": "2025-01"}
    assert values("The port was shelled in December.") == {"December": "2024-12"}
    assert values("New elections will be held in December.") == {"December": "2025-12"}
    assert values("Fresh talks are expected in February.") == {"February": "2026-02"}


def test_weeks_are_iso_weeks() -> None:
    assert values("Drones struck the depot earlier this week.") == {"earlier this week": "2025-W11"}
    assert values("Inspectors arrive next week; they left last week.") == {
        "next week": "2025-W12",
        "last week": "2025-W10",
    }
    assert values("This week the road opened.", date(2026, 2, 3)) == {"This week": "2026-W06"}


def test_days_months_and_years_relative_to_the_anchor() -> None:
    text = "Today the rebels withdrew; yesterday they shelled the town, and tomorrow monitors arrive."
    assert values(text) == {"Today": "2025-03-14", "yesterday": "2025-03-13", "tomorrow": "2025-03-15"}
    text = "Exports fell last year, recovered this month after a slump last month, and may rise next year."
    assert values(text) == {"last year": "2024", "this month": "2025-03", "last month": "2025-02", "next year": "2026"}


def test_years_alone() -> None:
    assert values("The border has been closed since 2014, and the mine opened in 2022.") == {
        "2014": "2014",
        "2022": "2022",
    }


def test_ago() -> None:
    assert values("The treaty lapsed three years ago and the mission ended two weeks ago.") == {
        "three years ago": "2022",
        "two weeks ago": "2025-W09",
    }


def test_counted_from_the_date_mentioned_last() -> None:
    text = "The dam burst on Aug. 2, 2019; a day earlier, engineers had warned of cracks; that year it flooded twice."
    assert values(text) == {"Aug. 2, 2019": "2019-08-02", "a day earlier": "2019-08-01", "that year": "2019"}
    assert values("Rebels took the town in 2016. The following year they lost it.") == {
        "2016": "2016",
        "The following year": "2017",
    }


def test_a_period_ahead_is_a_duration() -> None:
    assert values("The blockade will be reviewed over the next year.") == {}


def test_would_is_the_future_of_a_past() -> None:
    assert values("Officials said the ferry would resume service in April.") == {"April": "2025-04"}
    assert values("Officials said the ferry would resume service in February.") == {"February": "2025-02"}
    assert values("The envoy said he would fly to Rome on Monday.") == {"Monday": "2025-03-17"}


def test_past_verb_right_before_the_date() -> None:
    assert values("The talks, which began on March 20, collapsed.") == {"March 20": "2024-03-20"}
    assert values("The cabinet meets on March 20.") == {"March 20": "2025-03-20"}


def test_possessive_weekday_is_the_past_one() -> None:
    assert values("Investigators will study Tuesday's blast.") == {"Tuesday": "2025-03-11"}


def test_holidays_and_spelled_years() -> None:
    assert values("Shelling eased over Christmas; talks resume after New Year's Day.", date(2025, 1, 10)) == {
        "Christmas": "2024-12-25",
        "New Year's Day": "2025-01-01",
    }
    assert values("In nineteen ninety-six the border closed.") == {"nineteen ninety-six": "1996"}


def test_generic_today_is_not_a_date() -> None:
    assert values("Satellites are changing today's world.") == {}


def test_spans_counted_from_an_event_are_not_dates() -> None:
    assert values("The general was arrested a day after the raid.") == {}
    assert values("Three years after the war, the bridge reopened on Monday.") == {"Monday": "2025-03-10"}


def test_a_year_earlier_without_a_date_before_has_no_value() -> None:
    assert values("Imports doubled compared with a year earlier.") == {"a year earlier": None}


def test_no_anchor_leaves_relative_values_empty() -> None:
    assert values("He resigned on Tuesday, on Jan. 9, 2024 and in 2019.", None) == {
        "Tuesday": None,
        "Jan. 9, 2024": "2024-01-09",
        "2019": "2019",
    }


def test_durations_are_not_dates() -> None:
    text = "After seven months of siege and a 30-day truce, the three years of talks ended within 48 hours."
    assert values(text) == {}
    assert values("The mission ran for three years and the embargo for two decades.") == {}


def test_may_and_march_as_words_are_not_dates() -> None:
    text = "Officials may extend the curfew, and students plan a protest march; Theresa May spoke. They March on."
    assert values(text) == {}
    assert values("The vote may come in May.") == {"May": "2025-05"}


def test_numbers_are_not_years() -> None:
    assert values("Some 2000 soldiers and 1500 police officers, plus more than 2024 volunteers.") == {}
    assert values("The death toll rose to 1,987 on Tuesday.") == {"Tuesday": "2025-03-11"}


def test_doc_date_entities_vouch_for_doubtful_years() -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Span

    text = "Auditors recounted some 1994 ballots."
    assert values(text) == {}
    doc = spacy.blank("en")(text)
    doc.ents = [Span(doc, 3, 4, label="DATE")]
    assert doc.ents[0].text == "1994"
    assert [(m.text, m.value) for m in find_dates(text, ANCHOR, doc)] == [("1994", "1994")]


def test_offsets_are_exact() -> None:
    text = "Kyiv — On Thursday, March 13, 2025, the  envoy\narrived; Friday he left."
    mentions = find_dates(text, ANCHOR)
    assert [(m.start, m.end, m.text, m.value) for m in mentions] == [
        (10, 34, "Thursday, March 13, 2025", "2025-03-13"),
        (56, 62, "Friday", "2025-03-14"),
    ]


def test_parse_anchor() -> None:
    assert parse_anchor("2025-03-14 20:30:26Z") == ANCHOR
    assert parse_anchor("2025-03-14T20:30:26+00:00") == ANCHOR
    assert parse_anchor("2025-03-14") == ANCHOR
    assert parse_anchor("Fri, 14 Mar 2025 20:30:26 GMT") == ANCHOR
    assert parse_anchor(None) is None
    assert parse_anchor("") is None


def test_stage_sets_dates_and_keeps_text() -> None:
    text = "Troops withdrew on Wednesday, officials said."
    article = Article(id="a", source="test", published="2025-03-14T08:00:00Z", text=text)
    work = Work(article)
    stage = DateStage()
    assert stage.name == "dates"
    stage([work])
    assert article.text is text
    assert [(d.text, d.value) for d in article.dates] == [("Wednesday", "2025-03-12")]


def test_scorer_smoke() -> None:
    if not TEMPORAL.exists():
        pytest.skip(f"gold data {TEMPORAL} is absent")
    from newsledger.evaluation import temporal

    report = temporal.score(TEMPORAL, 5)
    assert report.rows and report.notes
    assert "value F1" in report.columns
    assert "5 documents" in report.notes[0]
    assert 0.0 <= float(report.rows[0][-1]) <= 1.0
