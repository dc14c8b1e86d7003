"""Evaluation against gold annotations.

- :mod:`.goldfile`: reading and writing gold files and claims sheets;
- :mod:`.scoring`: precision, recall and F1 of predicted triples.
"""
