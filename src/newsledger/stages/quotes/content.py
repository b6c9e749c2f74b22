"""What was said: the content of a reporting verb's clause, pruned of asides, times and places."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsledger.stages.quotes.cues import _subject_of
from newsledger.stages.quotes.signatures import _colon_after
from newsledger.stages.quotes.words import (
    _AS_LEMMAS,
    _CONTENT_PREPS,
    _VERB_PREPS,
    ATTRIBUTION_LEMMAS,
    CHANNEL_NOUNS,
    NOMINAL_LEMMAS,
    XCOMP_LEMMAS,
)
from newsledger.syntax.speech import SPEECH_LEMMAS


def _stance_of(adjective: Token) -> list[list[Token]] | None:
    """What someone "is convinced that ...", "was critical of ...", "is skeptical about ..."."""
    for child in adjective.children:
        if child.dep_ in ("ccomp", "xcomp") or (child.dep_ == "prep" and child.lower_ in ("of", "about", "that")):
            tokens = list(child.subtree)
            tokens = tokens[1:] if child.dep_ == "prep" or tokens[0].dep_ == "mark" else tokens
            return [tokens] if len(tokens) >= 2 else None
    return None


def _content_of(cue: Token, sentence: Span) -> list[list[Token]] | None:
    """What a cue attributes, as one or two runs of tokens (two when the cue sits inside it:
    "The museum, he said, celebrated ...")."""
    doc = cue.doc
    lemma = cue.lemma_.lower()
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if clause is None and lemma in SPEECH_LEMMAS:
        # "said after the convention he would not ...": the parser often makes the clause an advcl.
        clause = next(
            (
                c
                for c in cue.children
                if c.dep_ == "advcl"
                and c.i > cue.i
                and not any(m.dep_ == "mark" for m in c.children)
                # "chided Russia ..., accusing Moscow of ...": a participle that is a cue itself is not what is said.
                and not (c.tag_ == "VBG" and c.lemma_.lower() in ATTRIBUTION_LEMMAS)
            ),
            None,
        )
    if clause is None and lemma == "accuse":
        clause = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    tokens: list[Token]
    if clause is None and cue.dep_ == "csubj" and _is_what_was(cue, cue.head):
        clause = cue.head  # "[what she said] was a slow response": the cue is the subject of "was"
    if clause is not None and _is_what_was(cue, clause):
        # "what he said was its slow response": what was said is the complement of "was".
        clause = next((c for c in clause.children if c.dep_ in ("attr", "acomp", "ccomp") and c.i > clause.i), None)
    if clause is not None:
        tokens = list(clause.subtree)
        if clause.lower_ == "of":
            tokens = tokens[1:]
        subject = _subject_of(cue)
        stray = [c for c in cue.children if c.dep_ == "nsubj" and subject is not None and c.i < subject.i]
        if stray and clause.i > cue.i:
            # "The museum, Ortiz said, will open ...": a second subject before the speaker opens the statement.
            return [_trimmed(list(stray[0].subtree)), _trimmed(tokens)]
    colon = None if clause is not None else _colon_after(cue, sentence)
    if colon is not None:
        # "The ministry wrote: ..." with no quotation marks: the rest of the sentence.
        tokens = list(doc[colon + 1 : sentence.end])
    elif clause is None and (
        (_is_aside(cue) and _subject_of(cue) is not None)
        or (cue.dep_ == "advcl" and any(m.lower_ in ("as", "like") and m.dep_ == "mark" for m in cue.children))
    ):
        # "The talks will resume, he said." / "..., as police have said": the head clause without the cue.
        own = {t.i for t in cue.subtree}
        head = [t for t in cue.head.subtree if t.i not in own]
        before = _trimmed([t for t in head if t.i < min(own)])
        after = _trimmed([t for t in head if t.i > max(own)])
        if cue.dep_ == "advcl" or len(after) < 2:
            after = []
        runs = [run for run in (before, after) if run]
        return runs if sum(len(r) for r in runs) >= 3 else None
    elif clause is None:
        tokens = _complements(cue)
        # One word is enough for a noun ("declared bankruptcy"), not for a pronoun ("criticized him");
        # a name alone ("citing Minister Sergei Lavrov") is who spoke, not what was said.
        if not tokens or (len(tokens) == 1 and tokens[0].pos_ not in ("NOUN", "PROPN")) or _only_a_name(tokens):
            return None
    tokens = _trimmed(tokens)
    if tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ in ("that", "whether", "if"):
        tokens = tokens[1:]  # "that ..."
    if colon is None:
        tokens = _pruned(tokens)
    if clause is not None and len(tokens) < 3:
        return None
    return [tokens] if tokens else None


def _only_a_name(tokens: list[Token]) -> bool:
    """Whether a cue's object is nothing but a person's name and title: "Minister Sergei Lavrov"."""
    words = [t for t in tokens if not t.is_punct]
    return bool(words) and all(t.pos_ == "PROPN" for t in words) and any(t.ent_type_ == "PERSON" for t in words)


def _says_what_was(cue: Token) -> bool:
    """Whether a cue is the "what he said" of "what he said was X"."""
    if not any(c.lower_ == "what" and c.i < cue.i for c in cue.children):
        return False
    if cue.dep_ == "csubj":
        return _is_what_was(cue, cue.head)
    return any(c.dep_ == "ccomp" and _is_what_was(cue, c) for c in cue.children)


def _is_what_was(cue: Token, clause: Token) -> bool:
    """Whether ``clause`` is the "was X" of "what he said was X": a copula with no subject of its own,
    its subject being the "what" the cue governs."""
    return (
        clause.lemma_ == "be"
        and not any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") or (c.dep_ == "csubj" and c != cue) for c in clause.children
        )
        and any(c.tag_ == "WP" and c.i < cue.i for c in cue.children)
    )


def _pruned(tokens: list[Token]) -> list[Token]:
    """A statement without what the writer adds at its end: ", which ..." or ", citing ..." closing it,
    "and suggested that ..." (a statement of its own), "; they ..."."""
    inside = {t.i for t in tokens}
    last = tokens[-1].i if tokens else -1
    cut = len(tokens)
    for position, token in enumerate(tokens):
        if position < 3 or token.head.i not in inside or token.head is token:
            if position >= 3 and token.text == ";":
                cut = min(cut, position)
            continue
        opens = token.left_edge.i - 1
        final = token.right_edge.i >= last and token.doc[opens].text == ","
        if final and (token.dep_ == "relcl" or (token.dep_ in ("advcl", "xcomp", "conj") and token.tag_ == "VBG")):
            cut = min(cut, opens - tokens[0].i)
        elif (
            token.right_edge.i >= last
            and token.dep_ == "advcl"
            and token.doc[opens].tag_ == "''"
            and any(m.dep_ == "mark" and m.lower_ == "as" for m in token.children)
        ):
            # "said that “it's up to Russia now” as his administration presses ...": the quoted words end the
            # statement; an "as" clause after the closing mark is the writer's ("if", "because" are often said).
            cut = min(cut, opens - tokens[0].i)
        elif (
            token.dep_ == "conj"
            and token.lemma_.lower() in ATTRIBUTION_LEMMAS
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        ):
            # "said X and suggested that Y": the second cue's clause is not part of the first.
            cc = next((c.i for c in token.head.children if c.dep_ == "cc" and c.i < token.i), token.left_edge.i)
            cut = min(cut, cc - tokens[0].i)
    return _trimmed(tokens[:cut]) if cut >= 3 else tokens


def _np_end(token: Token) -> int:
    """Where the noun phrase of ``token`` ends: its subtree, unless a misparse hung a clause on it
    ("according to Limbaugh, the move reeks of fear")."""
    end = token.right_edge.i + 1
    for inner in token.doc[token.i + 1 : end]:
        if inner.dep_ in ("nsubj", "nsubjpass") and inner.tag_ not in ("WP", "WDT"):
            comma = next((t.i for t in token.doc[token.i + 1 : inner.i] if t.text == ","), None)
            return comma if comma is not None else end
    return end


def _is_aside(cue: Token) -> bool:
    """Whether a cue is set into the statement it attributes ("The talks, he said, will resume"), not
    the head of a clause of its own ("officials say they hope that ...")."""
    if cue.dep_ == "parataxis":
        return cue.i > cue.head.i or cue.head.lemma_.lower() not in ATTRIBUTION_LEMMAS
    return (
        cue.dep_ == "ccomp"
        and cue.i > cue.head.i
        and cue.head.lemma_.lower() not in ATTRIBUTION_LEMMAS
        and not any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in cue.children)
    )


def _complements(cue: Token) -> list[Token]:
    """A cue's own object and what completes it: "urged [supporters to vote]", "called [the senator a liar]",
    "called [for a ban]", "cited [his endorsements]"."""
    parts = [child for child in cue.children if child.i > cue.i and _is_content(child, cue)]
    if not parts:
        return []
    # "wrote [a memoir of her time] [at the White House]": the parser hangs the object's own phrases on the verb.
    for child in cue.children:
        if child.i == max(p.right_edge.i for p in parts) + 1 and child.dep_ == "prep" and not _when_or_where(child):
            parts.append(child)
        elif (
            child.dep_ == "advcl"
            and cue.lemma_.lower() in _AS_LEMMAS
            and child.left_edge.lower_ == "as"
            and child.left_edge.i == max(p.right_edge.i for p in parts) + 1
        ):
            parts.append(child)  # "described Trump as “one of the few ...”" parsed as a clause of its own
    first = min(p.left_edge.i for p in parts)
    last = max(p.right_edge.i for p in parts)
    if len(parts) == 1 and parts[0].dep_ == "prep" and parts[0].lower_ in ("for", "on", "to", "with"):
        first += 1  # "called for a ban": the preposition is part of the cue
    return list(cue.doc[first : last + 1])


def _when_or_where(prep: Token) -> bool:
    """ "on Friday", "in Ohio", "in a statement", "to reporters": circumstances of the saying."""
    pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
    return (
        pobj is None
        or pobj.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC")
        or (pobj.lower_ in CHANNEL_NOUNS or pobj.lemma_ in ("reporter", "journalist", "interview", "rally", "speech"))
    )


def _is_content(child: Token, cue: Token) -> bool:
    lemma = cue.lemma_.lower()
    if child.dep_ == "dobj":
        if lemma == "call":
            return _called_something(cue)
        # "told his advisers to ...": the addressee belongs to the request.
        return lemma in NOMINAL_LEMMAS or (lemma in XCOMP_LEMMAS and any(c.dep_ == "xcomp" for c in cue.children))
    if child.dep_ == "xcomp":
        return lemma in XCOMP_LEMMAS
    if child.dep_ == "oprd":
        return lemma in NOMINAL_LEMMAS
    if child.dep_ == "prep" and (
        (child.lower_ in _CONTENT_PREPS and lemma in NOMINAL_LEMMAS) or child.lower_ in _VERB_PREPS.get(lemma, ())
    ):
        pobj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
        # "announced on Friday", "said in Ohio": when and where, not what.
        return pobj is not None and pobj.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "FAC")
    return False


def _called_something(cue: Token) -> bool:
    """ "called X a Y" names what X is; "called a meeting" or "called him" attributes nothing."""
    return any(c.dep_ in ("oprd", "xcomp") for c in cue.children)


def _source_phrase(subject: Token, cue: Token, text: str) -> Span:
    """The words that name the source where the cue is: the whole noun phrase with its apposition
    ("Sean Spicer, chief strategist for the RNC"), or the relative pronoun of "who said"."""
    doc = cue.doc
    if cue.dep_ == "relcl" and subject is cue.head:
        pronoun = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WP", "WDT")), None)
        if pronoun is not None:
            return doc[pronoun.i : pronoun.i + 1]
    start, end = subject.left_edge.i, _np_end(subject)
    for child in subject.children:
        # A clause that holds a cue of its own ("an architect who said he was ...") is not part of the name.
        if (
            child.dep_ in ("relcl", "acl")
            and child.i > subject.i
            and (
                child.i == cue.i
                or any(t.lemma_.lower() in ATTRIBUTION_LEMMAS and t.pos_ == "VERB" for t in child.subtree)
            )
        ):
            end = min(end, child.left_edge.i)
    if start <= cue.i < end:
        if subject.i < cue.i:
            end = cue.i
        else:
            start = cue.i + 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].dep_ in ("cc", "mark", "case")):
        end -= 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    if end - start > 30:  # a misparse swallowed the sentence: keep the subject's own words
        return doc[subject.i : subject.i + 1]
    # Not past a line end: "03 February 2026\nFollow\n\nRussia says" names Russia only.
    while start < subject.i and "\n" in text[doc[start].idx : subject.idx]:
        start += 1
    while end - 1 > subject.i and "\n" in text[subject.idx : doc[end - 1].idx]:
        end -= 1
    return doc[start:end]


def _agent_of(cue: Token) -> Token | None:
    """The source of a passive cue: "was reported by [the Times]"."""
    agent = next((c for c in cue.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _undated(tokens: list[Token]) -> list[Token]:
    """Without a dateline opening the paragraph ("MOSCOW: Russia would ...", "KYIV — ...")."""
    for position, token in enumerate(tokens[:4]):
        if token.text in (":", "—", "–", "--") and all(t.text.isupper() or t.is_punct for t in tokens[:position]):
            return _trimmed(tokens[position + 1 :]) if position else tokens
    return tokens


def _trimmed(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ == "cc"):
        tokens = tokens[1:]
    return tokens
