"""The content model of a brief (pydantic), its theme and layout settings, the labels
of each language, and the JSON Schema generated from them."""
