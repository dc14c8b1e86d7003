"""The spaCy glue: loading the pipeline, the rhetor components and extraction.

- :mod:`.pipeline`: resolving and loading the spaCy pipeline;
- :mod:`.language`: which languages rhetor can read;
- :mod:`.chunking`: splitting long texts for the parser, and where an over-long
  sentence is cut;
- :mod:`.sentcap`: the component that cuts over-long sentences before the parser;
- :mod:`.selection`: which sentences are parsed when sides are given;
- :mod:`.component`: the registered spaCy components (matching, attribution);
- :mod:`.extract`: turning an annotated ``Doc`` into a report.

This is the only package that imports spaCy at run time (with :mod:`rhetor.io.cache`
and counts mode's lemma tables); scoring and reporting never do.
"""
