"""``rhetor.network`` from Python: who holds which value, as a graph of plain data.

The companion of :mod:`rhetor.corpus.api` (compare and trends), reading records the
same way.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rhetor.corpus.inputs import FilterArg, PathLike, Records, csv_values, load_documents
from rhetor.errors import ConfigError, InputError


def network_result(
    records: Records,
    *,
    output: PathLike | None = None,
    slice_by: str | None = None,
    min_weight: int = 1,
    force: bool = False,
    only: FilterArg = None,
    bin_width: int | None = None,
    author_as: str | None = None,
    author_from: str | None = None,
    sides_file: PathLike | None = None,
):
    """The edges (:class:`~rhetor.corpus.network.Edge`) :func:`network` returns as data,
    with the GraphML file written when ``output`` is given."""
    from rhetor.corpus.network import network_edges

    if min_weight < 1:
        raise ConfigError(f"--min-weight {min_weight}: give 1 or more")
    target = Path(output) if output is not None else None
    items = _record_items(records)  # a generator is read once
    if target is not None:
        from rhetor.io.output import refuse_input_as_output

        check_graphml_target(target, force)
        refuse_input_as_output(target, [r for r in items if not isinstance(r, Mapping)])
    documents = load_documents(
        items, only=only, author_as=author_as, author_from=author_from, sides_file=sides_file
    )
    if bin_width and not slice_by:
        raise ConfigError("--bin needs --slice")
    edges = network_edges(documents, slice_by=slice_by, bin_width=bin_width, min_weight=min_weight)
    if target is not None:
        from rhetor.corpus.network import graphml_text
        from rhetor.io.output import write_output

        write_output(graphml_text(edges), target)
    return edges


def _record_items(records: Records) -> list:
    if isinstance(records, str | os.PathLike | Mapping):
        return [records]
    return list(records)


def check_graphml_target(output: Path, force: bool) -> None:
    """networkx is installed, and ``output`` may be written (exists: only with force)."""
    try:
        import networkx  # noqa: F401
    except ImportError:
        from rhetor.corpus.network import NETWORKX_MISSING

        raise ConfigError(NETWORKX_MISSING) from None
    if output.exists() and not force:
        raise InputError(f"{output}: already exists; use --force to replace it")


def network(
    records: Records,
    *,
    output: PathLike | None = None,
    slice_by: str | None = None,
    min_weight: int = 1,
    force: bool = False,
    only: FilterArg = None,
    bin_width: int | None = None,
    author_as: str | None = None,
    author_from: str | None = None,
    sides_file: PathLike | None = None,
    rows: bool = False,
) -> dict[str, list[dict[str, Any]]] | list[dict[str, Any]]:
    """The two-mode side-value network of ``rhetor network``: one edge per (side, value,
    stance), weighted by claims.

    ``records``: record files or record dicts from :func:`rhetor.batch`. ``output``:
    also write GraphML there (needs networkx; an existing file only with ``force``).
    ``slice_by``, ``min_weight``, ``only``, ``bin_width``, ``author_from`` and
    ``sides_file`` are the command's ``--slice``, ``--min-weight``, ``--only``, ``--bin``,
    ``--author-from`` (``author_as``, its old name, still works) and ``--sides``.

    Returns ``{"nodes": [...], "edges": [...]}``: nodes ``{"id": "side:S" or
    "value:V", "label", "kind": "side" or "value"}`` (sides first), edges ``{"source",
    "target"`` (node ids) ``, "side", "value", "stance", "weight", "documents",
    "slice"}``. With ``rows=True``, the edge list of ``--csv`` (``source`` the side,
    ``target`` the value; ``slice``, a number when every slice is one, only with
    ``slice_by``).

    Example:
        >>> import rhetor
        >>> records = rhetor.batch({"a": "We stand for fairness."}, sides={"us": ["we"]})
        >>> graph = rhetor.network(records)
        >>> [(e["side"], e["value"], e["stance"], e["weight"]) for e in graph["edges"]]
        [('us', 'fairness', 'claims', 1)]
    """
    from rhetor.corpus.network import csv_columns, edge_rows

    edges = network_result(
        records,
        output=output,
        slice_by=slice_by,
        min_weight=min_weight,
        force=force,
        only=only,
        bin_width=bin_width,
        author_as=author_as,
        author_from=author_from,
        sides_file=sides_file,
    )
    if rows:
        return csv_values(edge_rows(edges), csv_columns(edges))
    return network_dict(edges)


def network_dict(edges) -> dict[str, list[dict[str, Any]]]:
    """Edges as ``{"nodes", "edges"}`` plain data, node ids as in the GraphML (there, a
    name holding characters XML cannot hold is written with escapes)."""
    from rhetor.corpus.network import SIDE_PREFIX, VALUE_PREFIX, typed_slices

    slices = typed_slices(edges)
    sides = list(dict.fromkeys(e.side for e in edges))
    values = list(dict.fromkeys(e.value for e in edges))
    nodes = [{"id": SIDE_PREFIX + s, "label": s, "kind": "side"} for s in sides]
    nodes += [{"id": VALUE_PREFIX + v, "label": v, "kind": "value"} for v in values]
    return {
        "nodes": nodes,
        "edges": [
            {
                "source": SIDE_PREFIX + e.side,
                "target": VALUE_PREFIX + e.value,
                "side": e.side,
                "value": e.value,
                "stance": e.stance,
                "weight": e.weight,
                "documents": e.documents,
                "slice": slices[e.slice],
            }
            for e in edges
        ],
    }
