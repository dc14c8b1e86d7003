"""Value lexicons: the data model, senses, word forms, matching and interoperability.

- :mod:`.model`: the data model (terms, a value's lexicon, the set in force);
- :mod:`.loading`: parsing and validating lexicon files, and loading the set in force;
- :mod:`.files`: finding lexicon files (the user's and the built-in ones);
- :mod:`.yamlnodes`: reading YAML nodes into checked values, with line numbers;
- :mod:`.senses`: sense conditions (``unless``) that tell a value from a lookalike;
- :mod:`.forms`: the word forms a term matches;
- :mod:`.matching`: finding value mentions in a parsed text;
- :mod:`.interop`: import and export of other tools' dictionaries.

Nothing here imports spaCy.
"""
