"""The amounts stage: money, counts with units and percentages in an article's text.

Regular expressions and word lists only (no parse needed): about 0.4 ms per 1,000 words.

What is emitted, as :class:`~newsledger.model.Amount` (``text[start:end] == amount.text``):

- Money, ``unit`` an ISO 4217 code: ``$3.85 billion`` (USD), ``US$12m``, ``C$``/``A$``/``HK$``…,
  ``€100 million`` (EUR), ``£2.5bn`` (GBP), ``USD 40 million``, ``12 million dollars``, ``2 billion
  Canadian dollars`` (CAD), ``1.2 trillion rubles`` (RUB), hryvnias (UAH), shekels (ILS), yuan (CNY),
  yen (JPY), rupees (INR; ``Pakistani rupees`` PKR), baht, ``Rs 500 crore``…; ``billions of
  dollars`` has ``value`` None. "pounds" alone is a weight; "pounds sterling"/"Egyptian pounds" are money.
  A currency named again after a sign is part of the span and names a bare ``$`` (``$1 billion Singapore
  dollars`` is SGD, ``$20 USD`` is USD).
- Percentages: ``40%``, ``40 percent``, ``40 per cent`` -> ``unit="percent"``; ``2 percentage points``
  -> ``unit="percentage points"``.
- Counts with the counted noun after the number: ``5,000 people``, ``three soldiers``, ``a dozen
  drones``, ``1.5 million refugees``, ``1,000 metric tons``, ``20 dead``. ``unit`` is the words from
  after the number to the plural noun (at most three words before it), lowercased as printed
  (``"metric tons"``, ``"ukrainian soldiers"``); a leading "more"/"other"/"additional"/"such" stays in
  the span but not in the unit. Vague quantities (``hundreds of people``, ``several hundred troops``)
  have ``value`` None.
- Ranges are one amount whose span covers the whole range, ``between`` included (``between 1,500
  and 3,000 fighters``, ``20 to 30 percent``, ``$5-10 billion``, ``two or three boats``); ``value``
  is the lower bound, scaled like the upper one (``5 to 10 million`` -> 5e6). ``from X to Y`` is a
  change, not a range: only ``Y`` (if it has a unit) is emitted.

Qualifiers (``about``, ``more than``, ``at least``, ``nearly``, ``up to``, ``some``…) are left OUT of
the span: it starts at the currency sign or code, the number, or ``between`` for a range.

Not emitted: bare numbers without a unit, years and year-like numbers (``2022 elections``; so ``2000
troops`` without a comma is lost too), ratios (``one in five teachers``), dates and day numbers (``March
13``, ``13 March``), clock times, ordinals, time durations (``seven months``, ``30-day``: the dates
layer's), hyphenated compounds (``12-year-old``, ``5,000-strong``), fractions (``two thirds``),
multipliers (``three times``), phone numbers, designators (``Resolution 2231``, ``Article 5``,
``Boeing 737``, a capitalized word mid-sentence), model names (``Su-34``, ``F-16``, ``S-400``,
``COVID-19``) and digits inside words (``G7``, ``5G``, ``100m``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from newsledger.model import Amount
from newsledger.stage import Work
from newsledger.wordtrie import word_trie

# --- numbers -----------------------------------------------------------------------------------------------------

_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALE_WORDS = {**_SCALES, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}
_SUFFIX_SCALES = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12,
}  # fmt: skip


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# What follows a number: (end, unit) when it makes an amount, None when nothing does, False when it
# makes the number something else (a duration, "three times").
_Unit = tuple[int, str] | Literal[False] | None


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_BASIC = rf"(?:(?:{_alt(_TENS)})(?:-(?:{_alt(_ONES)}))?|{_alt(_TEENS)}|{_alt(_ONES)})"
_MULT = r"(?:hundred|thousand|million|billion|trillion)"
_WORDNUM = (
    rf"(?i:half\s+a\s+(?:million|billion|trillion|dozen)"
    rf"|a\s+(?:dozen|{_MULT})(?:\s+{_MULT})*"
    rf"|(?:{_BASIC}\s+)?dozen"
    rf"|{_BASIC}(?:\s+{_MULT}(?:\s+{_BASIC})?)*)"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

# Currency signs before the number, and codes before or after it.
_SIGNS = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD",
    "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "NT$": "TWD", "R$": "BRL", "Mex$": "MXN",
    "€": "EUR", "£": "GBP", "¥": "JPY", "CN¥": "CNY", "RMB¥": "CNY", "₹": "INR", "Rs": "INR", "Rs.": "INR",
    "₽": "RUB", "₴": "UAH", "₪": "ILS", "₩": "KRW", "₺": "TRY", "₦": "NGN",
}  # fmt: skip
_CODES = {
    code: code
    for code in _words(
        "USD EUR GBP JPY CNY RUB UAH ILS INR CHF CAD AUD HKD NZD SGD TRY SAR AED IRR KRW PKR EGP NGN ZAR BRL MXN "
        "QAR KWD IQD SEK NOK DKK PLN HUF"
    )
} | {"RMB": "CNY", "NIS": "ILS"}
_SIGN_RE = r"(?:(?:US|U\.S\.|CA|C|AU|A|HK|NZ|S|NT|R|Mex)?\$|CN¥|RMB¥|[€£¥₹₽₴₪₩₺₦]|Rs\.?(?= ))"
_CODE_RE = rf"(?:{_alt(_CODES)})"

_ATOM_CORE = (
    rf"(?:(?P<sign>{_SIGN_RE})[ \u00a0]?|(?P<code>{_CODE_RE})[ \u00a0])?"
    rf"(?:(?P<digits>{_DIGITS})|(?P<words>\b{_WORDNUM}\b(?!-)))"
    r"(?:(?<=\d)(?P<suffix>(?i:bn|mn|mln|bln|tn|trn)|[kKmMbB])(?!\w)"
    r"|[ \u00a0](?P<scale>(?i:thousand|million|billion|trillion|lakhs?|crores?)|mln|bln|bn|mn|tn|trn)\b)?"
)
_ATOM = re.compile(_ATOM_CORE + r"(?![\w:/])(?![.,]\d)")
# Where an amount can start. Digits are found with a cheap scan, then the sign or code before them; number words
# with a letter trie over the lowercased text (much faster than a case-insensitive alternation).
_DIGIT_RUN = re.compile(r"\d[\d,.]*")
_SIGN_BEFORE = re.compile(rf"(?:{_SIGN_RE}[ \u00a0]?|{_CODE_RE}[ \u00a0])\Z")
_NOT_BEFORE_DIGITS = frozenset(".,:/#+-–$€£¥₹_")


_WORD_START_WORDS = [*_ONES, *_TEENS, *_TENS, "dozen", "tens", "hundreds", "thousands", "millions", "billions"]
# A number word follows a space (or, rarely, a newline or a mark); searching for that first character is fast.
_WORD_BODY = (
    rf"(?:{word_trie([*_WORD_START_WORDS, 'trillions', 'dozens', 'scores'])}"
    r"|a\s+(?:dozen|hundred|thousand|million|billion|trillion)|half\s+a|several\s+(?:hundred|thousand|million|billion))\b"
)
_WORD_AFTER_SPACE = re.compile(" " + _WORD_BODY)
_WORD_AFTER_MARK = re.compile(r"[\n\t\r\u00a0\"“”‘’'(\[—–/.,;:!?…]" + _WORD_BODY)
_VAGUE = re.compile(
    r"(?i:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)|(?:hundreds|thousands|millions|billions|trillions"
    r"|dozens|scores))\s+of\b|(?i:several\s+(?:hundred|thousand|million|billion))(?:\s+of\b)?"
)


def _starts(text: str) -> list[int]:
    """Offsets where an amount may start, in order."""
    starts = []
    for run in _DIGIT_RUN.finditer(text):
        at = run.start()
        window = text[max(0, at - 8) : at]
        sign = _SIGN_BEFORE.search(window) if window else None
        if sign:
            at -= len(window) - sign.start()
            if at and (text[at - 1].isalnum() or text[at - 1] in _NOT_BEFORE_DIGITS):
                continue
        elif at and (text[at - 1].isalnum() or text[at - 1] in _NOT_BEFORE_DIGITS):
            continue
        starts.append(at)
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lowercase is longer: keep offsets exact
        lowered = "".join(char if len(char.lower()) != 1 else char.lower() for char in text)
    spaced = " " + lowered  # the leading space shifts offsets by one, and finds a word at the very start
    starts.extend(m.start() for m in _WORD_AFTER_SPACE.finditer(spaced))
    starts.extend(m.start() for m in _WORD_AFTER_MARK.finditer(spaced))
    starts.sort()
    return starts


# --- what follows the number -------------------------------------------------------------------------------------

_PERCENT = re.compile(r"(?:[ \u00a0]?%|(?:[ \u00a0]+|-)(?i:percent|per\s+cent|pct)\b|\s+(?i:percentage\s+points?)\b)")

_NATION_DOLLARS = {
    "us": "USD", "u.s.": "USD", "american": "USD", "canadian": "CAD", "australian": "AUD", "hong kong": "HKD",
    "new zealand": "NZD", "singapore": "SGD", "singaporean": "SGD", "taiwan": "TWD", "new taiwan": "TWD",
    "taiwanese": "TWD", "jamaican": "JMD", "zimbabwean": "ZWL",
}  # fmt: skip
_DINARS = {
    "iraqi": "IQD", "jordanian": "JOD", "kuwaiti": "KWD", "libyan": "LYD", "algerian": "DZD", "tunisian": "TND",
    "serbian": "RSD", "bahraini": "BHD",
}  # fmt: skip
_PESOS = {
    "mexican": "MXN", "argentine": "ARS", "argentinian": "ARS", "philippine": "PHP", "colombian": "COP",
    "chilean": "CLP", "cuban": "CUP",
}  # fmt: skip
_CURRENCY_WORDS: dict[str, tuple[str | None, dict[str, str]]] = {
    # printed word (plural and singular) -> (default code or None when ambiguous, nationality -> code)
    "dollar": ("USD", _NATION_DOLLARS),
    "euro": ("EUR", {}),
    "pound": (None, {"british": "GBP", "egyptian": "EGP", "lebanese": "LBP", "syrian": "SYP", "sudanese": "SDG"}),
    "sterling": ("GBP", {"british": "GBP"}),
    "ruble": ("RUB", {"russian": "RUB", "belarusian": "BYN"}),
    "rouble": ("RUB", {"russian": "RUB", "belarusian": "BYN"}),
    "hryvnia": ("UAH", {"ukrainian": "UAH"}),
    "hryvna": ("UAH", {"ukrainian": "UAH"}),
    "shekel": ("ILS", {"israeli": "ILS", "new": "ILS", "new israeli": "ILS"}),
    "yuan": ("CNY", {"chinese": "CNY"}),
    "renminbi": ("CNY", {"chinese": "CNY"}),
    "yen": ("JPY", {"japanese": "JPY"}),
    "rupee": (
        "INR",
        {"indian": "INR", "pakistani": "PKR", "sri lankan": "LKR", "nepalese": "NPR", "nepali": "NPR"},
    ),
    "rial": ("IRR", {"iranian": "IRR", "omani": "OMR", "yemeni": "YER"}),
    "riyal": ("SAR", {"saudi": "SAR", "qatari": "QAR"}),
    "lira": ("TRY", {"turkish": "TRY"}),
    "won": ("KRW", {"south korean": "KRW", "korean": "KRW", "north korean": "KPW"}),
    "dinar": (None, _DINARS),
    "dirham": ("AED", {"uae": "AED", "emirati": "AED", "moroccan": "MAD"}),
    "franc": (None, {"swiss": "CHF", "cfa": "XOF", "congolese": "CDF"}),
    "peso": (None, _PESOS),
    "naira": ("NGN", {"nigerian": "NGN"}),
    "rand": ("ZAR", {"south african": "ZAR"}),
    "afghani": ("AFN", {}),
    "taka": ("BDT", {"bangladeshi": "BDT"}),
    "kyat": ("MMK", {}),
    "tenge": ("KZT", {}),
    "lari": ("GEL", {"georgian": "GEL"}),
    "dram": ("AMD", {"armenian": "AMD"}),
    "manat": ("AZN", {"azerbaijani": "AZN", "turkmen": "TMT"}),
    "zloty": ("PLN", {"polish": "PLN"}),
    "forint": ("HUF", {"hungarian": "HUF"}),
    "real": (None, {"brazilian": "BRL"}),
    "reais": ("BRL", {"brazilian": "BRL"}),
    "bolivar": ("VES", {"venezuelan": "VES"}),
    "cedi": ("GHS", {"ghanaian": "GHS"}),
    "shilling": (None, {"kenyan": "KES", "ugandan": "UGX", "tanzanian": "TZS", "somali": "SOS"}),
    "birr": ("ETB", {"ethiopian": "ETB"}),
    "krona": ("SEK", {"swedish": "SEK"}),
    "krone": (None, {"norwegian": "NOK", "danish": "DKK"}),
    "baht": ("THB", {"thai": "THB"}),
    "ringgit": ("MYR", {"malaysian": "MYR"}),
    "rupiah": ("IDR", {"indonesian": "IDR"}),
    "dong": ("VND", {"vietnamese": "VND"}),
    "kip": ("LAK", {"lao": "LAK", "laotian": "LAK"}),
    "riel": ("KHR", {"cambodian": "KHR"}),
    "kwacha": (None, {"malawian": "MWK", "zambian": "ZMW"}),
    "pula": ("BWP", {"botswana": "BWP"}),
    "leone": (None, {"sierra leonean": "SLE"}),
}
_CURRENCY_FORMS = {
    "dollars": "dollar", "euros": "euro", "pounds": "pound", "rubles": "ruble", "roubles": "rouble",
    "hryvnias": "hryvnia", "hryvnas": "hryvna", "hryvnyas": "hryvnia", "shekels": "shekel", "rupees": "rupee",
    "rials": "rial", "riyals": "riyal", "liras": "lira", "lire": "lira", "dinars": "dinar", "dirhams": "dirham",
    "francs": "franc", "pesos": "peso", "afghanis": "afghani", "kyats": "kyat", "laris": "lari", "drams": "dram",
    "manats": "manat", "zlotys": "zloty", "zlotych": "zloty", "forints": "forint", "reals": "real",
    "bolivars": "bolivar", "bolivares": "bolivar", "cedis": "cedi", "shillings": "shilling", "kronor": "krona",
    "kroner": "krone",
    "ringgits": "ringgit", "rupiahs": "rupiah", "riels": "riel", "kwachas": "kwacha", "pulas": "pula",
    "leones": "leone",
}  # fmt: skip
_NATIONS = sorted({n for _, table in _CURRENCY_WORDS.values() for n in table}, key=len, reverse=True)
_CURRENCY_WORD = re.compile(
    rf"[ \u00a0]+(?:(?P<nation>(?i:{'|'.join(re.escape(n) for n in _NATIONS)}))[ \u00a0]+)?"
    rf"(?P<cur>(?i:{_alt(list(_CURRENCY_WORDS) + list(_CURRENCY_FORMS))}))(?P<sterling>[ \u00a0]+sterling)?\b"
    rf"|[ \u00a0]+(?P<code>{_CODE_RE})\b"
)
_DOLLAR_CODES = frozenset(["USD", *_NATION_DOLLARS.values()])
_NEEDS_NATION_OR_SCALE = frozenset({"won", "rand", "dong", "kip"})

# Words after the number: modifiers, then the counted noun.
_WORD = re.compile(r"[ \u00a0]+(U\.S\.|U\.N\.|U\.K\.|E\.U\.|[A-Za-z]+(?:-[A-Za-z]+)*)(?![\w-])")
_TIME = _words(
    "second seconds minute minutes hour hours day days week weeks fortnight fortnights month months year years "
    "decade decades century centuries millennium millennia night nights morning mornings afternoon afternoons "
    "evening evenings weekend weekends semester semesters a.m am p.m pm o'clock gmt utc et est edt cet bst"
)
_SKIP = _words(
    "times halves thirds quarters fifths sixths sevenths eighths ninths tenths percent per cent "
    "mm millimeter millimetre millimeters millimetres caliber calibre"
)
_IRREGULAR = _words(
    "people children men women police personnel staff troops cattle livestock aircraft feet teeth geese mice "
    "sheep fish deer dead wounded injured missing homeless displaced km kg mph kph mw gw kw mwh gwh ha lbs bpd ft "
    "cm kilo kilos"
)
_PREFER_NEXT = _words(
    "news arms sales goods sports affairs customs savings corps dead wounded injured missing homeless displaced km kg"
)
_SINGULAR = _words(
    "person man woman child soldier civilian fighter militant hostage prisoner journalist officer policeman "
    "worker refugee migrant passenger resident casualty victim body kilometer kilometre mile meter metre ton tonne "
    "barrel acre hectare"
)
_NOT_PLURAL = _words(
    "this thus us his hers its ours yours theirs yes as is was has does always perhaps whereas besides towards "
    "afterwards nevertheless nonetheless sometimes across less unless plus minus versus overseas alias bias gas lens "
    "atlas chaos ethos bus politics economics physics ethics mathematics aids says seems remains appears includes "
    "comes goes makes takes holds shows stands falls rises needs wants looks gets continues follows means becomes "
    "represents contains lies dies tries sees knows thinks feels gives keeps leaves puts runs sits asks uses "
    "regardless doubtless needless thanks whereabouts"
)
_STOP = _words(
    "of the a an and or nor but to in on at by for from with without as into onto over under than then that which "
    "who whom whose what when where while were was are is be been being had have has having will would could "
    "should shall may might must can cannot did do does done not no it its they them their he him his she her we "
    "us our you your i me my this these those there here per each every all both also still just only even so "
    "very about after before since until during against among between through across around near inside "
    "outside within according including if because although though unless whether said says told say reported "
    "out up down off away ago later earlier apart again ever never already yet now too either neither "
    "discuss discussed agree agreed meet met held hold spoke speak signed sign tell will went came made make took "
    "take gave give remain remained reached won lost died left face faced shared killed kill died die fled flee "
    "attended attend joined join visited visit voted vote arrived arrive"
)
_ED_OK = _words(
    "armed unarmed displaced injured wounded detained captured abducted kidnapped unmanned armored armoured "
    "guided trained skilled unidentified suspected alleged reported registered confirmed estimated enriched "
    "licensed qualified named specialized specialised unaccompanied"
)
_ING_OK = _words(
    "leading remaining existing ruling fighting warring neighboring neighbouring opposing competing incoming outgoing "
    "working governing attacking sitting visiting participating striking developing emerging missing"
)
_LY_OK = _words("elderly early daily weekly monthly yearly friendly unfriendly costly deadly likely")
_NUMBER_WORDS = frozenset([*_ONES, *_TEENS, *_TENS, *_SCALES, "dozen", "dozens", "hundreds", "thousands"])
_UNIT_FILLER = _words("more other additional further extra fewer another such")

# --- what precedes the number ------------------------------------------------------------------------------------

_MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct. nov nov. "
    "dec dec."
)
_WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
_DESIGNATORS = _words(
    "resolution resolutions article articles section chapter clause paragraph flight route highway road no no. "
    "number nos nos. room gate block level phase stage unit brigade battalion division squad regiment district "
    "zone sector building apartment bus train channel line platform version model type class tier grade ward "
    "precinct camp lot item category code page pages vol vol. volume issue act bill order decree rule step round "
    "covid windows iphone boeing airbus apollo soyuz cosmos kosmos mark mk mk. term session group verse psalm "
    "exit pier berth bay hall box suite terminal"
)
_PREV_WORD = re.compile(r"([A-Za-z][A-Za-z.'’]*)[ \u00a0]*$")
_SENTENCE_END = frozenset(".!?\"“”‘’'\n:;—(")
_NAMED_GROUP = re.compile(r"\b[A-Z][a-z]+[ \u00a0]+of[ \u00a0]*$")
_ONE_IN = re.compile(r"(?<![\w.,])(?i:one|1)[ \u00a0]+in[ \u00a0]+$")
_BETWEEN = re.compile(r"(?i:\bbetween)[ \u00a0]+$")
_FROM = re.compile(r"(?i:\bfrom)[ \u00a0]+$")
_RANGE_SEP = re.compile(r"[ \u00a0]?[-–][ \u00a0]?|[ \u00a0]+(?:to|and|or)[ \u00a0]+")


def _word_value(words: str) -> float:
    """The value of a number written in words ("two hundred fifty thousand", "a dozen", "half a million")."""
    tokens = re.split(r"[\s]+", words.lower())
    if tokens[:2] == ["half", "a"]:
        return 0.5 * (12.0 if tokens[2] == "dozen" else _SCALES[tokens[2]])
    total, current = 0.0, 0.0
    for token in tokens:
        if token == "a":
            current = 1.0
        elif token == "dozen":
            current = (current or 1.0) * 12
        elif token in _SCALES:
            if token == "hundred":
                current = (current or 1.0) * 100
            else:
                total += (current or 1.0) * _SCALES[token]
                current = 0.0
        elif "-" in token:
            tens, ones = token.split("-", 1)
            current += _TENS[tens] + _ONES[ones]
        else:
            current += _ONES.get(token) or _TEENS.get(token) or _TENS.get(token, 0)
    return total + current


class _Atom:
    """A number with its currency sign or code and its scale ("$3.85 billion", "two", "1,500")."""

    __slots__ = ("bare_dollar", "currency", "end", "has_scale", "is_digits", "scale", "start", "value")

    def __init__(self, match: re.Match[str]) -> None:
        self.start, self.end = match.span()
        sign, code = match["sign"], match["code"]
        self.currency = _SIGNS.get(sign) if sign else (_CODES[code] if code else None)
        self.bare_dollar = sign == "$"  # may yet be named by what follows: "$1 billion Singapore dollars"
        suffix, scale = match["suffix"], match["scale"]
        if suffix and not sign and not code and suffix.lower() not in {"bn", "mn", "mln", "bln", "tn", "trn"}:
            self.end = -1  # "100m", "5k": an attached k/m/b is a scale only after a currency sign
            return
        scale_factor = _SUFFIX_SCALES[suffix.lower()] if suffix else (_scale_word(scale) if scale else 1.0)
        self.is_digits = match["digits"] is not None
        if self.is_digits:
            self.value: float = float(match["digits"].replace(",", "")) * scale_factor
            self.scale = scale_factor  # what a range's bare lower bound is multiplied by: "5 to 10 million"
        else:
            self.value = _word_value(match["words"]) * scale_factor
            last = match["words"].split()[-1].lower()
            self.scale = scale_factor * _SCALES.get(last, 1.0)  # "two to three hundred"
        self.has_scale = self.scale != 1.0


def _scale_word(word: str) -> float:
    word = word.lower()
    return _SCALE_WORDS.get(word) or _SUFFIX_SCALES[word]


def _prefer_next(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` is followed by a plural noun ("news outlets", "wounded soldiers")."""
    following = _WORD.match(text, pos)
    return following is not None and _is_head(following[1].lower(), plural=True)


