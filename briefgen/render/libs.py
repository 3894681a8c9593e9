"""Find WeasyPrint's native libraries without compiling anything.

On import, WeasyPrint tries several names per library (pango, harfbuzz, fontconfig...).
Each name cffi cannot open directly goes to ``ctypes.util.find_library``, which on Linux
runs ``ldconfig``, then ``gcc`` and ``ld`` when that fails: ~22 lookups, ~0.2 s of a
~0.5 s import, most of them spawning a compiler for names that can never match. During
that import we answer from the ``ldconfig`` cache alone; the names WeasyPrint tries last
(exact sonames such as ``libpango-1.0.so.0``) are opened by the dynamic loader directly,
so a library outside that cache (LD_LIBRARY_PATH) is still found.
"""

from __future__ import annotations

import ctypes.util
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def fast_library_lookup() -> Iterator[None]:
    """Within the block, ``find_library`` asks ldconfig only (Linux; elsewhere a no-op)."""
    ldconfig: Callable[[str], str | None] | None = getattr(
        ctypes.util, "_findSoname_ldconfig", None
    )
    if not sys.platform.startswith("linux") or ldconfig is None:
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = ldconfig  # type: ignore[assignment]
    try:
        yield
    finally:
        ctypes.util.find_library = original
