"""The report: the one data model every format renders.

- :mod:`.model`: ``Report``, ``Claim``, ``Side`` and the side-value matrix;
- :mod:`.evidence`: the claims grouped as evidence for each value and side.
"""