def _is_head(word: str, plural: bool) -> bool:
    if word in _STOP or word in _NOT_PLURAL:
        return False
    if word in _IRREGULAR or (word.endswith("men") and len(word) > 5 and word not in _NOT_PLURAL):
        return True  # "gunmen", "fishermen", "servicemen"
    if not plural:
        return word in _SINGULAR
    return (
        len(word) > 2
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "ous", "'s"))
        and word.replace("-", "").isalpha()
    )


def _is_modifier(text: str, pos: int, word: str) -> bool:
    """Whether ``word`` (ending at ``pos``) can stand between a number and its noun ("metric", "U.S.", "IS")."""
    if len(word) > 1 and word.isupper():
        return True  # an acronym: "IS members", "BLA terrorists"
    low = word.lower()
    if low in _STOP or low in _NOT_PLURAL or low in _TIME or low in _SKIP or low in _NUMBER_WORDS:
        return False
    if "-" in word or not word.islower():
        return True
    if low.endswith("ly") and low not in _LY_OK:
        return False  # "173 mostly women"
    if (low.endswith("ed") and low not in _ED_OK) or (low.endswith("ing") and low not in _ING_OK):
        return _prefer_next(text, pos)  # "79 surveyed countries", not "the two discussed trade issues"
    return True


def _count_unit(text: str, pos: int, singular: bool) -> _Unit:
    """The counted noun after ``pos``: (end, unit), None when there is none, False for a duration or "times"."""
    words: list[str] = []
    for _ in range(4):
        match = _WORD.match(text, pos)
        if not match:
            return None
        word = match[1]
        low = word.lower()
        if low in _TIME or low in _SKIP:
            return False
        words.append(word)
        pos = match.end()
        if _is_head(low, plural=not singular) or (singular and low in _IRREGULAR):
            if low in _PREFER_NEXT and _prefer_next(text, pos):
                continue
            while len(words) > 1 and words[0].lower() in _UNIT_FILLER:
                words.pop(0)
            return pos, " ".join(words).lower()
        if not _is_modifier(text, pos, word):
            return None
    return None


