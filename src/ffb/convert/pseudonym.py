"""Pseudonymisation: CPR numbers and other keys become HMAC-SHA256 digests under the user's key.

The same text and key always give the same pseudonym, so deliveries over the years link up;
without the key nobody can go back from the pseudonym to the number. The converter refuses to
run without a key rather than invent one.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import polars as pl

KEY_ENV = "FFB_PSEUDONYM_KEY"
MIN_KEY_BYTES = 16
BLOCK = 64  # SHA-256's block size, for HMAC's padded keys


class MissingKey(Exception):
    """No usable key: the message says how to give one."""


def load_key(key_file: Path | None) -> bytes:
    if key_file is not None:
        try:
            key = key_file.read_bytes().strip()
        except OSError as error:
            raise MissingKey(f"{key_file}: the key file cannot be read ({error.strerror or error})") from error
        where = str(key_file)
    elif os.environ.get(KEY_ENV):
        key, where = os.environ[KEY_ENV].encode("utf-8").strip(), f"${KEY_ENV}"
    else:
        raise MissingKey(
            "no pseudonymisation key: give --key-file FILE or set "
            f"{KEY_ENV}; the same key must be used for every delivery so ids link up"
        )
    if len(key) < MIN_KEY_BYTES:
        raise MissingKey(f"{where}: the key is {len(key)} bytes; use at least {MIN_KEY_BYTES} random bytes")
    return key


class Pseudonymiser:
    """HMAC-SHA256 of texts under one key (RFC 2104, with the padded key hashed once)."""

    def __init__(self, key: bytes) -> None:
        if len(key) > BLOCK:
            key = hashlib.sha256(key).digest()
        key = key.ljust(BLOCK, b"\0")
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))
        # Digests already made, per family of texts (the same key feeds several tables).
        self._known: dict[object, pl.DataFrame] = {}

    def digest(self, text: str) -> str:
        inner = self._inner.copy()
        inner.update(text.encode("utf-8"))
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()

    def forget(self) -> None:
        """Let go of the digests made so far (between batches of a large export, so that the
        memory they take does not grow with the export)."""
        self._known.clear()

    def series(self, values: pl.Series, length: int = 64, prefix: str = "", family: object = None) -> pl.Series:
        """The pseudonym of every value (null stays null), computed once per distinct value
        (and once per family of texts across calls)."""
        distinct = values.drop_nulls().unique().to_frame("_text")
        known = self._known.get(family)
        if known is not None:
            distinct = distinct.join(known, on="_text", how="anti")
        texts = distinct["_text"].to_list()
        digests = pl.Series([self.digest(text) for text in texts], dtype=pl.String)
        lookup = pl.DataFrame({"_text": pl.Series(texts, dtype=pl.String), "_digest": digests})
        if known is not None:
            lookup = pl.concat([known, lookup])
        self._known[family] = lookup
        digest = values.to_frame("_text").join(lookup, on="_text", how="left", maintain_order="left")["_digest"]
        return prefix + digest.str.slice(0, length)
