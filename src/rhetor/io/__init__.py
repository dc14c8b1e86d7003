"""Input and output: reading text, normalising it, writing results safely.

- :mod:`.textio`: reading documents (files, stdin, encodings, size limits);
- :mod:`.textnorm`: Unicode normalisation shared by matching and counts mode;
- :mod:`.safetext`: text from documents shown literally (markup, control characters);
- :mod:`.safeyaml`: YAML parsed with the safe loader, with bounded size and depth;
- :mod:`.output`: atomic output files that never replace an input;
- :mod:`.csvcells`: CSV cells safe from spreadsheet formulas, read back exactly;
- :mod:`.cache`: the parse cache (``--cache``).
"""
