"""Amounts: money, percentages and counts with units, on our own sentences, with exact offsets."""

from __future__ import annotations

import json
import re
from pathlib import Path
from time import perf_counter

import pytest

from newsledger.model import Amount, Article
from newsledger.pipeline import Pipeline, Work
from newsledger.stages.amounts import AmountStage, find_amounts

VOA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "voa" / "voa_stories.jsonl"


def triples(text: str) -> list[tuple[str, float | None, str | None]]:
    """(text, value, unit) of every amount, after checking each span against the text."""
    found = find_amounts(text)
    for amount in found:
        assert text[amount.start : amount.end] == amount.text
    return [(a.text, a.value, a.unit) for a in found]


def only(text: str) -> tuple[str, float | None, str | None]:
    found = triples(text)
    assert len(found) == 1, found
    return found[0]


# --- money -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The port deal is worth $3.85 billion over ten years.", ("$3.85 billion", 3.85e9, "USD")),
        ("Lenders pledged US$12m to the relief fund.", ("US$12m", 12e6, "USD")),
        ("The bloc set aside €100 million for demining.", ("€100 million", 1e8, "EUR")),
        ("London promised £2.5bn in loans.", ("£2.5bn", 2.5e9, "GBP")),
        ("The grant totals 100 million euros.", ("100 million euros", 1e8, "EUR")),
        ("Donors raised 12 million dollars in a week.", ("12 million dollars", 12e6, "USD")),
        ("Each family received $500,000 in compensation.", ("$500,000", 5e5, "USD")),
        ("Moscow plans to spend 1.2 trillion rubles on defense.", ("1.2 trillion rubles", 1.2e12, "RUB")),
        ("Kyiv allotted 40 billion hryvnias to housing.", ("40 billion hryvnias", 4e10, "UAH")),
        ("The fine was 3 million shekels.", ("3 million shekels", 3e6, "ILS")),
        ("Beijing lent 800 million yuan to the port authority.", ("800 million yuan", 8e8, "CNY")),
        ("Tokyo pledged 5 billion yen in aid.", ("5 billion yen", 5e9, "JPY")),
        ("The state paid 20 crore, or 200 million rupees, to farmers.", ("200 million rupees", 2e8, "INR")),
        ("Islamabad owes 9 billion Pakistani rupees.", ("9 billion Pakistani rupees", 9e9, "PKR")),
        ("Ottawa sent C$50 million in equipment.", ("C$50 million", 5e7, "CAD")),
        ("Canberra added A$7.5 million for training.", ("A$7.5 million", 7.5e6, "AUD")),
        ("The tycoon posted bail of HK$1 million.", ("HK$1 million", 1e6, "HKD")),
        ("The bonds raised 2 billion Canadian dollars.", ("2 billion Canadian dollars", 2e9, "CAD")),
        ("The fund holds 4 million pounds sterling.", ("4 million pounds sterling", 4e6, "GBP")),
        ("Cairo printed 6 billion Egyptian pounds.", ("6 billion Egyptian pounds", 6e9, "EGP")),
        ("Thailand expects 26 billion baht in revenue.", ("26 billion baht", 2.6e10, "THB")),
        ("Tickets cost ₹500 each.", ("₹500", 500.0, "INR")),
        ("The yard won a ¥500 billion order.", ("¥500 billion", 5e11, "JPY")),
        ("Paris owes 45 million euros to the contractor.", ("45 million euros", 45e6, "EUR")),
        ("The loan is USD 40 million.", ("USD 40 million", 4e7, "USD")),
        ("Import duties reached 5 million EUR.", ("5 million EUR", 5e6, "EUR")),
        ("A ticket costs $15.", ("$15", 15.0, "USD")),
        ("The startup raised $10k from friends.", ("$10k", 1e4, "USD")),
        ("The budget is $1.2tn this year.", ("$1.2tn", 1.2e12, "USD")),
        ("Seoul spent 3 trillion won on subsidies.", ("3 trillion won", 3e12, "KRW")),
        ("Nearly a billion dollars went missing.", ("a billion dollars", 1e9, "USD")),
        ("Half a million dollars was seized.", ("Half a million dollars", 5e5, "USD")),
    ],
)
def test_money(sentence: str, expected: tuple[str, float, str]) -> None:
    text, value, unit = only(sentence)
    assert (text, unit) == (expected[0], expected[2])
    assert value == pytest.approx(expected[1])


