"""Events: PLOVER type, actors, status and source on our own sentences."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import get_args

import pytest

import newsledger
from conftest import extract_in_subprocess
from newsledger.model import Article, Event, EventType

Read = Callable[[str], Article]  # the `read` fixture of conftest.py: one text through the pipeline


def only(article: Article, event_type: str) -> Event:
    events = [e for e in article.events if e.type == event_type]
    assert events, f"no {event_type} among {[(e.type, e.trigger.text) for e in article.events]}"
    return events[0]


def told_twice(article: Article, event_type: str) -> Event:
    """The article's one event of this type, told in two sentences: one event with one more mention."""
    events = [e for e in article.events if e.type == event_type]
    assert len(events) == 1 and len(events[0].mentions) == 1, [(e.trigger.text, len(e.mentions)) for e in events]
    return events[0]


def test_assault_with_actors_and_codes(read: Read) -> None:
    article = read("Israeli forces shelled the Gaza Strip on Tuesday, killing four civilians.")
    event = only(article, "ASSAULT")
    assert event.actor1.country == "IL" and event.actor1.actor_code == "ISR MIL"
    assert article.text[event.trigger.start : event.trigger.end] == event.trigger.text
    assert event.status == "asserted" and event.source is None
    assert event.date is not None and event.date.value == "2024-06-11"


def test_claimed_event_names_its_source(read: Read) -> None:
    article = read("The Sudanese army said it had recaptured the town of Wad Madani from the Rapid Support Forces.")
    event = only(article, "ASSAULT")
    assert event.status == "claimed"
    source = next(e for e in article.entities if e.id == event.source)
    assert source.country == "SD"


def test_unverified_claim(read: Read) -> None:
    text = "Rebels said they had captured the airport in Goma, a claim that could not be independently verified."
    assert only(read(text), "ASSAULT").status == "unverified"


def test_negated_planned_and_conditional(read: Read) -> None:
    assert only(read("Turkey did not attack the Kurdish fighters near Kobani."), "ASSAULT").status == "negated"
    meeting = only(read("Egyptian President Abdel Fattah el-Sisi will meet Qatar's emir on Friday."), "CONSULT")
    assert meeting.status == "planned"
    text = "Iran would attack Israel if the United States deployed more warships, a commander said."
    assert only(read(text), "ASSAULT").status == "conditional"


def test_verbal_types(read: Read) -> None:
    assert only(read("Poland accused Belarus of pushing migrants across the border."), "ACCUSE").actor2 is not None
    rejected = only(read("Hamas rejected the Israeli proposal for a six-week truce."), "REJECT")
    assert rejected.actor1.actor_code and rejected.actor1.actor_code.endswith("REB")
    assert only(read("The European Union imposed new sanctions on Iran."), "SANCTION").actor2 is not None
    urged = only(read("Germany urged China to press Russia to end the war."), "REQUEST")
    assert urged.actor1.country == "DE"


def test_repeated_reports_become_mentions() -> None:
    text = (
        "Ukrainian troops attacked Russian positions near Bakhmut on Monday.\n\n"
        "Officials in Kyiv confirmed the fighting.\n\n"
        "Ukrainian troops attacked Russian positions again, the army said."
    )
    told_twice(newsledger.read(text).articles[0], "ASSAULT")


def types(article: Article) -> list[str]:
    return [e.type for e in article.events]


def test_protests_from_crowds_and_protest_nouns(read: Read) -> None:
    assert only(read("Thousands of protesters rallied in Minsk on Sunday."), "PROTEST").mode == "demo"
    assert only(read("Workers at the port went on strike on Monday."), "PROTEST").mode == "strike"
    assert "PROTEST" in types(read("Protests erupted in several Colombian cities on Tuesday."))
    assert "PROTEST" in types(read("Thousands of people took to the streets of Kampala."))
    assert "PROTEST" in types(read("Demonstrators staged a sit-in outside the parliament in Yerevan."))
    # One protest, not two: the noun is folded into the verb that carries it.
    marched = read("Hundreds of students marched in a peaceful protest over the shooting.")
    assert types(marched).count("PROTEST") == 1


