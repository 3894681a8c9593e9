"""How different two colours look: CIEDE2000 (Sharma, Wu and Dalal, 2005).

A map's value classes must be told apart at a glance, and from the grey of the countries
without data; contrast ratios measure lightness only, so two neighbouring classes could
pass a contrast check and still look alike. A difference of 10 or more is plainly seen.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import pairwise

CLASS_DIFFERENCE = 10.0  # CIEDE2000: plainly seen side by side on a map


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def lab(colour: str) -> tuple[float, float, float]:
    """CIELAB (D65) of a ``#rrggbb`` sRGB colour."""
    r, g, b = (_linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def ciede2000(first: str, second: str) -> float:
    """The CIEDE2000 difference of two ``#rrggbb`` colours (0: the same)."""
    return delta_e(lab(first), lab(second))


def delta_e(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    """CIEDE2000 of two CIELAB colours."""
    l1, a1, b1 = first
    l2, a2, b2 = second
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    else:
        dh = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    dhp = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_bar - 30))
        + 0.24 * math.cos(math.radians(2 * h_bar))
        + 0.32 * math.cos(math.radians(3 * h_bar + 6))
        - 0.20 * math.cos(math.radians(4 * h_bar - 63))
    )
    sl = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    sc = 1 + 0.045 * cp_bar
    sh = 1 + 0.015 * cp_bar * t
    rt = (
        -2
        * math.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((h_bar - 275) / 25) ** 2))))
    )
    return math.sqrt(
        (dl / sl) ** 2 + (dc / sc) ** 2 + (dhp / sh) ** 2 + rt * (dc / sc) * (dhp / sh)
    )


def distinct_shades(mix: Callable[[float], str], classes: int, floor: str) -> list[str]:
    """``classes`` shades of one colour, lightest first, each at least ``CLASS_DIFFERENCE``
    from the next and from ``floor`` (the no-data grey).

    ``mix(share)`` gives the colour at ``share`` (1: full, 0: white). Shades are taken
    from the darkest down, each the darkest that is far enough from the one before; if
    one comes too close to the floor, the steps are made equal instead. The tints of some
    colours (a blue-grey such as #446688) pass through the floor with too little room
    above it for every class: the darkest class is then the colour darkened, step by
    step, and the lighter ones skip the tints near the floor, until all fit.
    """
    shades = _from_the_darkest(mix, mix(1.0), classes)
    if shades is None or not _apart(shades, floor):
        step = 0.8 / max(1, classes - 1)
        shades = [mix(1.0 - step * index) for index in range(classes)]
    darkening = 0.0
    while not _apart(shades, floor) and darkening < MAX_DARKENING:
        darkening += 0.05
        darkest = _darker(mix(1.0), darkening)
        shades = _from_the_darkest(mix, darkest, classes, avoiding=floor) or shades
    return shades[::-1]


MAX_DARKENING = 0.6  # the share of black the darkest class may take


def _from_the_darkest(
    mix: Callable[[float], str], darkest: str, classes: int, avoiding: str | None = None
) -> list[str] | None:
    """Shades from ``darkest`` down the tints, darkest first, each far enough from the one
    before (and from ``avoiding``); None if fewer than ``classes`` fit."""
    shades = [darkest]
    share = 1.0
    while len(shades) < classes and share > 0.05:
        share -= 0.01
        shade = mix(share)
        if ciede2000(shade, shades[-1]) < CLASS_DIFFERENCE + 1:
            continue
        if avoiding is None or ciede2000(shade, avoiding) >= CLASS_DIFFERENCE:
            shades.append(shade)
    return shades if len(shades) == classes else None


def _apart(shades: list[str], floor: str) -> bool:
    """Each shade at least ``CLASS_DIFFERENCE`` from the next and from ``floor``."""
    steps = all(ciede2000(a, b) >= CLASS_DIFFERENCE for a, b in pairwise(shades))
    return steps and all(ciede2000(shade, floor) >= CLASS_DIFFERENCE for shade in shades)


def _darker(colour: str, share: float) -> str:
    """``colour`` blended with black: share 0 keeps it, 1 gives black."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * (1 - share)):02x}" for c in channels)
