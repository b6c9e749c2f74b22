"""Which entity of the article a phrase names: the resolver quotes (for speakers) and events (for actors) share.

- names: the entity whose mention covers the word; an apposition names it too
  ("Putin's adviser, Yuri Ushakov");
- pronouns: "he"/"she" the latest person spoken of or acting as subject, "it"/
  "they" the latest organisation or group;
- possessed statements: "the ministry's comment said" speaks for the ministry;
- descriptions: "the ministry", "the commander" the nearest entity before with
  that word in its name or roles; an indefinite one ("a US official") is
  anonymous (no entity);
- surnames alone where the recogniser missed them (``surnames=True``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort

from spacy.tokens import Doc, Span, Token

from newsledger.model import Entity
from newsledger.syntax.speech import SAID_NOUNS, STATEMENT_NOUNS

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"it", "they", "we"})


class MentionResolver:
    """Resolves the words that name a party (a cue's subject, an event's actor) to entities of the article."""

    def __init__(self, doc: Doc, entities: list[Entity], surnames: bool = False) -> None:
        self.doc = doc
        self.entity_at: dict[int, Entity] = {}
        self.mentions: list[tuple[int, Entity]] = []
        for entity in entities:
            for mention in entity.mentions:
                self.mentions.append((mention.start, entity))
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                for token in span or []:
                    self.entity_at[token.i] = entity
        self.mentions.sort(key=lambda pair: pair[0])
        self.starts = [start for start, _ in self.mentions]
        if surnames:
            self._add_surnames(entities)
        # (offset, entity) of every speaker resolved so far, in text order. Quotes are not found in text order
        # (direct ones first), so "he" must look only at those before it, never at the latest one found.
        self.spoken: list[tuple[int, Entity]] = []
        # Entities that are grammatical subjects, in text order: "he" most often refers back to one.
        self.subjects: list[tuple[int, Entity]] = [
            (token.idx, self.entity_at[token.i])
            for token in doc
            if token.dep_ in ("nsubj", "nsubjpass") and token.i in self.entity_at
        ]

    def _add_surnames(self, entities: list[Entity]) -> None:
        """A person's surname alone where the recogniser missed it ("Barnier, in his Tuesday comments, ...")
        names the one person of the article with that surname."""
        by_surname: dict[str, Entity | None] = {}
        for entity in entities:
            words = entity.name.split()
            if entity.type == "PERSON" and len(words) > 1:
                # Two people sharing a surname: the surname alone names neither.
                by_surname[words[-1]] = None if words[-1] in by_surname else entity
        for token in self.doc:
            named = by_surname.get(token.text)
            if named is None or token.i in self.entity_at or token.pos_ != "PROPN":
                continue
            names = set(named.name.split())
            if all(c.text in names or c.text.endswith(".") for c in token.children if c.dep_ == "compound"):
                self.entity_at[token.i] = named

    def _preceding(self, before: int, wanted: set[str], word: str | None = None) -> Entity | None:
        for index in range(bisect_right(self.starts, before) - 1, -1, -1):
            entity = self.mentions[index][1]
            if entity.type not in wanted:
                continue
            if word is None or word in entity.name.lower() or any(word in role.lower() for role in entity.roles):
                return entity
        return None

    def resolve(self, subject: Token) -> tuple[Entity | None, str, Span]:
        """The speaker entity (or None), its name, and the span that names it here."""
        doc = self.doc
        entity: Entity | None
        phrase = doc[subject.left_edge.i : subject.right_edge.i + 1]
        # "Putin's adviser, Yuri Ushakov": the apposition names the speaker.
        for child in subject.children:
            if child.dep_ == "appos" and child.i in self.entity_at:
                entity = self.entity_at[child.i]
                return entity, entity.name, doc[child.left_edge.i : child.right_edge.i + 1]
        if subject.i in self.entity_at:
            entity = self.entity_at[subject.i]
            return entity, entity.name, self._name_span(subject)
        lower = subject.lower_
        if subject.pos_ == "PRON":
            wanted = {"PERSON"} if lower in PERSON_PRONOUNS else {"ORG", "GROUP", "GPE", "NORP"}
            if lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS:
                # "It said" is far more often an organisation than a place.
                entity = (lower in GROUP_PRONOUNS and self.antecedent(subject.idx, {"ORG", "GROUP"})) or (
                    self.antecedent(subject.idx, wanted)
                )
                if entity is not None:
                    return entity, entity.name, doc[subject.i : subject.i + 1]
            return None, subject.text, doc[subject.i : subject.i + 1]
        owner = next((c for c in subject.children if c.dep_ == "poss"), None)
        if owner is not None and subject.lemma_.lower() in STATEMENT_NOUNS | SAID_NOUNS:
            # "The ministry's comment said ...": a statement speaks for its owner.
            entity = self.resolve(owner)[0]
            if entity is not None:
                return entity, entity.name, phrase
        determiner = next((c.lower_ for c in subject.children if c.dep_ == "det"), None)
        if determiner == "the" or determiner in ("this", "that"):
            entity = self._preceding(subject.idx - 1, {"PERSON", "ORG", "GROUP", "GPE"}, subject.lemma_.lower())
            if entity is not None:
                return entity, entity.name, phrase
        # An unresolved description: the noun phrase up to its first comma ("a US official who ...").
        end = subject.right_edge.i + 1
        comma = next((t.i for t in doc[subject.i : end] if t.text == ","), None)
        phrase = doc[subject.left_edge.i : comma if comma is not None else end]
        return None, phrase.text, phrase

    def antecedent(self, offset: int, wanted: set[str]) -> Entity | None:
        """What "he"/"it" refers to: the latest of the last speaker and the last subject entity
        of the right type (within a few sentences), else the nearest mention of that type."""
        window = 600
        options = []
        index = bisect_left(self.spoken, offset, key=lambda pair: pair[0]) - 1  # strictly before
        speaker = next((self.spoken[i] for i in range(index, -1, -1) if self.spoken[i][1].type in wanted), None)
        if speaker is not None and offset - speaker[0] < window:
            options.append(speaker)
        subject = next((s for s in reversed(self.subjects) if s[0] < offset and s[1].type in wanted), None)
        if subject is not None and offset - subject[0] < window:
            options.append(subject)
        if options:
            return max(options, key=lambda option: option[0])[1]
        return self._preceding(offset - 1, wanted)

    def note(self, offset: int, entity: Entity) -> None:
        """Records a resolved speaker, for the pronouns after it."""
        insort(self.spoken, (offset, entity), key=lambda pair: pair[0])

    def _name_span(self, token: Token) -> Span:
        entity = self.entity_at[token.i]
        start = token.i
        while start > 0 and self.entity_at.get(start - 1) is entity:
            start -= 1
        end = token.i + 1
        while end < len(self.doc) and self.entity_at.get(end) is entity:
            end += 1
        return self.doc[start:end]
