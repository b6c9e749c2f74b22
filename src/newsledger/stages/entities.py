"""The entities stage: one entity per real-world person, organisation or place, with all its mentions.

Mentions come from the parse (NER with newsledger's rules). They are merged
("Yuri Ushakov", "Ushakov", "Putin's foreign policy adviser, Yuri Ushakov" are
one entity); titles are stripped from names and kept, with appositions and
pre-modifiers, as ``roles``; ``country`` comes from the actor dictionary, the
roles, the name itself or a possessive ("Putin's adviser" takes Putin's
country), and stays null when the text does not support one; ``actor_code`` is
CAMEO-style country plus sector ("RUS GOV").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsledger.lexicon import ActorDictionary, Countries, actor_dictionary, countries, name_key
from newsledger.model import Entity
from newsledger.model import Span as TextSpan
from newsledger.resolve.offices import office_mentions
from newsledger.resolve.sectors import sector_of
from newsledger.stage import Work
from newsledger.stages.ner_rules import TITLES

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})

_POSSESSOR = re.compile(r"([A-Z][\w.-]+(?: [A-Z][\w.-]+)*)['’]s?\b")
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "nummod", "npadvmod"})
_MODIFIER_POS = frozenset({"PROPN", "NOUN", "ADJ", "PART", "NUM"})
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj", "parataxis"})


@dataclass
class _Cluster:
    label: str
    name: str
    mentions: list[Span] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    dictionary_type: str | None = None

    def add(self, span: Span, form: str) -> None:
        self.mentions.append(span)
        if form not in self.forms:
            self.forms.append(form)


def _name_tokens(span: Span) -> tuple[Span, list[str]]:
    """A PERSON span without its leading titles ("Maj. Gen."), and those titles."""
    start = span.start
    while start < span.end - 1 and name_key(span.doc[start].text) in TITLES:
        start += 1
    titles = span.doc[span.start : start].text
    return span.doc[start : span.end], [titles] if titles else []


def _clause_text(tokens: list[Token]) -> str:
    """The contiguous text of tokens, without trailing punctuation."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    text = doc[start:end].text.strip(" ,;:—–-")
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)


def _phrase(head: Token, skip: set[int]) -> list[Token]:
    """A noun phrase's tokens: head and subtree, minus clauses and ``skip``."""
    keep: list[Token] = []
    stack = [head]
    while stack:
        token = stack.pop()
        if token.i in skip:
            continue
        keep.append(token)
        stack.extend(child for child in token.children if child.dep_ not in _CLAUSE_DEPS)
    keep.sort(key=lambda t: t.i)
    return keep


def _roles(span: Span) -> list[str]:
    """Roles from pre-modifiers ("Kremlin spokesman X") and appositions ("X, commander of Y")."""
    doc, root = span.doc, span.root
    roles: list[str] = []
    # Pre-modifiers: the run of modifiers left of the name that hang from it
    # ("Kremlin spokesman", "Trump's special envoy", "Ukrainian President").
    start = span.start
    while start > 0:
        token = doc[start - 1]
        if token.dep_ not in _MODIFIER_DEPS or token.pos_ not in _MODIFIER_POS or not root.is_ancestor(token):
            break
        start -= 1
    if start < span.start:
        roles.append(_clause_text(list(doc[start : span.start])))
    in_span = {t.i for t in span}
    # Apposition after the name: "Yuri Ushakov, Putin's foreign policy adviser,".
    for child in root.children:
        if child.dep_ == "appos" and child.i > span.end - 1 and child.ent_type_ != "PERSON":
            roles.append(_clause_text(_phrase(child, in_span)))
    # The name as an apposition: "Putin's foreign affairs adviser, Yuri Ushakov".
    if root.dep_ == "appos" and root.head.i < span.start and root.head.ent_type_ != "PERSON":
        head = root.head
        roles.append(_clause_text(_phrase(head, in_span | {t.i for t in root.subtree})))
    return [role for role in roles if role and len(role) <= 120 and role.lower() not in ("he", "she", "they")]


