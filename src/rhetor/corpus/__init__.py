"""Corpus views over batch records: compare groups, follow trends, build networks.

Pure Python over the records ``rhetor batch`` writes; charts (matplotlib) and
GraphML (networkx) are optional extras imported only when asked for.
"""