def _money_word(text: str, pos: int, scaled: bool) -> tuple[int, str] | None:
    """A currency named after the number ("dollars", "Canadian dollars", "euros", "USD"): (end, code)."""
    match = _CURRENCY_WORD.match(text, pos)
    if not match:
        return None
    if match["code"]:
        return match.end(), _CODES[match["code"]]
    cur = match["cur"].lower()
    lemma = _CURRENCY_FORMS.get(cur, cur)
    default, nations = _CURRENCY_WORDS[lemma]
    nation = match["nation"].lower() if match["nation"] else None
    if lemma == "pound" and match["sterling"]:
        return match.end(), "GBP"
    if nation and nation in nations:
        return match.end(), nations[nation]
    if default is None or (lemma in _NEEDS_NATION_OR_SCALE and not scaled):
        return None
    if nation:  # a nationality that does not go with this currency: "Iraqi dollars"?
        return None
    return match.end("cur"), default


def _suffix(text: str, atom: _Atom) -> _Unit:
    """What makes the number an amount: (end, unit) for percent, money or a count; None or False otherwise."""
    pos = atom.end
    percent = _PERCENT.match(text, pos)
    if percent:
        unit = "percentage points" if "point" in percent[0].lower() else "percent"
        return percent.end(), unit
    money = _money_word(text, pos, atom.has_scale or bool(atom.currency))
    if atom.currency:
        # A currency named again after the number belongs to the amount ("$5 million US dollars"), and names
        # which dollars a bare "$" meant ("$1 billion Singapore dollars" is SGD).
        if money and (money[1] == atom.currency or (atom.bare_dollar and money[1] in _DOLLAR_CODES)):
            return money
        return pos, atom.currency
    if money:
        return money
    singular = atom.value == 1.0 and not atom.has_scale
    return _count_unit(text, pos, singular)