def test_what_is_not_a_street_protest(read: Read) -> None:
    assert types(read("Stocks rallied on Monday after the Federal Reserve decision.")) == []
    assert "PROTEST" not in types(read("The minister resigned in protest."))
    assert "PROTEST" not in types(read("This is a demonstration of our commitment to the alliance."))
    # A state's protest is a diplomatic complaint.
    lodged = read("Serbia lodged an official protest with Albania on Tuesday.")
    assert "ACCUSE" in types(lodged) and "PROTEST" not in types(lodged)


def test_crowd_violence_is_a_riot(read: Read) -> None:
    article = read("Protesters hurled rocks at police outside the parliament in Beirut.")
    assert only(article, "PROTEST").mode == "riot" and "ASSAULT" not in types(article)
    assert only(read("Police used tear gas and water cannon against the crowd."), "ASSAULT").mode == "crowd-control"
    assert only(read("Gunmen opened fire on a bus near Peshawar."), "ASSAULT").mode == "firearms"


def test_hazards_and_figures_of_speech_are_not_attacks(read: Read) -> None:
    assert types(read("A strong earthquake killed eight people on the Indonesian island of Java.")) == []
    assert "ASSAULT" not in types(read("Four people were injured when a gas tank exploded at the plant in Ohio."))
    assert "ASSAULT" in types(read("Four people were killed when a bomb exploded at a market in Mogadishu."))
    assert "ASSAULT" not in types(read("A drone captured footage of the flooding in Pakistan."))
    assert "ASSAULT" not in types(read("With treatment, the senator regained control over his health."))
    assert "ASSAULT" in types(read("Al-Shabab militants took control of the town of Bulo Burde."))
    assert "ASSAULT" not in types(read("North Korea is preparing to launch a long-range missile, officials said."))


def test_lexical_negation_and_modality(read: Read) -> None:
    assert only(read("Israel and Hamas failed to reach an agreement in Cairo."), "AGREE").status == "negated"
    assert only(read("Hamas refused to release the hostages."), "RETREAT").status == "negated"
    assert only(read("The teachers' union called off the strike in Nairobi."), "PROTEST").status == "negated"
    assert only(read("Police foiled an attack on the embassy in Nairobi."), "ASSAULT").status == "negated"
    assert only(read("No one was killed in the attack on the convoy, the army said."), "ASSAULT").status == "negated"
    denied = only(read("Russia denied attacking the convoy near Kharkiv."), "ASSAULT")
    assert denied.status == "disputed" and denied.source is None  # the denier does not claim it
    assert only(read("Turkey plans to deploy troops to Libya."), "MOBILIZE").status == "planned"
    assert only(read("Unions called for a general strike in Athens on Friday."), "PROTEST").status == "planned"


def test_actors_are_never_dates_relatives_or_bare_numbers(read: Read) -> None:
    visit = only(
        read("The Chinese foreign minister arrived in Berlin on Monday for talks with German officials."), "CONSULT"
    )
    assert visit.actor2 is not None and visit.actor2.text == "German officials"  # not "Monday"
    assert visit.date is not None and visit.date.value == "2024-06-10"
    accepted = only(read("Israel rejected a truce plan that Hamas had accepted."), "AGREE")
    assert accepted.actor2 is not None and accepted.actor2.text.endswith("truce plan")  # the antecedent of "that"
    praised = only(read("One of the officials praised the agreement with Kenya."), "SUPPORT")
    assert praised.actor1.text.lower() != "one"
    talks = only(read("Egypt has led efforts to hold talks between Israel and Hamas in Cairo."), "CONSULT")
    assert talks.actor1.country == "EG"  # who makes the efforts, not "efforts"