def test_money_without_a_number_has_no_value() -> None:
    assert triples("Smugglers moved billions of dollars through the bank.") == [("billions of dollars", None, "USD")]
    assert triples("Repairs will cost hundreds of millions of euros.") == [
        ("hundreds of millions of euros", None, "EUR")
    ]


def test_currency_named_after_a_sign_belongs_to_the_amount() -> None:
    assert triples("Revenue hit $2 billion Singapore dollars ($1.5 billion) last year.") == [
        ("$2 billion Singapore dollars", 2e9, "SGD"),
        ("$1.5 billion", 1.5e9, "USD"),
    ]
    assert only("The fine was $5 million US dollars.") == ("$5 million US dollars", 5e6, "USD")
    assert only("Tickets cost $20 USD at the gate.") == ("$20 USD", 20.0, "USD")
    # A different currency after the sign is a separate amount, not a new name for this one.
    assert triples("It cost $5 million, or 4 million euros.") == [
        ("$5 million", 5e6, "USD"),
        ("4 million euros", 4e6, "EUR"),
    ]


def test_pounds_alone_are_weight_not_money() -> None:
    assert only("Police found 500 pounds of explosives.") == ("500 pounds", 500.0, "pounds")


def test_money_ranges() -> None:
    assert triples("Rebuilding will cost $5-10 billion.") == [("$5-10 billion", 5e9, "USD")]
    assert triples("Estimates run from $6 billion to $8 billion.") == [
        ("$6 billion", 6e9, "USD"),
        ("$8 billion", 8e9, "USD"),
    ]
    assert triples("The deal is worth between $1 million and $2 million.") == [
        ("between $1 million and $2 million", 1e6, "USD")
    ]
    assert triples("It costs $30 to $40 billion a year.") == [("$30 to $40 billion", 3e10, "USD")]


def test_money_offsets() -> None:
    text = "Officials said the Kenyan navy bought two patrol boats for €48.5 million last spring."
    [amount, money] = find_amounts(text)
    assert amount == Amount(text="two patrol boats", start=38, end=54, value=2.0, unit="patrol boats")
    assert money == Amount(text="€48.5 million", start=59, end=72, value=48.5e6, unit="EUR")


# --- percentages -------------------------------------------------------------------------------------------------


def test_percentages() -> None:
    text = "Turnout fell to 40%, from 52 percent, while 12.5 per cent spoiled ballots and sixty percent stayed home."
    assert triples(text) == [
        ("40%", 40.0, "percent"),
        ("52 percent", 52.0, "percent"),
        ("12.5 per cent", 12.5, "percent"),
        ("sixty percent", 60.0, "percent"),
    ]
    assert triples("Support dropped 3 percentage points.") == [("3 percentage points", 3.0, "percentage points")]


def test_percentage_ranges() -> None:
    assert triples("Prices rose 30-40% in the capital.") == [("30-40%", 30.0, "percent")]
    assert triples("Prices rose 30% to 40% in the capital.") == [("30% to 40%", 30.0, "percent")]
    assert triples("Between 20 and 25 percent of the wheat was lost.") == [
        ("Between 20 and 25 percent", 20.0, "percent")
    ]
    # "from X to Y" is a change, not a range: only the end point carries a unit.
    assert triples("Inflation went from 9 to 14 percent.") == [("14 percent", 14.0, "percent")]


# --- counts ------------------------------------------------------------------------------------------------------


def test_counts_with_digits() -> None:
    text = "Flooding displaced about 5,000 people and cut off 12 villages; more than 90,000 people fled."
    assert triples(text) == [
        ("5,000 people", 5000.0, "people"),
        ("12 villages", 12.0, "villages"),
        ("90,000 people", 90000.0, "people"),
    ]


def test_qualifier_is_outside_the_span() -> None:
    text = "At least 14 sailors drowned."
    [amount] = find_amounts(text)
    assert (amount.text, amount.start, amount.end) == ("14 sailors", 9, 19)


def test_counts_with_scale_and_modifiers() -> None:
    assert only("The port shipped 1,000 metric tons of maize.") == ("1,000 metric tons", 1000.0, "metric tons")
    assert only("Nearly 1.5 million refugees crossed the border.") == ("1.5 million refugees", 1.5e6, "refugees")
    assert only("The ministers of 27 EU member states met.") == ("27 EU member states", 27.0, "eu member states")
    # "more", "other", "additional" stay in the span but not in the unit.
    assert only("The general sent 3,000 more troops north.") == ("3,000 more troops", 3000.0, "troops")
    assert only("Seven other people were hurt.") == ("Seven other people", 7.0, "people")
    assert only("Officers seized 275 kilos of cocaine.") == ("275 kilos", 275.0, "kilos")
    assert only("The flight covered 1,200 kilometers.") == ("1,200 kilometers", 1200.0, "kilometers")


