"""Plain-language rewrites of pydantic's error messages: the one table of them.

Keys are pydantic error types, or the codes our own validators raise as ``ValueError``.
Values are ``(message, hint)`` templates; ``{field}``, ``{input}`` and pydantic's context
(``{expected}``, ``{min_length}``...) are filled in.
"""

from __future__ import annotations

FRIENDLY_MESSAGES: dict[str, tuple[str, str]] = {
    # pydantic error types
    "missing": ("required key '{field}' is missing", "add '{field}:' here"),
    "extra_forbidden": ("unknown key '{field}'", "{suggestion}"),
    "string_type": ("expected text, got {input_kind}", "write the value as text"),
    "int_type": ("expected a whole number, got {input_kind}", ""),
    "int_parsing": ("expected a whole number, got '{input}'", ""),
    "bool_type": ("expected true or false, got {input_kind}", ""),
    "bool_parsing": ("expected true or false, got '{input}'", ""),
    "list_type": ("expected a list, got {input_kind}", "write each entry on its own '- ' line"),
    "model_type": (
        "expected a mapping of keys, got {input_kind}",
        "write 'key: value' lines indented under this key",
    ),
    "model_attributes_type": (
        "expected a mapping of keys, got {input_kind}",
        "write 'key: value' lines indented under this key",
    ),
    "dict_type": ("expected a mapping of keys, got {input_kind}", ""),
    "literal_error": ("'{input}' is not allowed here", "{suggestion}use one of: {expected}"),
    "string_pattern_mismatch": ("'{input}' is not valid here", "{pattern_hint}"),
    "too_short": ("must not be empty", "add at least {min_length} entry"),
    "greater_than_equal": ("must be at least {ge}", ""),
    "less_than_equal": ("must be at most {le}", ""),
    "url_parsing": ("'{input}' is not a web address", "write a full address: https://..."),
    "url_scheme": ("'{input}' is not a web address", "write a full address: https://..."),
    "url_type": ("expected a web address, got {input_kind}", ""),
    # codes raised by briefgen's own validators
    "date_format": (
        "'{input}' is not a date",
        "write the month as 2017-10 or the day as 2017-10-05",
    ),
    "date_range": ("'{input}' is not a real date", "check the month and day"),
    "custom_heading": (
        "a custom section needs a 'heading'",
        "add 'heading: ...', or set 'kind:' to a standard section",
    ),
    "figure_only": (
        "'{detail}' belongs to a figure",
        "set 'kind: figure', or move the figure into its own section",
    ),
    "figure_alt": (
        "a figure with an image needs 'alt' text for readers who cannot see it",
        "describe the image in 'alt: ...', or set 'decorative: true' if it carries no content",
    ),
    "contrast": (
        "{detail}",
        "choose a darker colour; check it at webaim.org/resources/contrastchecker",
    ),
    "figure_empty": ("a figure needs an 'image' or a 'caption'", ""),
    "email": ("'{input}' is not an e-mail address", "write it as name@example.org"),
    "must not be empty": ("must not be empty", "write some text, or remove the key"),
    "unknown_language": (
        "briefgen has no labels for language '{input}'",
        "available: {detail}; add briefgen/locales/<code>.yaml to support another",
    ),
}

YAML_MESSAGES: dict[str, tuple[str, str]] = {
    # keyed by the kind of PyYAML error (see yaml_source._yaml_error_kind); an empty
    # message keeps PyYAML's own wording and only adds the hint
    "tab": ("YAML syntax error: a tab character indents this line", "indent with spaces"),
    "alias": ("", "a value starting with * or & must be quoted, e.g. text: '**Bold** words'"),
    "colon": ("", "a value containing ': ' must be quoted, e.g. title: 'Water: a review'"),
    "no_colon": ("", "a key must be followed by ':', or a text value must be quoted"),
    "unclosed_quote": (
        "YAML syntax error: the quoted text that starts here is never closed",
        "add the closing quote",
    ),
    "unclosed_flow": (
        "YAML syntax error: the bracket that opens here is never closed",
        "add the closing ] or }",
    ),
    "duplicate_key": (
        "duplicate key '{key}' (first defined on line {first_line})",
        "YAML keeps only one of them; merge the two or remove one",
    ),
}

PATTERN_HINTS: dict[str, str] = {
    "language": "use a language code such as en, fr or es-419",
    "primary": "write a colour as #RRGGBB, e.g. #0b3d6b",
    "accent": "write a colour as #RRGGBB, e.g. #b5121b",
}
