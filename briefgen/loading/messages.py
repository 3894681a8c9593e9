"""Plain-language rewrites of pydantic's error messages: the one table of them.

Keys are pydantic error types, or the codes our own validators raise as ``ValueError``.
Values are ``(message, hint)`` templates; ``{field}``, ``{input}`` (quoted, escaped and cut
by :func:`briefgen.errors.quote_value`) and pydantic's context (``{expected}``,
``{min_length}``...) are filled in.
"""

from __future__ import annotations

from briefgen.model.brief import MAX_SECTION_DEPTH

FRIENDLY_MESSAGES: dict[str, tuple[str, str]] = {
    # pydantic error types
    "missing": ("required key '{field}' is missing", "add '{field}:' here"),
    "extra_forbidden": ("unknown key {quoted_field}", "{suggestion}"),
    "string_type": ("expected text, got {input_kind}", "write the value as text"),
    "int_type": ("expected a whole number, got {input_kind}", ""),
    "int_parsing": ("expected a whole number, got {input}", ""),
    "int_from_float": ("expected a whole number, got {input}", "write it without decimals"),
    "float_type": ("expected a number, got {input_kind}", ""),
    "float_parsing": ("expected a number, got {input}", ""),
    "int_parsing_size": ("{input} is too large a number", "write a smaller number"),
    "string_unicode": ("{input} is not valid text", "remove the character it cannot hold"),
    "finite_number": ("{input} is not a number a brief can print", "write a number"),
    "bool_type": ("expected true or false, got {input_kind}", ""),
    "bool_parsing": ("expected true or false, got {input}", ""),
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
    "literal_error": ("{input} is not allowed here", "{suggestion}use one of: {expected}"),
    "string_pattern_mismatch": ("{input} is not valid here", "{pattern_hint}"),
    "too_short": ("must not be empty", "add at least {min_length} entry"),
    "too_long": (
        "has {actual_length} entries, more than the {max_length} it can show",
        "keep the {max_length} that matter most",
    ),
    "string_too_long": ("is longer than {max_length} characters", "shorten it"),
    "greater_than": ("must be more than {gt}", ""),
    "less_than": ("must be less than {lt}", ""),
    "url_too_long": ("{input} is too long for a web address", ""),
    "url_syntax_violation": ("{input} is not a web address", "write a full address: https://..."),
    "greater_than_equal": ("must be at least {ge}", ""),
    "less_than_equal": ("must be at most {le}", ""),
    "url_parsing": ("{input} is not a web address", "write a full address: https://..."),
    "url_scheme": ("{input} is not a web address", "write a full address: https://..."),
    "url_type": ("expected a web address, got {input_kind}", ""),
    # sharper codes briefgen gives a pydantic error when the value shows what was meant
    # (see validate._refined_code)
    "empty_item": ("this list entry is empty", "write its value, or remove the entry"),
    "empty_value": ("{quoted_field} has no value", "write it after the colon, or remove the key"),
    "colon_in_item": (
        "this list item holds ': ', so YAML read it as a key and a value",
        'put the item in quotes: - "{text}"',
    ),
    "number_type": ("expected a number, got {input_kind}", ""),
    "number_with_unit": (
        "{input} is a number written with its unit",
        'write the number alone, {number}, and the unit once, in the section\'s unit: "{unit}"',
    ),
    "number_multiplier": ("{input} is a number written with a multiplier", "write {number}"),
    "number_with_separator": (
        "{input} is a number written with a separator",
        "write it as {number}, without quotes",
    ),
    "other": ("{input_kind} is not valid here", "see `briefgen schema` for what this key takes"),
    # codes raised by briefgen's own validators
    "number_not_finite": (
        "{input} is not a number a brief can print",
        "write a finite number, not .nan or .inf",
    ),
    "number_range": (
        "{input} is too large or too small a number",
        "briefgen prints 0 and numbers from 0.000001 to 1,000,000,000,000,000 in size; "
        "write it in a larger or smaller unit (say so in the label or the suffix)",
    ),
    "date_format": (
        "{input} is not a date",
        "write the month as 2017-10 or the day as 2017-10-05",
    ),
    "date_range": ("{input} is not a real date", "check the month and day"),
    "custom_heading": (
        "a custom section needs a 'heading'",
        "add 'heading: ...', or set 'kind:' to a standard section",
    ),
    "kind_only": (
        "{detail}",
        "set 'kind:' to match, or move these keys into a section of their own",
    ),
    "block_needs": ("{detail}", "see `briefgen schema` or the example in docs/brief-file.md"),
    "figure_alt": (
        "a figure with an image needs 'alt' text for readers who cannot see it",
        "describe the image in 'alt: ...', or set 'decorative: true' if it carries no content",
    ),
    "contrast": (
        "{detail}",
        "choose a darker colour; check it at webaim.org/resources/contrastchecker",
    ),
    "figure_empty": ("a figure needs an 'image' or a 'caption'", ""),
    "email": ("{input} is not an e-mail address", "write it as name@example.org"),
    "must not be empty": ("must not be empty", "write some text, or remove the key"),
    "no_text": (
        "the {field} has no text to show",
        "write words, not only a link or formatting: it becomes the PDF's title",
    ),
    "section_depth": (
        f"sections are nested more than {MAX_SECTION_DEPTH} levels deep",
        "move the deepest sections up a level",
    ),
    "unknown_languages": (
        "briefgen has no labels for language {detail}",
        "add briefgen/locales/<code>.yaml to support another",
    ),
    "unknown_language": (
        "briefgen has no labels for language {input}",
        "available: {detail}; add briefgen/locales/<code>.yaml to support another",
    ),
}