class _Builder:
    """Merges one article's mentions into entities."""

    def __init__(self, doc: Doc, table: Countries, actors: ActorDictionary, day: str | None = None) -> None:
        self.doc, self.table, self.actors = doc, table, actors
        self.day = day[:10] if day else None  # the article's date: whose roles hold on it
        self.clusters: list[_Cluster] = []
        self.by_key: dict[str, _Cluster] = {}

    def _cluster(self, key: str, label: str, name: str) -> _Cluster:
        cluster = self.by_key.get(key)
        if cluster is None:
            cluster = _Cluster(label=label, name=name)
            self.by_key[key] = cluster
            self.clusters.append(cluster)
        return cluster

    def add_person(self, span: Span) -> None:
        name_span, titles = _name_tokens(span)
        name = name_span.text
        words = name.split()
        # One word ("Lavrov") is first the article's own person, then our list's, and only then the fallback's.
        actor = self.actors.get(name) if len(words) > 1 else self.actors.own(name)
        cluster: _Cluster | None = None
        if actor is not None and actor.type == "PERSON":
            cluster = self._cluster("PERSON:" + name_key(actor.name), "PERSON", actor.name)
            cluster.country, cluster.sector = actor.on(self.day)
            if actor.role and actor.role not in cluster.roles:
                cluster.roles.append(actor.role)
        elif len(words) == 1:
            # A surname (or a first name) of a person already named in full.
            matches = [c for c in reversed(self.clusters) if c.label == "PERSON" and words[0] in c.name.split()[1:]]
            cluster = matches[0] if matches else None
            known = self.actors.by_surname(words[0]) if cluster is None and len(words[0]) > 3 else None
            if cluster is None and known is None and (fallback := self.actors.get(name)) is not None:
                known = fallback if fallback.type == "PERSON" else None  # "Medvedev": a Phoenix alias
            if known is not None:
                # Named by surname alone, and the actor dictionary has exactly one person of that name.
                cluster = self._cluster("PERSON:" + name_key(known.name), "PERSON", known.name)
                cluster.country, cluster.sector = known.on(self.day)
                if known.role and known.role not in cluster.roles:
                    cluster.roles.append(known.role)
        if cluster is None:
            cluster = self._cluster("PERSON:" + name_key(name), "PERSON", name)
        cluster.add(name_span, name)
        for role in [*titles, *_roles(span)]:
            if role not in cluster.roles:
                cluster.roles.append(role)

    def add_other(self, span: Span) -> None:
        text, label = span.text, span.label_
        country = self.table.named(text)
        seat = self.table.governed_from(text)
        actor = self.actors.own(text)
        if label == "NORP":
            cluster = self._cluster(f"NORP:{country.iso2 if country else name_key(text)}", "NORP", text)
            cluster.country = country.iso2 if country else None
        elif label in ("GPE", "LOC") and country is not None:
            cluster = self._cluster("GPE:" + country.iso2, "GPE", country.name)
            cluster.country = country.iso2
        elif actor is not None and actor.type != "PERSON":
            cluster = self._cluster("ORG:" + name_key(actor.name), "ORG", actor.name)
            (cluster.country, cluster.sector), cluster.dictionary_type = actor.on(self.day), actor.type
        else:
            acronym = self._acronym_target(text) if label == "ORG" else None
            cluster = acronym or self._cluster(f"{label}:{name_key(text)}", label, text)
            known = self.actors.get(text) if label == "ORG" and seat is None and cluster.country is None else None
            if seat is not None:
                cluster.country, cluster.sector = seat.iso2, "GOV"
            elif known is not None and known.type != "PERSON":
                # The Phoenix actors lump an institution's parts under one name ("Pentagon", "U.S. Army": United
                # States Military): the article's own name stays, the dictionary gives country and sector.
                (cluster.country, cluster.sector), cluster.dictionary_type = known.on(self.day), known.type
        cluster.add(span, text)
        if label == "ORG":
            for role in _roles(span):
                if role not in cluster.roles:
                    cluster.roles.append(role)

    def add_office_holders(self, home: str | None) -> None:
        """ "the Russian president", "Britain's prime minister": a mention of whoever held the office on the
        article's date, an entity of the article already or a new one from the actor dictionary."""
        if self.day is None:
            return
        # A person's tokens: "President Putin" names its holder. A country's are the office's ("U.S. president").
        taken = {
            t.i for cluster in self.clusters if cluster.label == "PERSON" for span in cluster.mentions for t in span
        }
        for mention in office_mentions(self.doc, self.table, taken):
            if mention.country is None and self._says_office(mention.office):
                continue  # a bare "the president" where the article names a president: the resolver's to find
            country = mention.country or home
            holder = self.actors.holder(mention.office, country, self.day) if country else None
            if holder is None:
                continue
            keys = {name_key(name) for name in (holder.name, *holder.aliases)}
            cluster = next(
                (c for c in self.clusters if c.label == "PERSON" and {name_key(f) for f in c.forms} & keys), None
            ) or self._cluster("PERSON:" + name_key(holder.name), "PERSON", holder.name)
            if cluster.country is None:
                cluster.country, cluster.sector = holder.on(self.day)
            cluster.mentions.append(mention.span)
            if mention.span.text not in cluster.roles:
                cluster.roles.append(mention.span.text)

    def _says_office(self, office: str) -> bool:
        return any(c.label == "PERSON" and any(office in role.lower() for role in c.roles) for c in self.clusters)

    def _acronym_target(self, text: str) -> _Cluster | None:
        if not (2 <= len(text) <= 6 and text.isupper()):
            return None
        for cluster in self.clusters:
            if cluster.label == "ORG":
                initials = "".join(w[0] for w in cluster.name.split() if w[0].isupper())
                if initials == text:
                    return cluster
        return None

    def finish(self, home: str | None = None) -> list[Entity]:
        self.clusters.sort(key=lambda c: min(s.start for s in c.mentions))
        for cluster in self.clusters:
            self._fill_country_and_sector(cluster, resolve_possessives=False)
        for cluster in self.clusters:
            self._fill_country_and_sector(cluster, resolve_possessives=True)
            if home and cluster.label == "ORG" and cluster.country is None and cluster.sector in ("GOV", "MIL"):
                cluster.country = home
        return [self._entity(number, cluster) for number, cluster in enumerate(self.clusters, start=1)]

    def _fill_country_and_sector(self, cluster: _Cluster, resolve_possessives: bool) -> None:
        evidence = [*cluster.roles, cluster.name] if cluster.label in ("PERSON", "ORG") else []
        if cluster.country is None:
            for text in evidence:
                if resolve_possessives:
                    owner = self._possessor_country(text, cluster)
                    if owner:
                        cluster.country = owner
                        break
                else:
                    found = self.table.mentioned_in(_without_possessors(text))
                    if found:
                        cluster.country = found.iso2
                        break
        if cluster.sector is None and cluster.label in ("PERSON", "ORG"):
            cluster.sector = next((s for s in map(sector_of, evidence) if s), None)
        if cluster.label in ("GPE", "FAC", "ORG") and cluster.country is None:
            seat = self.table.governed_from(cluster.name)
            if seat is not None:
                cluster.country, cluster.sector = seat.iso2, "GOV"

    def _possessor_country(self, text: str, cluster: _Cluster) -> str | None:
        """ "Putin's adviser" -> Putin's country, when Putin is an entity of this article."""
        for match in _POSSESSOR.finditer(text):
            owner_name = match.group(1)
            for other in self.clusters:
                if (
                    other is not cluster
                    and other.country
                    and (owner_name in other.forms or owner_name == other.name.split()[-1])
                ):
                    return other.country
            found = self.table.named(owner_name) or self.table.governed_from(owner_name)
            if found:
                return found.iso2
        return None

    def _entity(self, number: int, cluster: _Cluster) -> Entity:
        iso3 = self.table.iso3(cluster.country)
        if cluster.label in ("GPE", "NORP") and cluster.sector is None:
            code = iso3
        elif cluster.sector in ("IGO", "NGO", "MED") and iso3 is None:
            code = cluster.sector
        else:
            code = " ".join(part for part in (iso3, cluster.sector) if part) or None
        return Entity(
            id=f"E{number}",
            name=cluster.name,
            type="GROUP" if cluster.dictionary_type == "GROUP" else cluster.label,  # type: ignore[arg-type]
            aliases=[form for form in cluster.forms if form != cluster.name],
            roles=cluster.roles,
            country=cluster.country,
            actor_code=code,
            mentions=[TextSpan(start=s.start_char, end=s.end_char, text=s.text) for s in cluster.mentions],
        )