def test_aid_goes_to_its_recipient(read: Read) -> None:
    lifted = only(read("Washington lifted its suspension of economic aid to Niger."), "AID")
    assert lifted.actor2 is not None and lifted.actor2.country == "NE"
    sent = only(read("Japan sent medicine and tents to Turkey."), "AID")
    assert sent.actor2 is not None and sent.actor2.country == "TR"


def test_a_threat_is_one_event_with_its_target(read: Read) -> None:
    article = read("The European Union threatened to hit Belarus with new sanctions.")
    assert types(article) == ["THREATEN"]
    assert article.events[0].actor2 is not None and article.events[0].actor2.country == "BY"
    article = read("Iran has made threats to attack Israel if the strikes continue.")
    assert types(article) == ["THREATEN"]
    threat = article.events[0]
    assert threat.actor1.country == "IR" and threat.actor2 is not None and threat.actor2.country == "IL"
    assert threat.mode == "violence" and threat.status == "asserted"  # the threat was made


def test_naming_targets_is_a_threat(read: Read) -> None:
    treat = only(read("Iran said it would treat any foreign warships in the strait as legitimate targets."), "THREATEN")
    assert treat.actor1.country == "IR" and treat.mode == "violence"
    text = "Any Western troops sent to Moldova will become legitimate targets for the Russian army, the ministry said."
    become = only(read(text), "THREATEN")
    assert become.actor1.country == "RU" and become.actor2 is not None and "troops" in become.actor2.text


def test_meetings_named_by_who_they_are_with(read: Read) -> None:
    call = only(read("Scholz spoke to reporters on Friday, a day after his phone call with Modi."), "CONSULT")
    assert call.mode == "phone" and call.actor1.country == "DE" and call.actor2 is not None
    assert call.actor2.country == "IN"
    assert "CONSULT" not in types(read("The talk of war worried investors in London."))
    text = (
        "Qatar has led efforts to broker a deal and a meeting with Israeli and Palestinian negotiators "
        "is to take place next week in Cairo."
    )
    article = read(text)
    meeting = only(article, "CONSULT")
    assert meeting.status == "planned" and meeting.date is not None and meeting.date.value == "2024-W25"
    place = next(p for p in article.places if p.id == meeting.place)
    assert place.name == "Cairo"


def test_verb_mistagged_as_noun(read: Read) -> None:
    rejected = only(read("Seoul rejects Japanese demands for compensation over the dispute."), "REJECT")
    assert rejected.actor1.country == "KR" and rejected.actor2 is not None and rejected.actor2.country == "JP"


def test_unnamed_envoy_is_the_titled_person(read: Read) -> None:
    text = (
        "An envoy of the Chinese president arrived in Kyiv on Tuesday. "
        "China's special envoy Li Hui met Ukrainian officials."
    )
    article = read(text)
    visit = next(e for e in article.events if e.trigger.text == "arrived")
    envoy = next(e for e in article.entities if e.id == visit.actor1.entity)
    assert envoy.name == "Li Hui"


def test_a_state_statement_repeated_by_its_army_is_one_event() -> None:
    text = (
        "Russia would treat any foreign troops in Moldova as legitimate targets, the ministry said on Monday.\n\n"
        "The ministry said foreign troops would become legitimate targets for the Russian Armed Forces."
    )
    threats = [e for e in newsledger.read(text).articles[0].events if e.type == "THREATEN"]
    assert len(threats) == 1 and len(threats[0].mentions) == 1


def test_victims_and_agents_of_participles(read: Read) -> None:
    # "four others wounded" shares the passive of "were killed": the four are victims, not attackers
    article = read("Three soldiers were killed and four others wounded in an ambush near Gao, the army said.")
    # (one ambush: the killing and the wounding are one event, and neither side is the attacker)
    ambush = only(article, "ASSAULT")
    assert ambush.actor1.text == "" and ambush.actor2 is not None and ambush.actor2.text == "Three soldiers"
    # a count the recogniser takes for a date is still the victims: the rebels stay the attackers
    wounding = only(read("The rebels attacked the base in Idlib, killing 12 soldiers and wounding 80."), "ASSAULT")
    assert wounding.actor1.text == "The rebels"
    # "villagers massacred by the militia": the militia did it
    text = "Investigators found the bodies of dozens of villagers massacred by the Janjaweed militia in Darfur."
    massacre = only(read(text), "ASSAULT")
    assert "Janjaweed" in massacre.actor1.text and massacre.actor2 is not None
    assert only(read("Two journalists were arrested in Minsk and some are still detained."), "COERCE")