YAML_MESSAGES: dict[str, tuple[str, str]] = {
    # keyed by the kind of PyYAML error (see yaml_source._yaml_error_kind); an empty
    # message keeps PyYAML's own wording and only adds the hint
    "alias": (
        "YAML syntax error: a value that starts with * or & must be in quotes",
        "e.g. text: '**Bold** words'",
    ),
    "unclosed_quote": (
        "YAML syntax error: the quoted text that starts here is never closed",
        "add the closing quote",
    ),
    "unclosed_flow": (
        "YAML syntax error: the bracket that opens here is never closed",
        "add the closing ] or }",
    ),
    "duplicate_key_in_item": (
        "duplicate key {key} in one list item (first on line {first_line}): is it a new"
        " item without its dash?",
        "to start a new item, write '- ' before it, its '-' lined up with line {dash_line}'s;"
        " else remove one of the two",
    ),
    "duplicate_key": (
        "duplicate key {key} (first defined on line {first_line})",
        "YAML keeps only one of them; merge the two or remove one",
    ),
}

PATTERN_HINTS: dict[str, str] = {
    "language": "use a language code such as en, fr or es-419",
    "primary": "write a colour as #RRGGBB, e.g. #0b3d6b",
    "accent": "write a colour as #RRGGBB, e.g. #b5121b",
}

SYNTAX_MISTAKES: dict[str, tuple[str, str]] = {
    # the common YAML mistakes, diagnosed at the line where the author made them
    # (see syntax_mistakes.diagnose); {placeholders} are filled from the source line
    "missing_colon": (
        "YAML syntax error: '{key}' is not followed by a colon",
        "write '{key}: {value}'",
    ),
    "missing_dash": (
        "YAML syntax error: this line is in a list but does not start with '- '",
        "start it with '- ' like the items around it, or join it to the line above",
    ),
    "dash_without_space": (
        "YAML syntax error: a list item needs a space after its dash",
        "write '- {item}'",
    ),
    "unclosed_quote": (
        "YAML syntax error: the text that starts with {quote} here has no closing {quote}",
        "add {quote} at the end of the text; to use {quote} inside it, quote the text with "
        "the other kind of quote",
    ),
    "colon_in_value": (
        "YAML syntax error: the value of '{key}' contains ': '",
        'put the value in quotes, e.g. {key}: "Water: a review"',
    ),
    "indented_too_deep": (
        "YAML syntax error: this line is indented {spaces}, deeper than line "
        "{reference_line} above it",
        "if it is the next key, line it up with line {reference_line} at "
        "{reference_spaces}; if it continues that line's text, join the two lines",
    ),
    "key_beside_item": (
        "YAML syntax error: this key is lined up with the list item on line {reference_line}, "
        "and a list holds only items",
        "start it with '- ' to make it an item, or move it left to line up with the key "
        "the list belongs to",
    ),
    "key_under_dash": (
        "YAML syntax error: this key is lined up with the dash of the list item on line"
        " {reference_line}",
        "to keep it in that item, line it up with '{reference_key}' at {reference_spaces};"
        " to start a new item, write '- ' before it",
    ),
    "item_among_item_keys": (
        "YAML syntax error: this list item is lined up with the keys inside the item on line"
        " {reference_line}",
        "to make it the next item, line its '-' up with line {reference_line} at"
        " {reference_spaces}, and its keys with the keys of that item",
    ),
    "quote_ends_text": (
        "YAML syntax error: the {quote} in {word} ends the quoted text early",
        "{advice}",
    ),
    "item_beside_key": (
        "YAML syntax error: this list item is lined up with the key on line "
        "{reference_line}, and a list cannot sit beside keys",
        "indent it two spaces deeper than the key it belongs to, or write it as 'key: value'",
    ),
    "indented_too_shallow": (
        "YAML syntax error: this line is indented {spaces}, which lines it up with no key "
        "or item above it",
        "line it up with line {reference_line} at {reference_spaces}, or with a key further left",
    ),
    "empty_in_flow": (
        "YAML syntax error: an entry of this [...] list is empty: nothing stands between"
        " two commas",
        "write the value between the commas, or remove one comma",
    ),
    "tab": ("YAML syntax error: a tab character indents this line", "indent with spaces"),
    "tab_in_value": (
        "YAML syntax error: a tab character stands where YAML does not allow one",
        "replace it with a space, or put the value in quotes",
    ),
    "comment_in_text": (
        "YAML reads ' {dropped}' as a comment: it is left out of the text",
        "to keep it, put the whole text in quotes: '{text} {dropped}'",
    ),
    "comment_as_value": (
        "YAML reads '{dropped}' as a comment: the value is left empty",
        'to keep it, put it in quotes: "{dropped}"',
    ),
    "split_number": (
        "the comma in {typed} splits it into two entries, {first} and {second}",
        "write {number}, or put it in quotes: '{typed}'",
    ),
    "split_decimal": (
        "the comma in '{typed}' ends the value at '{first}' and starts a new key",
        "put the value in quotes: '{typed}'",
    ),
    "swallowed_item": (
        "this line starts with '- ' but continues the text of the item above: it is "
        "indented deeper than that item's dash",
        "to make it a new item, line its '-' up with the one above; to keep it as text, "
        "join it to the line above",
    ),
}
