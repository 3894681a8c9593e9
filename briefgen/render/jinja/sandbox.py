"""Jinja's sandbox, with caps on the size of what a template may build.

Jinja's sandbox keeps a template away from Python internals, but not from memory:
``{{ 'a' * 10**10 }}`` in a template folder from a pull request would build a 10 GB
string. Here every operator, method and filter that can multiply a value's size checks
the size first, and refuses with :class:`TooLarge` (a ``SecurityError``) beyond the caps.
Templates are also immutable (no ``list.append``), like Jinja's immutable sandbox: they
only lay out the brief's data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any

from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.nodes import Concat
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_TEMPLATE_VALUE = 1_000_000
"""Characters of a string, or items of a list, that a template expression may build."""

MAX_TEMPLATE_RANGE = 10_000
"""Numbers a template's ``range()`` may count (a brief has dozens of items)."""

MAX_TEMPLATE_WIDTH = 10_000
"""A width, padding or count argument (``center``, ``'%5000d'``, ``batch``...)."""

MAX_TEMPLATE_INT_BITS = 100_000
"""Bits of an integer a template may compute (about 30,000 digits)."""

MAX_TEMPLATE_OUTPUT = 200_000_000
"""Characters one template may write: loops of bounded pieces (``range`` inside
``range``) add up; embedded images make a real page a few megabytes at most."""

_PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")
_BRACE_FIELD = re.compile(r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}")
_SIZED = (str, list, tuple)


class TooLarge(SecurityError):
    """A template asked for a value beyond the caps above."""


def _refuse(what: str, size: int, limit: int) -> TooLarge:
    return TooLarge(f"{what} would be too large ({size:,} > {limit:,}); templates are capped")


def check_size(size: int, what: str = "a string or list") -> None:
    if size > MAX_TEMPLATE_VALUE:
        raise _refuse(what, size, MAX_TEMPLATE_VALUE)


def check_width(width: object, what: str = "a width") -> None:
    if isinstance(width, int) and width > MAX_TEMPLATE_WIDTH:
        raise _refuse(what, width, MAX_TEMPLATE_WIDTH)


def _check_int_bits(bits: int) -> None:
    if bits > MAX_TEMPLATE_INT_BITS:
        raise _refuse("a number", bits, MAX_TEMPLATE_INT_BITS)


def check_percent_format(template: str, values: object) -> None:
    """``'%09999d' % x``: widths and precisions in the format, or taken from ``*``."""
    star = False
    for width, precision in _PERCENT_FIELD.findall(template):
        for number in (width, precision):
            star |= number == "*"
            if number.isdigit():
                check_width(int(number), "a formatted field")
    if star:
        for value in values if isinstance(values, tuple) else (values,):
            check_width(value, "a formatted field")


def check_brace_format(template: str, args: Iterable[object], kwargs: dict[str, Any]) -> None:
    """``'{:>99999}'.format(x)``: widths in the format, or nested ones from the arguments."""
    for field in _BRACE_FIELD.findall(template):
        spec = field[1:-1].partition(":")[2]
        for number in re.findall(r"\d+", spec):
            check_width(int(number), "a formatted field")
        if "{" in spec:
            for value in [*args, *kwargs.values()]:
                check_width(value, "a formatted field")


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        if isinstance(left, int) and isinstance(right, _SIZED):
            left, right = right, left
        if isinstance(left, _SIZED) and isinstance(right, int):
            check_size(len(left) * right)
        elif isinstance(left, int) and isinstance(right, int):
            _check_int_bits(left.bit_length() + right.bit_length())
    elif operator == "+" and isinstance(left, _SIZED) and isinstance(right, _SIZED):
        check_size(len(left) + len(right))
    elif operator == "**" and isinstance(left, int) and isinstance(right, int):
        if abs(left) > 1 and right > 0:
            _check_int_bits(left.bit_length() * right)
    elif operator == "%" and isinstance(left, str):
        check_percent_format(left, right)