def test_counts_with_number_words() -> None:
    text = "Three soldiers and two people in a truck were hit; twenty-five others escaped."
    assert triples(text) == [
        ("Three soldiers", 3.0, "soldiers"),
        ("two people", 2.0, "people"),
        ("twenty-five others", 25.0, "others"),
    ]
    assert only("Rescuers pulled one person from the rubble.") == ("one person", 1.0, "person")
    assert only("A dozen drones were shot down.") == ("A dozen drones", 12.0, "drones")
    assert only("Two dozen countries signed.") == ("Two dozen countries", 24.0, "countries")
    assert only("Two hundred prisoners escaped.") == ("Two hundred prisoners", 200.0, "prisoners")
    assert only("The camp holds half a million refugees.") == ("half a million refugees", 5e5, "refugees")
    assert only("Twelve countries voted against.") == ("Twelve countries", 12.0, "countries")


def test_vague_counts_have_no_value() -> None:
    assert triples("Hundreds of people marched, and tens of thousands of residents lost power.") == [
        ("Hundreds of people", None, "people"),
        ("tens of thousands of residents", None, "residents"),
    ]
    assert only("Dozens of fishermen were detained.") == ("Dozens of fishermen", None, "fishermen")


def test_count_ranges_are_one_amount() -> None:
    text = "The group has between 1,500 and 3,000 fighters in the hills."
    [amount] = find_amounts(text)
    assert amount == Amount(text="between 1,500 and 3,000 fighters", start=14, end=46, value=1500.0, unit="fighters")
    assert only("Some 150 to 200 people gathered.") == ("150 to 200 people", 150.0, "people")
    assert only("Two or three boats capsized.") == ("Two or three boats", 2.0, "boats")
    assert only("She could order from five or six restaurants.") == ("five or six restaurants", 5.0, "restaurants")
    assert only("The storm left 5 to 10 million people without power.") == (
        "5 to 10 million people",
        5e6,
        "people",
    )
    assert only("Police detained 20-30 protesters.") == ("20-30 protesters", 20.0, "protesters")


def test_what_may_stand_between_number_and_noun() -> None:
    assert only("Police arrested seven additional IS members.") == ("seven additional IS members", 7.0, "is members")
    assert only("The agency ran 11,654 intelligence-based operations.") == (
        "11,654 intelligence-based operations",
        11654.0,
        "intelligence-based operations",
    )
    assert only("The survey covered 79 surveyed countries.") == ("79 surveyed countries", 79.0, "surveyed countries")
    assert only("Divers found 14 missing fishermen.") == ("14 missing fishermen", 14.0, "missing fishermen")
    assert only("At least 20 dead were counted.") == ("20 dead", 20.0, "dead")
    assert only("The bloc's 27 countries agreed.") == ("27 countries", 27.0, "countries")
    assert only("Shares in the three major U.S. stock indexes fell.") == (
        "three major U.S. stock indexes",
        3.0,
        "major u.s. stock indexes",
    )
    # A verb or an adverb after the number is not part of a unit.
    assert triples("Later the two discussed trade issues.") == []
    assert triples("The shelter took in 173 mostly women.") == []
    assert triples("Of those, five serving prison sentences were freed.") == []


def test_numbers_after_days_and_months() -> None:
    assert only("Officials said Tuesday 12 people were killed.") == ("12 people", 12.0, "people")
    assert only("In May 2,000 people marched.") == ("2,000 people", 2000.0, "people")
    assert only("On March 13, 2025, 100 people died.") == ("100 people", 100.0, "people")
    assert triples("Jan. 6 rioters and the March 13-14 talks.") == []


def test_more_scales_and_word_ranges() -> None:
    assert only("Delhi allotted Rs 500 crore for roads.") == ("Rs 500 crore", 5e9, "INR")
    assert only("Officials said several hundred troops moved in.") == ("several hundred troops", None, "troops")
    assert only("Between two and three hundred people waited.") == (
        "Between two and three hundred people",
        200.0,
        "people",
    )
    assert only("Some five to six thousand troops remain.") == ("five to six thousand troops", 5000.0, "troops")
    assert only("The plan costs $5 to 10 billion.") == ("$5 to 10 billion", 5e9, "USD")
    assert triples("They cut aid by $5 million to 10 countries.") == [
        ("$5 million", 5e6, "USD"),
        ("10 countries", 10.0, "countries"),
    ]
    assert only("Salaries start at $20,000-a-year.") == ("$20,000", 2e4, "USD")
    assert only("There was a 40-percent rise.") == ("40-percent", 40.0, "percent")