def test_not_events(read: Read) -> None:
    assert "ACCUSE" not in types(
        read("Many of the Kurdish fighters complained of breathing problems after the attack.")
    )
    assert "ASSAULT" not in types(
        read("Firefighters in Oregon have gained ground in their battle to contain the fires.")
    )
    assert "ASSAULT" in types(read("Islamic State militants had gained ground inside the western part of Ramadi."))
    assert "REQUEST" not in types(read("The Taliban insurgents, who seek to infiltrate the valley, were pushed back."))
    assert "CONSULT" not in types(read("Dozens of militants arrived on motorcycles and opened fire in Maiduguri."))


def test_threat_target_is_someone_not_the_means(read: Read) -> None:
    threat = only(read("The Taliban threatened to use force against the protesters in Herat."), "THREATEN")
    assert threat.actor2 is not None and threat.actor2.text != "force" and threat.mode == "violence"
    tariffs = only(read("Trump threatened to hit Mexico with bigger tariffs."), "THREATEN")
    assert tariffs.actor2 is not None and tariffs.actor2.country == "MX" and tariffs.mode is None


def test_place_names_before_owners(read: Read) -> None:
    article = read("Russian troops captured parts of Ukraine's Kharkiv region on Friday.")
    captured = only(article, "ASSAULT")
    region = next(e for e in article.entities if e.id == captured.actor2.entity) if captured.actor2 else None
    assert region is not None and "Kharkiv" in region.name


def test_owner_of_a_claimant_and_named_places(read: Read) -> None:
    article = read(
        "The Sudanese army said its troops had recaptured the town of Wad Madani from the Rapid Support Forces."
    )
    event = only(article, "ASSAULT")
    assert event.actor1.country == "SD" and event.actor1.actor_code == "SDN MIL"  # "its troops": the army's
    town = next(e for e in article.entities if event.actor2 and e.id == event.actor2.entity)
    assert "Wad Madani" in town.name


