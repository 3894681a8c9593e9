"""The pure parts of the resource limits, at and around their edges."""

from __future__ import annotations

import ipaddress

import pytest

from briefgen.loading.image_checks import MAX_SVG_ELEMENTS, drawing_problem
from briefgen.loading.remote import address_kind


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("8.8.8.8", None),
        ("1.1.1.1", None),
        ("2606:4700:4700::1111", None),
        ("127.0.0.2", "loopback"),
        ("10.255.255.255", "private"),
        ("172.31.0.1", "private"),
        ("172.32.0.1", None),  # just past 172.16/12
        ("192.168.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "non-public"),
        ("::", "unspecified"),
        ("ff02::1", "multicast"),
        ("fd00::1", "private"),
        ("::ffff:10.0.0.1", "private"),
        ("::ffff:8.8.8.8", None),
        ("2002:7f00:1::", "loopback"),  # 6to4 around 127.0.0.1
    ],
)
def test_address_kind(address: str, kind: str | None) -> None:
    assert address_kind(ipaddress.ip_address(address)) == kind


def _svg(body: str) -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{body}</svg>'.encode()


def test_element_count_is_exact_at_the_bound() -> None:
    rects = '<rect width="1" height="1"/>' * (MAX_SVG_ELEMENTS - 1)  # plus the <svg> itself
    assert drawing_problem(_svg(rects), "image/svg+xml") is None
    problem = drawing_problem(_svg(rects + "<g/>"), "image/svg+xml")
    assert problem is not None and "draws more than 20,000 elements" in problem.reason


def test_markers_count_once_per_vertex() -> None:
    marker = '<marker id="m"><rect width="1" height="1"/><rect width="1" height="1"/></marker>'
    points = " ".join(f"{i} {i}" for i in range(6_000))  # 12,000 numbers: 12,001 markers
    problem = drawing_problem(
        _svg(f'<defs>{marker}</defs><polyline points="{points}" marker-mid="url(#m)"/>'),
        "image/svg+xml",
    )
    assert problem is not None and "draws more than" in problem.reason


@pytest.mark.parametrize(
    ("value", "fine"),
    [
        ('fill="#1e4000"', True),  # a colour, not 1e4000
        ('d="M1.5.5 L 2 2"', True),
        ('d="M1.5.1e400 L 2 2"', False),  # .1e400 hides after 1.5
        ('transform="scale(1e9)"', True),
        ('transform="scale(1.1e9)"', False),
        ('x="-Infinity"', False),
        ('class="nan"', True),  # not a number attribute
        ('font-family="Infinity Sans"', True),
    ],
)
def test_numbers(value: str, fine: bool) -> None:
    problem = drawing_problem(_svg(f"<path {value}/>"), "image/svg+xml")
    assert (problem is None) is fine, problem