def _blocked_before(text: str, start: int, atom: _Atom) -> bool:
    """Whether what precedes a bare number makes it a date, a designator or a name ("March 13", "Resolution 2231")."""
    if atom.currency:
        return False
    window = text[max(0, start - 30) : start]
    if _ONE_IN.search(window):
        return True  # "one in five teachers" is a ratio, not five teachers
    prev = _PREV_WORD.search(window)
    if not prev:
        return False
    word = prev[1]
    low = word.lower()
    if not atom.is_digits:
        if low == "of" and text[start].isupper() and _NAMED_GROUP.search(window):
            return True  # "the Group of Seven leading democracies" is a name
        return low in {"no", "any", "every", "some", "each"} and atom.value == 1.0
    if low.rstrip(".") in _DESIGNATORS or low in _DESIGNATORS:
        return True
    if low in _MONTHS and word[0].isupper() and atom.value is not None and atom.value <= 31:
        return True
    if word[0].isupper() and low not in _WEEKDAYS and low not in _MONTHS and not low.endswith(("'s", "’s")):
        before = window[: prev.start()].rstrip(" \u00a0")
        sentence_initial = not before or before[-1] in _SENTENCE_END
        return not sentence_initial
    return False


def _is_year(atom: _Atom, text: str) -> bool:
    raw = text[atom.start : atom.end]
    return atom.is_digits and not atom.has_scale and bool(re.fullmatch(r"1[89]\d\d|20\d\d|2100", raw))