def test_the_event_lexicon_is_data_users_extend_and_typos_are_refused(tmp_path: Path) -> None:
    from newsledger.lexicon import _event_rows  # the reader, without the cache

    bundled = (files("newsledger") / "data" / "event_lexicon.tsv").read_text(encoding="utf-8")
    rows = list(_event_rows(bundled, "event_lexicon.tsv"))
    assert {code[0] for _, _, _, code in rows} == set(get_args(EventType))  # every PLOVER type has words
    with pytest.raises(ValueError, match="row 2: 'ASSALT' is not a PLOVER event type"):
        list(_event_rows("kind\tlemma\tobject\ttype\tmode\nverb\tsnub\t\tASSALT\t\n", "mine.tsv"))

    mine = tmp_path / "mine.tsv"
    mine.write_text("kind\tlemma\tobject\ttype\tmode\nverb\tsnub\t\tREJECT\t\n", encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("Moscow snub\n\nThe Russian government snubbed Ukraine's peace envoy on Monday in Moscow.\n")

    def types(env: dict[str, str]) -> list[str]:
        return [event["type"] for event in extract_in_subprocess(story, env)["articles"][0]["events"]]

    assert "REJECT" not in types({})
    assert "REJECT" in types({"NEWSLEDGER_EVENT_LEXICON": str(mine)})


ONE_SENTENCE_PER_TYPE = [
    ("AGREE", "The two governments signed a trade agreement in Nairobi on Tuesday."),
    ("CONSULT", "The Chilean foreign minister met his Argentine counterpart in Santiago on Monday."),
    ("SUPPORT", "The African Union praised Ethiopia's decision to hold elections."),
    ("CONCEDE", "The military government lifted the nationwide curfew after a week of calm."),
    ("COOPERATE", "Colombian and Ecuadorian police cooperated to dismantle a smuggling network."),
    ("AID", "Japan donated 50 tons of rice to flood victims in Bangladesh."),
    ("RETREAT", "Armenian troops withdrew from three border villages on Friday."),
    ("REQUEST", "The United Nations urged both sides to open humanitarian corridors."),
    ("ACCUSE", "Serbia accused Kosovo of provoking the violence in the north."),
    ("REJECT", "The opposition rejected the government's offer of early elections."),
    ("THREATEN", "Turkey threatened to expel the Dutch ambassador over the remarks."),
    ("PROTEST", "Thousands of students protested against tuition fees in Santiago on Thursday."),
    ("SANCTION", "The European Union imposed sanctions on Belarusian officials on Monday."),
    ("MOBILIZE", "Venezuela deployed troops to its border with Guyana on Sunday."),
    ("COERCE", "Police arrested twelve opposition activists in Minsk on Saturday."),
    ("ASSAULT", "Rebels attacked an army base near Goma, killing five soldiers."),
]


@pytest.mark.parametrize(("event_type", "sentence"), ONE_SENTENCE_PER_TYPE, ids=[t for t, _ in ONE_SENTENCE_PER_TYPE])
def test_each_plover_type_is_coded_from_a_plain_sentence(read: Read, event_type: str, sentence: str) -> None:
    article = read(sentence)
    assert event_type in [event.type for event in article.events], [(e.type, e.trigger.text) for e in article.events]


def test_one_happening_told_with_several_verbs_is_one_event(read: Read) -> None:
    article = read(
        "Gunmen stormed a hotel in Kismayo on Monday and killed four guards. "
        "The attackers also blew up a car outside the building."
    )
    told_twice(article, "ASSAULT")
    # two attacks told apart by their parties and places stay two
    apart = read("Rebels shelled Aleppo on Monday. Government troops bombed villages near Idlib on Tuesday.")
    assert len([e for e in apart.events if e.type == "ASSAULT"]) == 2


def test_status_of_speech_acts_background_and_hedges(read: Read) -> None:
    # the quote's own act is attested by the report
    urged = only(read('"We urge Ruritania to free the hostages," Minister Anna Blum told reporters.'), "REQUEST")
    assert urged.status == "asserted"
    # background under a reporting verb is taken as known; what is said is claimed
    text = "Activists say the men who stayed in the camp after police arrested 30 others in March are at risk."
    assert only(read(text), "COERCE").status == "asserted"
    assert only(read("The rebels said they captured the town of Kidal."), "ASSAULT").status == "claimed"
    # hedging words in the report's own voice
    assert only(read("Gunmen reportedly killed three soldiers near Gao."), "ASSAULT").status == "claimed"
    assert only(read("The militia is said to have attacked a convoy near Gao."), "ASSAULT").status == "claimed"
    assert only(read("Police detained two men over the alleged attack on a bus."), "COERCE").status == "asserted"


def test_date_from_the_clause_else_the_article_with_its_precision(read: Read) -> None:
    dated = only(read("Rebels attacked an army post near Gao on Monday."), "ASSAULT")
    assert dated.date is not None and dated.date.value == "2024-06-10" and dated.date.precision == "day"
    month = only(read("Police arrested the mayor of Oskarville in March 2023."), "COERCE")
    assert month.date is not None and (month.date.value, month.date.precision) == ("2023-03", "month")
    bare = only(read("Police arrested the mayor of Oskarville."), "COERCE")
    assert bare.date is not None and (bare.date.value, bare.date.precision) == ("2024-06-12", "article")


def test_a_reported_statement_takes_the_date_of_its_saying_and_a_reported_attack_does_not(read: Read) -> None:
    text = (
        '"Belgravia expects its neighbour to close the border to the militias," the army of Norland said in a '
        "statement Monday, repeating its demand."
    )
    demand = only(read(text), "REQUEST")
    assert demand.date is not None and (demand.date.value, demand.date.precision) == ("2024-06-10", "day")
    rejected = only(read("Kenya said on Monday that it rejected the proposal of Ethiopia."), "REJECT")
    assert rejected.date is not None and rejected.date.value == "2024-06-10"
    # an attack told in the statement happened at a time the statement does not give
    attack = only(read("The minister said on Monday that soldiers attacked a village near Gao."), "ASSAULT")
    assert attack.date is not None and attack.date.precision == "article"


def test_place_from_clause_sentence_dateline_or_article() -> None:
    from newsledger.pipeline import default_pipeline

    pipeline = default_pipeline()

    def run(text: str, headline: str | None = None, dateline: str | None = None) -> Article:
        article = Article(id="t", source="test", text=text, headline=headline, dateline=dateline)
        return next(iter(pipeline.run([article])))

    clause = only(run("Gunmen killed four guards in Mogadishu."), "ASSAULT")
    assert clause.place_source == "clause"
    # the dateline's place, when the places layer has it (the story names it too)
    text = "Police arrested six students. The university in Nairobi closed its gates."
    dateline = only(run(text, dateline="NAIROBI, Kenya"), "COERCE")
    assert dateline.place_source == "dateline" and dateline.place is not None
    story = run(
        "Fighting in Kismayo left dozens dead, residents of Kismayo said. Later, soldiers killed two men.",
        headline="Dozens dead in Kismayo clashes",
    )
    later = [e for e in story.events if e.trigger.text == "killed"]
    assert later and later[0].place is not None and later[0].place_source in ("article", "sentence")
    # a demonym's country only when nothing else places the event; a named place first
    unplaced = run("Eritrean troops shelled a camp for displaced people on Monday, killing 12 civilians.")
    tied = only(unplaced, "ASSAULT")
    (eritrea,) = unplaced.places
    assert (tied.place, tied.place_source) == (eritrea.id, "associative") and eritrea.country == "ER"
    named = run("Eritrean troops shelled a camp near Mekelle on Monday, killing 12 civilians.")
    event = only(named, "ASSAULT")
    where = next(p for p in named.places if p.id == event.place)
    assert where.name == "Mekelle" and event.place_source in ("clause", "sentence")


def test_a_described_party_takes_the_country_of_the_story(read: Read) -> None:
    article = read(
        "Kenya's parliament met in Nairobi on Monday. Later, security forces arrested 20 protesters in Nairobi."
    )
    arrest = only(article, "COERCE")
    assert arrest.actor1.country == "KE" and (arrest.actor1.actor_code or "").startswith("KEN")
    assert arrest.actor2 is not None and arrest.actor2.country == "KE"
    # a party the text names keeps its own country
    named = only(read("Kenyan police arrested two Ugandan journalists in Nairobi."), "COERCE")
    assert named.actor1.country == "KE"


def test_events_named_by_nouns_with_their_party(read: Read) -> None:
    assert only(read("Police in Oskarville confirmed the arrest of five people."), "COERCE")
    assert only(read("The minister pledged unwavering support for Ukraine."), "SUPPORT")
    assert only(read("Talks in Doha ended on Friday."), "CONSULT")
    assert only(read("Canada announced tariffs on steel from the United States."), "SANCTION")
    assert only(read("Israeli strikes on Gaza killed 12 people."), "ASSAULT")
    # a modifier is no event: "arrest warrant"
    assert "COERCE" not in types(read("The judge signed an arrest warrant for the banker."))


def test_word_sense_from_the_object_and_frame(read: Read) -> None:
    rejected = read("The senator dismissed Putin's response as a stalling tactic.")
    assert types(rejected) == ["REJECT"]
    assert only(read("The general was dismissed from his post by the president."), "COERCE")
    assert only(read("The president called on China to release the activists."), "REQUEST")
    assert "REQUEST" not in types(read("The president called the activists traitors."))
    assert only(read("Iran must comply or face further sanctions, the envoy said."), "THREATEN")
    # a verb the lexicon does not list, typed by a CAMEO frame from its prepositional phrase
    assert only(read("The chancellor spoke with Putin by telephone on Thursday."), "CONSULT")


@pytest.mark.parametrize(
    ("sentence", "event_type", "trigger"),
    [
        ("The generals imposed martial law on three provinces of the north on Sunday.", "COERCE", "imposed"),
        ("The finance minister is keeping the new tariffs in place on Brazil and India.", "SANCTION", "keeping"),
        ("Washington said it was doubling the 15% duty on Vietnamese steel.", "SANCTION", "doubling"),
        ("Ottawa exempted the tariffs on farm machinery made in Mexico.", "CONCEDE", "exempted"),
    ],
)
def test_word_sense_of_trade_and_emergency_measures_from_the_object(
    read: Read, sentence: str, event_type: str, trigger: str
) -> None:
    event = only(read(sentence), event_type)
    assert event.trigger.text == trigger


def test_a_war_verb_with_a_measure_for_its_subject_is_no_attack(read: Read) -> None:
    assert "ASSAULT" not in types(read("The minister defended the levies targeting Brazilian coffee and Chilean wine."))
    assert "ASSAULT" not in types(read("Soaring inflation hit farmers across the region last year."))
    assert only(read("Gunmen targeting a police convoy wounded three officers near Peshawar."), "ASSAULT")


def test_asking_a_question_is_no_request(read: Read) -> None:
    assert "REQUEST" not in types(read("A journalist asked the premier whether the border would reopen."))
    assert "REQUEST" not in types(read("Lawmakers asked the general how the drones had crossed the frontier."))
    assert only(read("Kenya asked Uganda to hand over the two suspects."), "REQUEST")


def test_agreeing_with_a_quoted_remark_is_no_agreement(read: Read) -> None:
    assert "AGREE" not in types(read('"The worst is still ahead of us," agreed Amara Diallo, a local elder.'))
    assert only(read("Chad and Sudan agreed to reopen their shared border on Monday."), "AGREE")


def test_an_accusation_made_by_saying_what_the_other_side_did_wrong(read: Read) -> None:
    failing = only(read("Nigeria said Niger was failing to stop the militants crossing the border."), "ACCUSE")
    assert (failing.actor1.country, failing.actor2 and failing.actor2.country) == ("NG", "NE")
    assert failing.status == "asserted"
    behind = only(read("The Colombian minister said Venezuela was behind the pipeline bombing."), "ACCUSE")
    assert behind.actor2 is not None and behind.actor2.country == "VE"
    assert "ACCUSE" not in types(read("The Colombian minister said Venezuela was not behind the bombing."))
    assert "ACCUSE" not in types(read("The mediators said the negotiations failed on Friday."))


def test_an_unnamed_party_of_a_killing_of_protesters_or_of_a_protest(read: Read) -> None:
    killed = only(read("In Guinea, five opposition protesters were killed on Thursday in Conakry."), "ASSAULT")
    assert killed.actor1.country == "GN" and (killed.actor1.actor_code or "").endswith("GOV")
    march = only(read("Protests spread across Bolivia on Sunday."), "PROTEST")
    assert march.actor1.country == "BO" and (march.actor1.actor_code or "").endswith("CVL")


def test_a_statement_between_two_countries_told_again_by_other_names_is_one_event(read: Read) -> None:
    article = read(
        "Canada accused China of spying on its diplomats on Monday. Prime Minister Mark Carney said the spying "
        "was unacceptable. Ottawa also accused Beijing of harassing Canadian citizens abroad."
    )
    accusation = told_twice(article, "ACCUSE")
    assert (accusation.actor1.country, accusation.actor2 and accusation.actor2.country) == ("CA", "CN")


def test_the_partner_of_an_agreement_or_a_request_is_named_by_its_preposition(read: Read) -> None:
    deal = only(read("Uganda signed a trade deal with Rwanda in Kampala."), "AGREE")
    assert deal.actor2 is not None and deal.actor2.country == "RW"
    # the object is named after an organisation, but it is a thing; the partner is who the talks are with
    text = "Canada requested World Trade Organization dispute consultations with Japan over the duties."
    request = only(read(text), "REQUEST")
    assert request.actor1.country == "CA" and request.actor2 is not None and request.actor2.country == "JP"


def test_a_phrasal_verb_takes_its_type_from_its_particle(read: Read) -> None:
    rejected = only(read("Thailand turned the request of Norland down for fear of reprisals."), "REJECT")
    assert rejected.actor1.country == "TH"
    assert only(read("Police rounded up dozens of protesters in Nairobi on Monday."), "COERCE").mode == "arrest"
    # the verb without its particle is no event
    assert not [e for e in read("Thailand turned the page on the dispute with Norland.").events if e.type == "REJECT"]


def test_who_claims_responsibility_for_an_attack_is_its_actor(read: Read) -> None:
    attack = only(
        read("The Norland Liberation Front claimed responsibility for the attack on a convoy near Gao."), "ASSAULT"
    )
    assert "Liberation Front" in attack.actor1.text
    text = "The Norland Liberation Front claimed responsibility for the bombing that killed 12 people in Gao."
    killing = only(read(text), "ASSAULT")
    assert "Liberation Front" in killing.actor1.text


def test_an_office_holder_acts_and_speaks_under_the_article_date(read: Read) -> None:
    # read() dates the article 2024-06-12: Ukraine's president then is Zelensky, Britain's prime minister Sunak
    article = read(
        "The Ukrainian president met Britain's prime minister in London on Tuesday. "
        '"We will not give up," the Ukrainian president said.'
    )
    names = {e.id: e.name for e in article.entities}
    meeting = only(article, "CONSULT")
    assert names.get(meeting.actor1.entity or "") == "Volodymyr Zelensky"
    assert meeting.actor1.country == "UA" and names.get(meeting.actor2.entity or "") == "Rishi Sunak"
    quote = next(q for q in article.quotes if "give up" in q.text)
    assert names.get(quote.speaker.entity or "") == "Volodymyr Zelensky"


def test_a_letter_name_after_a_preposition_ends_its_sentence(read: Read) -> None:
    # "on X." is the platform, not a middle initial: the attack after it is its own sentence, with its own day
    article = read(
        "The ministry rejected the claims in a statement posted on X. Gunmen attacked a bus Monday near Kandahar, "
        "killing four people. Ambassador John F. Kennedy Jr. did not comment."
    )
    attack = only(article, "ASSAULT")
    assert article.text[attack.sentence.start : attack.sentence.end].startswith("Gunmen attacked")
    assert attack.date is not None and attack.date.precision == "day"
    assert not any(e.name.startswith("X. ") for e in article.entities)  # not "X. Gunmen"


def test_an_act_told_right_after_a_dated_act_takes_its_day(read: Read) -> None:
    # read() dates the article 2024-06-12 (a Wednesday); "On Monday" is 2024-06-10
    article = read(
        "On Monday, rebels shelled the town of Kamina. Government troops arrested 40 fighters near the river. "
        "The governor said the curfew would stay. Police fired on protesters in Lubumbashi."
    )
    shelling, arrest = only(article, "ASSAULT"), only(article, "COERCE")
    assert shelling.date.value == "2024-06-10" and shelling.date.precision == "day"
    assert arrest.date.value == "2024-06-10" and arrest.date.precision == "narrative"
    fired = [e for e in article.events if e.trigger.text == "fired"]
    # two sentences on, after a statement: the story's time may have moved on
    assert fired and fired[0].date.precision == "article"