def _check_str_method(text: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Pre-checks for the ``str`` methods whose result can be far larger than the text."""
    values = [*args, *kwargs.values()]
    if name in {"ljust", "rjust", "center", "zfill"} and values:
        check_width(values[0])
    elif name == "expandtabs":
        size = values[0] if values and isinstance(values[0], int) else 8
        check_width(size, "a tab size")
        check_size(len(text) + text.count("\t") * size)
    elif name == "replace" and len(values) >= 2:
        old, new = str(values[0]), str(values[1])
        count = text.count(old) if old else len(text) + 1
        check_size(len(text) + count * max(0, len(new) - len(old)))
    elif name == "join" and values and isinstance(values[0], list | tuple):
        parts = values[0]
        check_size(len(text) * max(0, len(parts) - 1) + sum(len(str(p)) for p in parts))
    elif name == "translate" and values and isinstance(values[0], dict):
        longest = max((len(v) for v in values[0].values() if isinstance(v, str)), default=1)
        check_size(len(text) * longest)


def _bounded_list(items: Iterable[Any]) -> list[Any]:
    """The items of an iterable, refusing more than :data:`MAX_TEMPLATE_VALUE` of them."""
    collected = list(islice(items, MAX_TEMPLATE_VALUE + 1))
    check_size(len(collected), "a list")
    return collected


def capped_output(pieces: Iterable[str]) -> str:
    """A template's output, joined only while it stays within :data:`MAX_TEMPLATE_OUTPUT`."""
    kept: list[str] = []
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > MAX_TEMPLATE_OUTPUT:
            raise _refuse("the template's output", size, MAX_TEMPLATE_OUTPUT)
        kept.append(piece)
    return "".join(kept)


def capped_range(*args: int) -> range:
    """``range()`` for templates: at most :data:`MAX_TEMPLATE_RANGE` numbers."""
    numbers = range(*args)
    if len(numbers) > MAX_TEMPLATE_RANGE:
        raise _refuse("a range", len(numbers), MAX_TEMPLATE_RANGE)
    return numbers


def _capped_filter(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter with its size pre-check (the filters that can amplify)."""

    # Filters marked pass_environment / pass_context / pass_eval_context get that first.
    offset = 1 if getattr(original, "jinja_pass_arg", None) is not None else 0

    def checked(*args: Any, **kwargs: Any) -> Any:
        value, rest = (args[offset] if len(args) > offset else None), args[offset + 1 :]
        extra = [*rest, *kwargs.values()]
        if name == "indent" and isinstance(value, str) and extra:
            step = extra[0] if isinstance(extra[0], int) else len(str(extra[0]))
            check_size(len(value) + (value.count("\n") + 1) * step)
        if name in {"center", "indent", "batch", "slice", "wordwrap"}:
            for argument in extra:
                check_width(argument)
                if isinstance(argument, str) and isinstance(value, str):
                    check_size(len(value) + len(value) * len(argument))
        elif name == "format" and isinstance(value, str):
            check_percent_format(value, tuple(rest) or tuple(kwargs.values()))
            check_brace_format(value, rest, kwargs)
        elif name == "replace" and isinstance(value, str):
            _check_str_method(value, "replace", tuple(rest), {})
        elif name == "join" and extra and isinstance(extra[0], str):
            items = _bounded_list(value) if isinstance(value, Iterable) else []
            check_size(len(extra[0]) * len(items) + sum(len(str(item)) for item in items))
            args = (*args[:offset], items, *rest)
        return original(*args, **kwargs)

    for attribute in ("jinja_pass_arg",):  # keep Jinja's pass_environment/pass_context mark
        if hasattr(original, attribute):
            setattr(checked, attribute, getattr(original, attribute))
    checked.__name__ = getattr(original, "__name__", name)
    return checked


_CAPPED_FILTERS = ("center", "indent", "batch", "slice", "wordwrap", "format", "replace", "join")


class _CappedCodeGenerator(CodeGenerator):
    """Compiles ``a ~ b`` so that the joined string's size is checked too."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.checked_concat(")
        super().visit_Concat(node, frame)
        self.write(")")


class CappedSandboxedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with the size caps of this module."""

    intercepted_binops = frozenset({"*", "+", "**", "%"})
    code_generator_class = _CappedCodeGenerator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = capped_range
        del self.globals["lipsum"]  # lipsum(10**6) writes a million paragraphs
        for name in _CAPPED_FILTERS:
            self.filters[name] = _capped_filter(name, self.filters[name])

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        template = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            mapping = args[0] if value.__name__ == "format_map" and args else kwargs
            check_brace_format(template, args, dict(mapping) if mapping else {})
            return wrapped(*args, **kwargs)

        return checked

    def call(
        __self,
        __context: Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            name = getattr(__obj, "__name__", "")
            if name == "join" and args and not isinstance(args[0], list | tuple):
                args = (_bounded_list(args[0]), *args[1:])  # a generator: count its items
            _check_str_method(owner, name, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, _SIZED):
            check_size(len(result))
        return result

    def checked_concat(self, joined: str) -> str:
        check_size(len(joined))
        return joined
