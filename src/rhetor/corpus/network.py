"""A two-mode side-value network from batch records.

One edge per (side, value, stance), weighted by the number of claims, with the
stance as an edge attribute; with ``slice_by`` one edge per time slice as well
(the Discourse Network Analyzer's time windows), the slice as an attribute.
Sides and values are the two kinds of node (``kind`` and networkx's
``bipartite`` attribute). GraphML goes through networkx (``rhetor[network]``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rhetor.corpus.records import DocumentCounts, group_documents

SIDE_PREFIX = "side:"
VALUE_PREFIX = "value:"
NETWORKX_MISSING = "GraphML needs networkx: pip install 'rhetor[network]' (or pip install networkx)"


@dataclass(frozen=True)
class Edge:
    side: str
    value: str
    stance: str
    weight: int
    documents: int
    slice: str | None = None


CSV_COLUMNS = ("source", "target", "stance", "weight", "documents", "slice")


def csv_columns(edges: Sequence[Edge]) -> tuple[str, ...]:
    """The edge list's columns: ``slice`` only when the edges are sliced."""
    return CSV_COLUMNS if any(e.slice is not None for e in edges) else CSV_COLUMNS[:-1]


def typed_slices(edges: Sequence[Edge]) -> dict[str | None, int | float | str | None]:
    """Each slice as a number when every slice is one (years stay numbers in the edge
    list and in GraphML's ``attr.type``), else as text."""
    from rhetor.corpus.trends import typed

    names = {e.slice for e in edges}
    numbers = {name: typed(name) for name in names if name is not None}
    if any(isinstance(n, str) for n in numbers.values()):
        return {name: name for name in names}
    return {None: None, **numbers}


def network_edges(
    documents: Sequence[DocumentCounts],
    *,
    slice_by: str | None = None,
    bin_width: int | None = None,
    min_weight: int = 1,
) -> list[Edge]:
    """Edges sorted by slice, side, value and stance; edges lighter than ``min_weight``
    are left out (their nodes too, when no other edge holds them)."""
    slices = (
        group_documents(documents, slice_by, bin_width=bin_width) if slice_by else {None: documents}
    )
    edges = []
    for name, docs in slices.items():
        weight: Counter = Counter()
        present: Counter = Counter()
        for doc in docs:
            weight.update(doc.claims)
            present.update(key for key, n in doc.claims.items() if n)
        for (side, value, stance), n in sorted(weight.items()):
            if n >= max(min_weight, 1):
                edges.append(Edge(side, value, stance, n, present[(side, value, stance)], name))
    return edges


def edge_rows(edges: Sequence[Edge]) -> list[dict[str, Any]]:
    slices = typed_slices(edges)
    columns = csv_columns(edges)
    return [
        {
            key: cell
            for key, cell in (
                ("source", e.side),
                ("target", e.value),
                ("stance", e.stance),
                ("weight", e.weight),
                ("documents", e.documents),
                ("slice", slices[e.slice]),
            )
            if key in columns
        }
        for e in edges
    ]


# What XML 1.0 cannot hold: C0 controls but tab, newline and carriage return, lone
# surrogates (undecodable bytes of a file name) and the two non-characters U+FFFE/FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def xml_text(text: str) -> str:
    """``text`` with what XML 1.0 cannot hold shown as escapes (``\\x01``)."""
    return _NOT_XML.sub(_escaped, text)


def _key_part(text: str) -> str:
    """One part of an edge id: ``\\`` and ``|`` escaped, so that the parts joined with
    ``|`` name one edge only ("a|b" + "c" is not "a" + "b|c")."""
    return xml_text(text.replace("\\", "\\\\").replace("|", "\\|"))


def to_networkx(edges: Sequence[Edge]):
    """A networkx MultiGraph: nodes ``side:S`` and ``value:V``, one edge per stance
    (and slice), keyed ``S|V|stance[|slice]`` (with ``\\`` and ``|`` in a part escaped).
    Names are written as :func:`xml_text` shows them, so the GraphML is well-formed
    whatever the records hold; node ids stay unique (a name that only its escapes tell
    apart from another gets ``#2``)."""
    try:
        import networkx as nx
    except ImportError:
        raise ImportError(NETWORKX_MISSING) from None
    graph = nx.MultiGraph(name="rhetor side-value network")
    slices = typed_slices(edges)
    ids: dict[tuple[str, str], str] = {}
    taken: set[str] = set()

    def node(prefix: str, name: str, kind: str, part: int) -> str:
        found = ids.get((prefix, name))
        if found is None:
            found = base = prefix + xml_text(name)
            copy = 1
            while found in taken:
                copy += 1
                found = f"{base}#{copy}"
            ids[(prefix, name)] = found
            taken.add(found)
            graph.add_node(found, label=xml_text(name), kind=kind, bipartite=part)
        return found

    for edge in edges:
        side = node(SIDE_PREFIX, edge.side, "side", 0)
        value = node(VALUE_PREFIX, edge.value, "value", 1)
        # The key becomes the GraphML edge id, which must be unique in the file
        # (Gephi refuses or merges edges that share one).
        parts = [edge.side, edge.value, edge.stance]
        if edge.slice is not None:
            parts.append(edge.slice)
        attributes = {
            "label": xml_text(edge.stance),  # what Gephi and visone show on the edge
            "stance": xml_text(edge.stance),
            "weight": edge.weight,
            "documents": edge.documents,
        }
        if edge.slice is not None:
            slice_value = slices[edge.slice]  # int (attr.type) for years
            attributes["slice"] = (
                xml_text(slice_value) if isinstance(slice_value, str) else slice_value
            )
        graph.add_edge(side, value, key="|".join(map(_key_part, parts)), **attributes)
    return graph


def graphml_text(edges: Sequence[Edge]) -> str:
    import networkx as nx

    return "\n".join(nx.generate_graphml(to_networkx(edges))) + "\n"
