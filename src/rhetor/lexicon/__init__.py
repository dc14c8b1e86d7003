"""Value lexicons: the data model, senses, word forms, matching and interoperability.

- :mod:`.model`: the YAML data model, its loader and its validation;
- :mod:`.senses`: sense conditions (``unless``) that tell a value from a lookalike;
- :mod:`.forms`: the word forms a term matches;
- :mod:`.matching`: finding value mentions in a parsed text;
- :mod:`.interop`: import and export of other tools' dictionaries.

Nothing here imports spaCy.
"""
