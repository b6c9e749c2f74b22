"""The store the web tests read: the bundled example (two articles), a hand-written hostile article
(markup and a ``javascript:`` URL in its headline, text and url) and a small slice of the VOA corpus
when shared/data is beside the checkout. Built once per test process, however many modules use it."""

from __future__ import annotations

import functools
import itertools
import tempfile
from pathlib import Path

from conftest import DATA, EXAMPLE, FIXTURES
from newsledger.pipeline import default_pipeline
from newsledger.store.database import open_engine
from newsledger.store.ingest import Ingest

HOSTILE = FIXTURES / "web" / "hostile.jsonl"
VOA_ARTICLES = 12  # enough for several stories and places; ingest takes a few seconds


@functools.cache
def web_store_path() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="newsledger-web-test-"))
    inputs = [str(EXAMPLE), str(HOSTILE)]
    voa = DATA / "voa" / "voa_stories.jsonl"
    if voa.exists():
        sliced = folder / "voa-slice.jsonl"
        with voa.open(encoding="utf-8") as source:
            sliced.write_text("".join(itertools.islice(source, VOA_ARTICLES)), encoding="utf-8")
        inputs.append(str(sliced))
    path = folder / "web.db"
    engine = open_engine(str(path))
    Ingest(engine, default_pipeline(), progress=False).run(inputs)
    engine.dispose()
    return path
