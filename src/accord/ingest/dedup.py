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
from collections import deque
from dataclasses import dataclass

import numpy as np

from accord.types import stable_id

NUM_HASHES = 128
BANDS = 32
ROWS = NUM_HASHES // BANDS
SHINGLE = 3
DEFAULT_THRESHOLD = 0.5
DEFAULT_WINDOW = 100_000

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
    """Remembers the documents seen in a run and says which earlier one a new document repeats.

    Exact duplicates are found among all documents of the run; near-duplicates among the last
    `window` documents (default 100,000, about 300 MB), the oldest forgotten first.
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, near: bool = True, window: int = DEFAULT_WINDOW) -> None:
        self.threshold = threshold
        self.near = near
        self.window = window
        self._exact: dict[str, tuple[str, str]] = {}
        self._near: dict[int, tuple[str, str, np.ndarray]] = {}
        self._order: deque[int] = deque()
        self._bands: list[dict[int, int]] = [{} for _ in range(BANDS)]
        self._next = 0

    def __len__(self) -> int:
        return len(self._exact)

    def check(self, doc_id: str, text: str, origin: str) -> Match | None:
        """The match for this document, or None after remembering it as an original."""
        key = content_key(text)
        if key in self._exact:
            original, where = self._exact[key]
            return Match("duplicate", original, where, 1.0)
        self._exact[key] = (doc_id, origin)
        if not self.near:
            return None
        sig = signature(text)
        found = self._nearest(sig)
        if found is not None:
            del self._exact[key]
            original, where, score = found
            return Match("near_duplicate", original, where, score)
        self._remember(doc_id, origin, sig)
        return None

    def _nearest(self, sig: np.ndarray) -> tuple[str, str, float] | None:
        candidates = {band.get(k) for band, k in zip(self._bands, _band_keys(sig), strict=True)}
        candidates.discard(None)
        best: tuple[str, str, float] | None = None
        for k in candidates:
            doc_id, origin, other = self._near[k]  # type: ignore[index]
            score = similarity(sig, other)
            if score >= self.threshold and (best is None or score > best[2]):
                best = (doc_id, origin, score)
        return best

    def _remember(self, doc_id: str, origin: str, sig: np.ndarray) -> None:
        k = self._next
        self._next += 1
        self._near[k] = (doc_id, origin, sig)
        self._order.append(k)
        for band, key in zip(self._bands, _band_keys(sig), strict=True):
            band.setdefault(key, k)
        if len(self._order) > self.window:
            self._forget(self._order.popleft())

    def _forget(self, k: int) -> None:
        _, _, sig = self._near.pop(k)
        for band, key in zip(self._bands, _band_keys(sig), strict=True):
            if band.get(key) == k:
                del band[key]


def _band_keys(sig: np.ndarray) -> list[int]:
    """One int per band: the band's ROWS hashes packed together."""
    packed = sig.astype(np.uint64).reshape(BANDS, ROWS)
    folded = packed[:, 0] ^ (packed[:, 1] << np.uint64(32)) ^ (packed[:, 2] * _MIX) ^ ((packed[:, 3] << np.uint64(16)) * _MIX)
    return folded.tolist()
