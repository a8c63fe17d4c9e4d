"""Document dedup: exact (same normalised text) and near-duplicate (MinHash over word shingles).

Near-duplicates are the same wire story republished with another headline, a changed paragraph
or a different byline. Each text becomes the set of its 3-word shingles (lower-cased words);
128 min-hashes estimate the Jaccard similarity of two such sets (standard error about 0.04), and
locality-sensitive hashing (32 bands of 4 hashes) finds the candidates without comparing every
pair. A document whose
estimated similarity to an earlier one reaches the threshold (default 0.5) repeats it.

Pairs found by the bands are checked on all 128 hashes, so a different story on the same topic
(similarity around 0.1-0.3) is not taken for a repeat; a rewrite that keeps 60% or more of its
shingles is found with a probability above 0.99 (0.87 at 50%). The index holds about 3 KB per
document (300 MB for 100,000 documents in one run).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np

from accord.types import stable_id

NUM_HASHES = 128
BANDS = 32
ROWS = NUM_HASHES // BANDS
SHINGLE = 3
DEFAULT_THRESHOLD = 0.5

_WORD = re.compile(r"\w+")
_rng = np.random.default_rng(20250601)
_A = _rng.integers(0, 1 << 63, size=NUM_HASHES, dtype=np.uint64) * np.uint64(2) + np.uint64(1)  # odd
_B = _rng.integers(0, 1 << 63, size=NUM_HASHES, dtype=np.uint64)
_MIX = np.uint64(0x9E3779B97F4A7C15)


def content_key(text: str) -> str:
    """Identity of a text regardless of whitespace, case and URL (exact duplicates)."""
    return stable_id(" ".join(text.split()).lower())


def shingle_hashes(text: str, size: int = SHINGLE) -> np.ndarray:
    """64-bit hashes of the distinct `size`-word shingles of a text (one for a shorter text)."""
    words = _WORD.findall(text.lower())
    if not words:
        return np.zeros(1, dtype=np.uint64)
    h = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    if len(h) < size:
        size = len(h)
    combined = h[: len(h) - size + 1].copy()
    for k in range(1, size):
        combined = combined * _MIX + h[k: len(h) - size + 1 + k]
    return np.unique(combined)


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a text: NUM_HASHES values (uint32).

    Each of the NUM_HASHES hash functions is multiply-add-shift, (a * x + b) mod 2**64 >> 32
    with a random odd `a`: uint64 arithmetic wraps, which is the modulus.
    """
    x = shingle_hashes(text)
    hashed = (_A[:, None] * x[None, :] + _B[:, None]) >> np.uint64(32)
    return hashed.min(axis=1).astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two texts from their signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(frozen=True, slots=True)
class Match:
    """The earlier document a new one repeats: `kind` is `duplicate` (same text) or `near_duplicate`."""

    kind: str
    original_id: str
    original_origin: str
    similarity: float


class DedupIndex:
    """Remembers the documents seen in a run and says which earlier one a new document repeats."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, near: bool = True) -> None:
        self.threshold = threshold
        self.near = near
        self._exact: dict[str, int] = {}
        self._ids: list[str] = []
        self._origins: list[str] = []
        self._signatures: list[np.ndarray] = []
        self._bands: list[dict[bytes, int]] = [{} for _ in range(BANDS)]

    def __len__(self) -> int:
        return len(self._ids)

    def check(self, doc_id: str, text: str, origin: str) -> Match | None:
        """The match for this document, or None after remembering it as an original."""
        key = content_key(text)
        if key in self._exact:
            k = self._exact[key]
            return Match("duplicate", self._ids[k], self._origins[k], 1.0)
        sig = signature(text) if self.near else None
        if sig is not None:
            found = self._nearest(sig)
            if found is not None:
                k, score = found
                return Match("near_duplicate", self._ids[k], self._origins[k], score)
        self._remember(key, doc_id, origin, sig)
        return None

    def _nearest(self, sig: np.ndarray) -> tuple[int, float] | None:
        candidates = {band.get(sig[i * ROWS:(i + 1) * ROWS].tobytes()) for i, band in enumerate(self._bands)}
        candidates.discard(None)
        best: tuple[int, float] | None = None
        for k in candidates:
            assert k is not None
            score = similarity(sig, self._signatures[k])
            if score >= self.threshold and (best is None or score > best[1]):
                best = (k, score)
        return best

    def _remember(self, key: str, doc_id: str, origin: str, sig: np.ndarray | None) -> None:
        k = len(self._ids)
        self._exact[key] = k
        self._ids.append(doc_id)
        self._origins.append(origin)
        if sig is None:
            return
        self._signatures.append(sig)
        for i, band in enumerate(self._bands):
            band.setdefault(sig[i * ROWS:(i + 1) * ROWS].tobytes(), k)
