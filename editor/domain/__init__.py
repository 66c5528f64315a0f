"""Pure Python core: the form, the report model, parsing of typed input, checks and storage."""
