"""Batch scoring: many documents in, one record per document out.

The pieces are kept apart so that each can be replaced: :mod:`.inputs` finds the
documents, a :class:`~rhetor.batching.runner.Runner` turns documents into records
(locally in worker processes; a distributed executor can take its place), and
:mod:`.writers` stream records to JSONL, CSV or JSON; :mod:`.command` runs a batch and
:mod:`.progress` shows its progress bar and summary.
"""
