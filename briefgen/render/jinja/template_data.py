"""What a template may touch: plain data, and a listed set of functions.

A brief may name its own template folder, so a template is code from whoever wrote the
brief (a pull request). Handing it the pydantic models themselves handed it their class
methods too (``brief.parse_raw(..., proto="pickle")`` ran a pickle, ``parse_file`` read
any file). Templates therefore get only:

- text, numbers, booleans and ``None``; lists and dicts of them (fresh copies);
- :class:`DataView`: a read-only view of a model or dataclass that answers its field
  values (and public properties) and nothing else: no methods, no class;
- :class:`TemplateFunction`: the few functions briefgen hands a template (``heading``,
  ``anchor``, ``block_view``, ``brief.date.iso``...). Called, one unwraps its view
  arguments and turns its result into template data again;
- :class:`Opaque`: a value the filters need (the typography) with nothing to read.

The sandbox (:mod:`briefgen.render.jinja.sandbox`) refuses to call anything else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from markupsafe import Markup
from pydantic import AnyUrl, BaseModel

from briefgen.model.brief import PublicationDate
from briefgen.model.labels import ReferenceLabels, SectionLabels

_Hidden = TypeVar("_Hidden")

TEMPLATE_METHODS: dict[type, tuple[str, ...]] = {
    PublicationDate: ("iso",),
    SectionLabels: ("get",),
    ReferenceLabels: ("for_kind",),
}
"""The only model methods a template may call: each returns text. (Templates called
``brief.date.iso()`` before views existed; a template folder may too.)"""


class TemplateFunction:
    """A function briefgen hands to templates: the only kind of callable the sandbox
    calls, besides Jinja's own macros and a listed set of text methods."""

    __slots__ = ("_function",)

    def __init__(self, function: Callable[..., Any]) -> None:
        object.__setattr__(self, "_function", function)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        function: Callable[..., Any] = object.__getattribute__(self, "_function")
        return function(*args, **kwargs)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("template functions are read-only")

    def __repr__(self) -> str:
        return "<template function>"


def listed(function: Callable[..., Any]) -> TemplateFunction:
    """``function`` for templates: views in, template data out."""

    def call(*args: Any, **kwargs: Any) -> Any:
        plain_args = [unwrap(argument) for argument in args]
        plain_kwargs = {name: unwrap(value) for name, value in kwargs.items()}
        return to_template_data(function(*plain_args, **plain_kwargs))

    return TemplateFunction(call)


class Opaque(Generic[_Hidden]):
    """A value kept in the template context for briefgen's filters, with nothing a
    template can read or call."""

    __slots__ = ("_value",)

    def __init__(self, value: _Hidden) -> None:
        object.__setattr__(self, "_value", value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("read-only")

    def __repr__(self) -> str:
        return "<hidden>"

    @property
    def _hidden(self) -> _Hidden:
        value: _Hidden = object.__getattribute__(self, "_value")
        return value


def hidden(value: object, kind: type[_Hidden]) -> _Hidden | None:
    """What an :class:`Opaque` holds, if it is a ``kind``."""
    inner = value._hidden if isinstance(value, Opaque) else None
    return inner if isinstance(inner, kind) else None


@functools.cache
def _is_listed_method(kind: Any, name: str) -> bool:
    return any(name in TEMPLATE_METHODS.get(klass, ()) for klass in kind.__mro__)


def _public_names(source: object) -> frozenset[str]:
    kind: Any = type(source)  # a class is hashable; mypy sees type[object] as not
    return _names_of(kind)


@functools.cache
def _names_of(kind: Any) -> frozenset[str]:
    """A model's or dataclass's fields, public properties and listed methods (per class:
    a template reads thousands of views)."""
    if issubclass(kind, BaseModel):
        names = set(kind.model_fields)
    else:
        names = {item.name for item in dataclasses.fields(kind)}
    for klass in kind.__mro__:
        if klass in (BaseModel, object):
            continue
        names |= {
            name
            for name, member in vars(klass).items()
            if isinstance(member, property) and not name.startswith("_")
        }
    names |= {
        name
        for methods in TEMPLATE_METHODS.values()
        for name in methods
        if _is_listed_method(kind, name)
    }
    return frozenset(name for name in names if not name.startswith("_"))


class DataView:
    """A read-only view of a model or dataclass: its field values, as template data.

    Nothing else: no methods (``parse_raw``, ``model_copy``...), no class; the model
    itself sits in a slot whose name starts with ``_``, which the sandbox never reads.
    """

    __slots__ = ("_names", "_seen", "_source")

    def __init__(self, source: object) -> None:
        object.__setattr__(self, "_source", source)
        object.__setattr__(self, "_names", _public_names(source))
        object.__setattr__(self, "_seen", {})  # each value converted once per view

    def __getattr__(self, name: str) -> Any:
        names: frozenset[str] = object.__getattribute__(self, "_names")
        if name not in names:
            raise AttributeError(name)
        seen: dict[str, Any] = object.__getattribute__(self, "_seen")
        if name not in seen:
            source = object.__getattribute__(self, "_source")
            value = getattr(source, name)
            kind: Any = type(source)
            if _is_listed_method(kind, name):
                seen[name] = listed(value)
            else:
                seen[name] = to_template_data(value)
        return seen[name]

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("template data is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("template data is read-only")

    def __dir__(self) -> list[str]:
        return sorted(object.__getattribute__(self, "_names"))

    def __repr__(self) -> str:
        return f"<{type(object.__getattribute__(self, '_source')).__name__} data>"


def unwrap(value: object) -> Any:
    """The model behind a view (for briefgen's own functions), or the value itself."""
    if isinstance(value, DataView):
        return object.__getattribute__(value, "_source")
    return value


_PLAIN = (bool, int, float, str, type(None))


def to_template_data(value: object) -> Any:
    """``value`` as a template may see it; anything unforeseen is refused (fail closed)."""
    if type(value) in _PLAIN or type(value) is Markup:
        return value
    if isinstance(value, DataView | TemplateFunction | Opaque):
        return value
    if isinstance(value, BaseModel) or (
        dataclasses.is_dataclass(value) and not isinstance(value, type)
    ):
        return DataView(value)
    if isinstance(value, Markup):
        return Markup(str.__str__(value))
    if isinstance(value, str):  # a str subclass: its text only
        return str.__str__(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, list | tuple):
        return [to_template_data(item) for item in value]
    if isinstance(value, Mapping):
        return {to_template_data(key): to_template_data(item) for key, item in value.items()}
    if isinstance(value, AnyUrl):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not template data")