def find_amounts(text: str) -> list[Amount]:
    """Money, percentages and counts with units in ``text``, in order, with exact offsets."""
    amounts: list[Amount] = []
    pos = 0
    for start in _starts(text):
        if start < pos:
            continue
        vague = _VAGUE.match(text, start) if text[start] in "tThHdDsSmMbB" else None
        if vague:
            pos = vague.end()
            money = _money_word(text, pos, True)
            unit: _Unit = money or _count_unit(text, pos, False)
            if unit:
                amounts.append(Amount(text=text[start : unit[0]], start=start, end=unit[0], value=None, unit=unit[1]))
                pos = unit[0]
            continue
        match = _ATOM.match(text, start)
        if not match or match.end() == start:
            continue
        atom = _Atom(match)
        if atom.end < 0:
            pos = match.end()
            continue
        pos = atom.end
        if _blocked_before(text, start, atom):
            continue
        if (
            text.startswith(("-", "–"), atom.end)
            and not atom.currency
            and not _range_follows(text, atom.end)
            and not _PERCENT.match(text, atom.end)
        ):
            continue  # "30-day", "12-year-old", "5,000-strong" (but "$20,000-a-year", "40-percent")
        own = _suffix(text, atom)
        if own is False:
            continue
        ranged = _range(text, atom, own, start)
        if ranged:
            span_start, value, unit_end, unit_name = ranged
        elif own is None:
            continue
        else:
            span_start, value, (unit_end, unit_name) = start, atom.value, own
            percent = unit_name in {"percent", "percentage points"}
            if _is_year(atom, text) and not percent and not _is_money_code(unit_name):
                continue  # "2022 elections"
        amounts.append(
            Amount(text=text[span_start:unit_end], start=span_start, end=unit_end, value=value, unit=unit_name)
        )
        pos = max(pos, unit_end)
    return amounts


