"""The cache generation: one shared value that changes whenever published content changes.

Stored pages record the generation they were made in, and kept values carry it in their keys,
so starting a new generation makes all of them stale at once, in every process and on every
machine that shares the cache. A request reads the generation once (see `request_scope`).
"""

import contextlib
import contextvars
import uuid

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "caching:generation"
# Within a request: {"generation": ...} once read; outside requests (commands, shells): None,
# so every read asks the cache and sees changes made by other processes at once.
_request_memo = contextvars.ContextVar("content_generation", default=None)


@contextlib.contextmanager
def request_scope():
    """Read the generation at most once while serving one request."""
    token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(token)


def remember_for_request(generation):
    memo = _request_memo.get()
    if memo is not None:
        memo["generation"] = generation


def current_generation():
    memo = _request_memo.get()
    if memo is not None and "generation" in memo:
        return memo["generation"]
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Lost (evicted, Redis restarted or unreachable): start a fresh generation, never an
        # old one, so entries stored before the loss cannot come back.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY) or uuid.uuid4().hex
    remember_for_request(generation)
    return generation


def start_new_generation():
    """Make every stored page and kept value stale, now and again when the transaction commits.

    Now, so the editor's own next request sees the change; after the commit, so a visitor whose
    request read the database just before the commit cannot store the old page under the new
    generation."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _new_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    memo = _request_memo.get()
    if memo is not None:
        memo.pop("generation", None)