# --- what is not an amount ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The war began in 2022 and the talks failed.",
        "Sanctions in force since 2014 were widened in 2022.",
        "The firm holds ISO 9001 certification; its region code is UA-43.",
        "The 2024 elections were postponed.",
        "The attack came on March 13 and the talks resumed 13 March 2025.",
        "The convoy left on March 13 people said.",
        "The sirens sounded at 8:14 PM and again at 10 p.m. local time.",
        "He ranked 3rd, behind the 21st and 2nd seeds.",
        "The siege lasted seven months, then a 30-day truce and three more days of talks.",
        "Talks ran for 48 hours over two weeks and nine years.",
        "Call the hotline at 555-0142 or +1 202 555 0199.",
        "Su-34 bombers and F-16 jets flew past S-400 batteries.",
        "The two F-16s landed.",
        "Resolution 2231 calls for restraint; Article 5 applies.",
        "COVID-19 cases rose while G7 ministers met over 5G networks.",
        "A 12-year-old boy and a 5,000-strong force were seen.",
        "Prices tripled, rising three times in a year.",
        "No one was hurt, one of the guards said.",
        "The vote was 13-0, with 2 abstentions recorded as 0.",
        "Boeing 737 jets were grounded.",
        "The ship carried 155mm shells and 122-millimeter rockets.",
        "Two thirds of voters and three quarters of the budget.",
        "Chapter 11 filings, Route 66 diners and Flight 17 passengers.",
        "Men aged 18 to 60 and 18- to 60-year-old men stayed; in his 70s.",
        "The 1990s and the 2014 Minsk agreements, dated 12/25/2024.",
        "The talks lasted two to three years, then three more days.",
        "Ministers of the Group of Seven leading democracies met.",
        "One in five teachers is absent, and only 1 in 10 pupils passed.",
    ],
)
def test_not_amounts(sentence: str) -> None:
    assert [t for t, _, _ in triples(sentence)] == EXPECTED_LEFTOVERS.get(sentence, [])


EXPECTED_LEFTOVERS = {
    "The vote was 13-0, with 2 abstentions recorded as 0.": ["2 abstentions"],
}


def test_digits_inside_words_and_attached_letters() -> None:
    assert triples("The 100m sprint and 5k run and the MH17 crash.") == []


# --- the stage ---------------------------------------------------------------------------------------------------


def test_stage_sets_amounts_and_keeps_text() -> None:
    text = "Aid workers counted 4,200 displaced families and $3 million in losses."
    article = Article(id="a1", source="test", text=text)
    stage = AmountStage()
    assert stage.name == "amounts"
    work = Work(article)
    stage([work])
    assert work.article.text is text
    assert [(a.text, a.unit) for a in work.article.amounts] == [
        ("4,200 displaced families", "displaced families"),
        ("$3 million", "USD"),
    ]
    [out] = Pipeline([AmountStage()]).run([Article(id="a2", source="test", text=text)])
    assert len(out.amounts) == 2


# --- real articles -----------------------------------------------------------------------------------------------


def test_voa_stories_spans_match_and_no_years() -> None:
    if not VOA.exists():
        pytest.skip(f"{VOA} is absent")
    texts = [json.loads(line)["text"] for line in VOA.read_text(encoding="utf-8").splitlines() if line.strip()]
    total = 0
    started = perf_counter()
    found = [find_amounts(text) for text in texts]
    elapsed = perf_counter() - started
    for text, amounts in zip(texts, found, strict=True):
        previous_end = -1
        for amount in amounts:
            assert text[amount.start : amount.end] == amount.text
            assert amount.start >= previous_end  # in order, not overlapping
            previous_end = amount.end
            assert not re.fullmatch(r"(?:19|20)\d\d", amount.text)
            money_or_percent = amount.unit in {"percent", "percentage points"} or (
                amount.unit is not None and re.fullmatch(r"[A-Z]{3}", amount.unit)
            )
            if not money_or_percent:  # a count never starts with a lone year
                assert not re.match(r"(?:19|20)\d\d\b(?![,.]\d)", amount.text), amount.text
        total += len(amounts)
    assert total > 200
    assert elapsed / len(texts) < 0.05  # generous: well under a millisecond per article on a normal machine