def _is_money_code(unit: str | None) -> bool:
    return unit is not None and len(unit) == 3 and unit.isupper()


def _range_follows(text: str, pos: int) -> bool:
    """Whether a hyphen at ``pos`` joins two numbers ("20-30 people")."""
    return bool(re.match(r"[-–][ \u00a0]?(?:[$€£¥₹]|\d)", text[pos : pos + 4]))


def _range(text: str, first: _Atom, own: tuple[int, str] | None, start: int) -> tuple[int, float, int, str] | None:
    """A range starting with ``first`` ("between 1,500 and 3,000 fighters"): (start, lower bound, end, unit) or None."""
    sep = _RANGE_SEP.match(text, own[0] if own else first.end)
    if not sep:
        return None
    connector = sep[0].strip().lower()
    between = _BETWEEN.search(text, max(0, start - 12), start) if connector == "and" else None
    if connector == "and" and not between:
        return None  # "12 soldiers and 3 civilians" are two amounts
    hyphen = connector in {"-", "–"}
    if (hyphen or connector == "to") and _FROM.search(text, max(0, start - 8), start):
        return None  # "rose from 10 to 20 percent" is a change, not a range
    if own and hyphen and own[1] not in {"percent", "percentage points"} and not first.currency:
        return None
    match = _ATOM.match(text, sep.end())
    if not match:
        return None
    second = _Atom(match)
    if second.end < 0 or _is_year(first, text) or _is_year(second, text):
        return None
    if first.currency and second.currency and first.currency != second.currency:
        return None
    if first.currency and not second.currency and (hyphen or (second.has_scale and not first.has_scale)):
        second.currency = first.currency  # "$5-10 billion", "$5 to 10 billion"
    tail = _suffix(text, second)
    if not tail or (own and own[1] != tail[1]):
        return None
    if first.currency and tail[1] != first.currency:
        return None
    low = first.value
    if second.has_scale and not first.has_scale:
        low *= second.scale
    return (between.start() if between else start), low, tail[0], tail[1]


class AmountStage:
    """Adds the amounts layer: money, percentages and counts with units."""

    name = "amounts"
    requires = ()  # reads the text alone
    assigns = ("amounts",)

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            work.article.amounts = find_amounts(work.article.text)