def _without_possessors(text: str) -> str:
    # A possessor is another entity ("Trump's envoy"): its country is resolved in the second pass.
    return _POSSESSOR.sub(
        lambda m: "" if m.group(1)[0].isupper() and m.group(1) not in ("US", "U.S.") else m.group(0), text
    )


def build_entities(
    doc: Doc, actors: ActorDictionary | None = None, dateline: str | None = None, published: str | None = None
) -> list[Entity]:
    """The ledger entities of one parsed article.

    ``dateline`` ("MOSCOW") gives the home country of unnamed national bodies: in a
    Moscow-datelined story, "the Foreign Ministry" is Russia's. ``published`` (ISO) is
    the day whose office holders "the president" and "the prime minister" name, and
    whose dated roles give a known person's sector.
    """
    seat = countries().governed_from(dateline) if dateline else None
    home = seat.iso2 if seat else None
    builder = _Builder(doc, countries(), actors or actor_dictionary(), published)
    spans = [span for span in doc.ents if span.label_ in ENTITY_LABELS]
    # Full names first, so surnames that come before them still find their person.
    dictionary = builder.actors

    def is_person(span: Span) -> bool:
        actor = dictionary.own(span.text) if span.label_ in ("PERSON", "ORG") else None
        if span.label_ == "ORG":  # "Olaf Scholz" tagged ORG: our list knows him as a person
            return actor is not None and actor.type == "PERSON" and len(span) > 1
        return span.label_ == "PERSON" and (actor is None or actor.type == "PERSON")  # "Suspilne" tagged PERSON

    for span in sorted(spans, key=lambda s: (not is_person(s) or len(s) == 1, s.start)):
        if is_person(span):
            builder.add_person(span)
    for span in spans:
        if not is_person(span):
            builder.add_other(span)
    builder.add_office_holders(home)
    entities = builder.finish(home)
    for entity in entities:
        entity.mentions.sort(key=lambda m: m.start)
    return entities


class EntityStage:
    """Fills ``entities`` from the shared parse."""

    name = "entities"
    requires = ("doc",)
    assigns = ("entities",)

    def __init__(self, actors: ActorDictionary | None = None) -> None:
        self.actors = actors or actor_dictionary()

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            work.article.entities = build_entities(work.doc, self.actors, work.article.dateline, work.article.published)
