"""Near-duplicate articles: syndicated copies and updated versions of one story.

Each article gets a MinHash signature of its word 5-shingles (datasketch). The
signature is cut into bands; articles that share a band are candidates, kept in
the ``minhash_bands`` table so the lookup is one indexed query however large the
store grows. A candidate whose estimated Jaccard similarity reaches
:data:`THRESHOLD` is a near-duplicate: the new article is stored and linked
(``duplicate_of``) but not counted again in events and stories.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from sqlalchemy import Connection, select

from newsledger.store.schema import articles, minhash_bands
from newsledger.store.sql import chunks

NUM_PERM = 128
BANDS, ROWS = 32, 4  # 32 bands of 4: a pair at Jaccard 0.6 is a candidate 98.8% of the time, at 0.3 23%
SHINGLE = 5
THRESHOLD = 0.6  # an update adding a third more text to a story still reaches ~0.7
MAX_CANDIDATES = 200
_WORD = re.compile(r"\w+")


def shingles(text: str) -> list[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) <= SHINGLE:
        return [" ".join(words).encode()]
    return list({" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)})


def signature(text: str) -> np.ndarray:
    """The MinHash signature (uint32 values) of the text's shingles."""
    minhash = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32)  # stable across runs, and fast
    minhash.update_batch(shingles(text))
    return minhash.hashvalues.astype("<u4")


def band_keys(values: np.ndarray) -> list[int]:
    """One signed 64-bit key per band: the band number in the top bits, a hash of its values below."""
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8).digest()
        keys.append((band << 57) | (int.from_bytes(digest, "big") >> 7))
    return [key - (1 << 64) if key >= 1 << 63 else key for key in keys]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


@dataclass
class Duplicate:
    article_id: int  # the original (never itself a duplicate)
    similarity: float


def find_duplicate(conn: Connection, values: np.ndarray) -> Duplicate | None:
    """The most similar stored article at or above the threshold, if any."""
    keys = band_keys(values)
    candidates: set[int] = set()
    for chunk in chunks(keys):
        candidates.update(
            conn.execute(select(minhash_bands.c.article_id).where(minhash_bands.c.band_key.in_(chunk))).scalars()
        )
    if not candidates:
        return None
    best: Duplicate | None = None
    ids = sorted(candidates)[-MAX_CANDIDATES:]
    rows = conn.execute(
        select(articles.c.id, articles.c.duplicate_of, articles.c.minhash).where(articles.c.id.in_(ids))
    )
    for row_id, duplicate_of, blob in rows:
        if blob is None:
            continue
        score = similarity(values, np.frombuffer(blob, dtype="<u4"))
        if score >= THRESHOLD and (best is None or score > best.similarity):
            best = Duplicate(duplicate_of or row_id, score)
    return best


def band_rows(article_id: int, values: np.ndarray) -> list[dict[str, object]]:
    return [{"band_key": key, "article_id": article_id} for key in dict.fromkeys(band_keys(values))]
