"""Lexicons in other tools' formats: LIWC-style ``.dic`` and quanteda YAML dictionaries.

Both formats are flat lists of categories; rhetor reads structure from the
category name, the convention of the Moral Foundations Dictionary 2.0:

- ``fairness.virtue`` / ``fairness.vice``: value ``fairness``, that polarity;
- ``fairness.exclude``: exclude phrases of ``fairness`` (rhetor's extension);
- ``fairness.virtue.ADJ`` (or ``ADJ+NOUN``): terms limited to those parts of speech;
- any other name (``posemo``, ``Care``): a value of that name (as an id), virtue terms.

Neither LIWC nor quanteda honours those two extensions: a tool reading
``fairness.exclude`` counts "county fair" as a word of that category, and one
reading ``fairness.virtue.ADJ`` counts every "fair", the trade fair's too. So an
export for another tool leaves excludes and part-of-speech limited terms out
(:func:`left_out` names each, for a warning) and never turns them into
positive entries; ``rhetor_categories=True`` keeps them as those categories,
for a lossless trip back into rhetor. Neither format can say whether a term
also matches its inflections through lemmas either: that is chosen at import
(``lemmas``), and defaults to word forms as written, which is how LIWC and
quanteda count.

Nothing here imports spaCy; quanteda files are read with YAML's safe loader.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rhetor.errors import LexiconError
from rhetor.lexicon.forms import UPOS
from rhetor.lexicon.model import POLARITIES, Lexicon, Term

_CATEGORY = re.compile(
    r"^(?P<value>[^.]+)\.(?P<kind>virtue|vice|exclude)(?:\.(?P<pos>[A-Z]+(?:\+[A-Z]+)*))?$"
)
_KINDS = (*POLARITIES, "exclude")


@dataclass
class _Draft:
    """A value being assembled from categories: terms per kind, first line seen."""

    id: str
    category: str  # the first category name that gave this id
    terms: dict[str, list[Term]] = field(default_factory=lambda: defaultdict(list))
    keys: dict[tuple[str, bool], str] = field(default_factory=dict)  # (key, glob) -> category


def value_id(name: str) -> str:
    """A category name made into a value id: accents dropped, lower case, other
    characters to '_' (``Équité`` -> ``equite``, ``Moral Outrage`` -> ``moral_outrage``)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "_", plain.casefold()).strip("_")
    if not text or not text[0].isalpha():
        text = f"v_{text}"
    return text


def parse_category(name: str) -> tuple[str, str, tuple[str, ...]]:
    """(value id, kind, part-of-speech limit) for a category name."""
    found = _CATEGORY.match(name.strip())
    if not found:
        return value_id(name), "virtue", ()
    pos = tuple(found["pos"].split("+")) if found["pos"] else ()
    unknown = [tag for tag in pos if tag not in UPOS]
    if unknown:
        raise ValueError(f"category {name!r}: unknown part of speech {', '.join(unknown)}")
    return value_id(found["value"]), found["kind"], pos


def _family(category: str) -> str:
    """The part of a category name that names the value (``care`` of ``care.vice``)."""
    found = _CATEGORY.match(category.strip())
    return found["value"] if found else category.strip()


def category_name(value: str, kind: str, pos: Sequence[str] = ()) -> str:
    return f"{value}.{kind}" + (f".{'+'.join(pos)}" if pos else "")


class _Builder:
    """Collects (category, term) pairs into lexicons, reporting problems with lines."""

    def __init__(self, source: str, lemmas: bool) -> None:
        self.source = source
        self.lemmas = lemmas
        self.drafts: dict[str, _Draft] = {}

    def add(self, category: str, text: str, line: int | None) -> None:
        try:
            value, kind, pos = parse_category(category)
            term = Term.parse(text, pos, line=line)
        except ValueError as exc:
            raise LexiconError(str(exc), source=self.source, line=line) from None
        draft = self.drafts.setdefault(value, _Draft(value, _family(category)))
        if draft.category != _family(category):
            raise LexiconError(
                f"categories {draft.category!r} and {_family(category)!r} both become value "
                f"{value!r}; rename one",
                source=self.source,
                line=line,
            )
        mark = (term.key, term.glob)
        if mark in draft.keys:
            if draft.keys[mark] == category:
                return  # the same word listed twice in one category counts once anyway
            raise LexiconError(
                f"{text!r} is in both {draft.keys[mark]} and {category}",
                source=self.source,
                line=line,
            )
        draft.keys[mark] = category
        draft.terms[kind].append(term)

    def lexicons(self) -> list[Lexicon]:
        if not self.drafts:
            raise LexiconError("no dictionary entries found", source=self.source)
        built = []
        for draft in self.drafts.values():
            if not (draft.terms["virtue"] or draft.terms["vice"]):
                raise LexiconError(
                    f"value {draft.id!r} has only exclude entries", source=self.source
                )
            built.append(
                Lexicon(
                    id=draft.id,
                    description=f"Imported from {self.source}.",
                    virtue=tuple(draft.terms["virtue"]),
                    vice=tuple(draft.terms["vice"]),
                    exclude=tuple(draft.terms["exclude"]),
                    source=self.source,
                    lemmas=self.lemmas,
                )
            )
        return sorted(built, key=lambda lex: lex.id)


# -- LIWC-style .dic ------------------------------------------------------------------------------


def parse_dic(text: str, source: str, *, lemmas: bool = False) -> list[Lexicon]:
    """Read a LIWC-style dictionary: a ``%``-fenced block of ``id<TAB>category`` lines,
    then one entry a line: the word or phrase, then its category ids."""
    lines = text.lstrip("\ufeff").splitlines()
    fences = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(fences) < 2:
        raise LexiconError(
            "not a LIWC-style dictionary: expected a category block between two '%' lines",
            source=source,
        )
    categories = _dic_categories(lines, fences[0] + 1, fences[1], source)
    builder = _Builder(source, lemmas)
    for number in range(fences[1] + 1, len(lines)):
        line = lines[number].strip()
        if not line:
            continue
        phrase, ids = _dic_entry(line)
        if not ids:
            raise LexiconError(f"entry {line!r} names no category", source=source, line=number + 1)
        for cat_id in ids:
            cat_id = str(int(cat_id)) if cat_id.isdigit() else cat_id
            if cat_id not in categories:
                raise LexiconError(
                    f"entry {phrase!r}: unknown category id {cat_id}",
                    source=source,
                    line=number + 1,
                )
            builder.add(categories[cat_id], phrase, number + 1)
    return builder.lexicons()


def _dic_categories(lines: list[str], start: int, stop: int, source: str) -> dict[str, str]:
    categories: dict[str, str] = {}
    for number in range(start, stop):
        line = lines[number].strip()
        if not line:
            continue
        parts = line.split(None, 1)
        if len(parts) != 2 or not parts[0].isdigit():
            raise LexiconError(
                f"expected 'id<TAB>category name', found {line!r}", source=source, line=number + 1
            )
        cat_id = str(int(parts[0]))  # "01" and "1" are one id
        if cat_id in categories:
            raise LexiconError(
                f"category id {parts[0]} given twice", source=source, line=number + 1
            )
        categories[cat_id] = parts[1].strip()
    return categories


def _dic_entry(line: str) -> tuple[str, list[str]]:
    """Split an entry line into its phrase and category ids. With tabs, the first field
    is the phrase; without, the trailing numbers are the ids (phrases may hold spaces)."""
    if "\t" in line:
        phrase, rest = line.split("\t", 1)
        return phrase.strip(), rest.split()
    words = line.split()
    cut = len(words)
    while cut > 1 and words[cut - 1].isdigit():
        cut -= 1
    return " ".join(words[:cut]), words[cut:]


@dataclass(frozen=True)
class LeftOut:
    """An entry an export for another tool cannot carry: an exclude, or a term limited
    to parts of speech."""

    value: str
    kind: str  # virtue, vice or exclude
    term: str
    pos: tuple[str, ...] = ()

    def __str__(self) -> str:
        limit = f" ({'/'.join(self.pos)} only)" if self.pos else ""
        return f"{self.term!r}{limit}"


def left_out(lexicons: Sequence[Lexicon], *, rhetor_categories: bool = False) -> list[LeftOut]:
    """What an export of ``lexicons`` leaves out: excludes and part-of-speech limited
    terms (nothing with ``rhetor_categories``, which keeps them as categories)."""
    if rhetor_categories:
        return []
    found = []
    for lexicon in lexicons:
        for kind, term in _kind_terms(lexicon, rhetor_categories=True):
            if kind == "exclude" or term.pos:
                found.append(LeftOut(lexicon.id, kind, term.text, tuple(term.pos)))
    return found


def export_dic(lexicons: Sequence[Lexicon], *, rhetor_categories: bool = False) -> str:
    """A LIWC-style dictionary of ``lexicons``; a term in several categories is one line.
    Excludes and part-of-speech limited terms only with ``rhetor_categories``."""
    categories: dict[str, int] = {}
    entries: dict[str, list[int]] = {}
    for lexicon in lexicons:
        for kind, term in _kind_terms(lexicon, rhetor_categories=rhetor_categories):
            name = category_name(lexicon.id, kind, term.pos)
            number = categories.setdefault(name, len(categories) + 1)
            ids = entries.setdefault(term.text, [])
            if number not in ids:
                ids.append(number)
    head = [f"{number}\t{name}" for name, number in categories.items()]
    body = [f"{text}\t" + "\t".join(map(str, ids)) for text, ids in entries.items()]
    return "\n".join(["%", *head, "%", *body]) + "\n"


def _kind_terms(lexicon: Lexicon, *, rhetor_categories: bool) -> Iterable[tuple[str, Term]]:
    """(kind, term) of every entry an export carries: all of them with
    ``rhetor_categories``, else only those another tool counts as rhetor does."""
    for kind, term in lexicon.terms():
        if rhetor_categories or not term.pos:
            yield kind, term
    if rhetor_categories:
        for term in lexicon.exclude:
            yield "exclude", term


# -- quanteda YAML dictionaries -------------------------------------------------------------------


def parse_quanteda(text: str, source: str, *, lemmas: bool = False) -> list[Lexicon]:
    """Read a quanteda dictionary: nested mappings whose leaves are lists of patterns;
    a leaf's key path joined with '.' is its category name (as quanteda flattens it)."""
    from rhetor.io.safeyaml import compose_yaml

    root = compose_yaml(text, source)
    if root is None:
        raise LexiconError("file is empty", source=source)
    builder = _Builder(source, lemmas)
    _walk_quanteda(root, [], builder)
    return builder.lexicons()


def _walk_quanteda(node, path: list[str], builder: _Builder) -> None:
    import yaml

    from rhetor.lexicon.yamlnodes import mapping_items

    source = builder.source
    if isinstance(node, yaml.MappingNode):
        for key, child in mapping_items(node, source, ".".join(path) or None):
            _walk_quanteda(child, [*path, key], builder)
        return
    if not path:
        raise LexiconError(
            "a quanteda dictionary is a mapping of category names",
            source=source,
            line=node.start_mark.line + 1,
        )
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for item in items:
        if not isinstance(item, yaml.ScalarNode) or item.tag != "tag:yaml.org,2002:str":
            raise LexiconError(
                "expected a word or phrase",
                source=source,
                key=".".join(path),
                line=item.start_mark.line + 1,
            )
        builder.add(".".join(path), item.value, item.start_mark.line + 1)


def export_quanteda(lexicons: Sequence[Lexicon], *, rhetor_categories: bool = False) -> str:
    """A quanteda dictionary: ``value: {virtue: [...], vice: [...]}``; excludes and
    part-of-speech limited terms (``exclude``, ``virtue.ADJ``) only with
    ``rhetor_categories``."""
    import yaml

    tree: dict[str, dict[str, list[str]]] = {}
    for lexicon in lexicons:
        branch = tree.setdefault(lexicon.id, {})
        for kind, term in _kind_terms(lexicon, rhetor_categories=rhetor_categories):
            leaf = kind + (f".{'+'.join(term.pos)}" if term.pos else "")
            branch.setdefault(leaf, []).append(term.text)
        if not branch:  # every term of the value was left out
            del tree[lexicon.id]
    return yaml.safe_dump(tree, sort_keys=False, allow_unicode=True, width=1000)


# -- rhetor's own YAML ----------------------------------------------------------------------------


def dump_lexicon(lexicon: Lexicon) -> str:
    """The lexicon as a rhetor YAML file that loads back to the same terms."""
    import yaml

    def entry(term: Term):
        fields: dict = {"term": term.text}
        if term.pos:
            fields["pos"] = list(term.pos)
        if term.forms:
            fields["forms"] = term.forms
        if term.unless:
            fields["unless"] = [condition.data for condition in term.unless]
        return fields if len(fields) > 1 else term.text

    document: dict = {"id": lexicon.id, "version": lexicon.version}
    if lexicon.description:
        document["description"] = lexicon.description
    if not lexicon.lemmas:
        document["lemmas"] = False
    # Written out always: a parsed lexicon and one built in code default differently.
    document["forms"] = lexicon.forms
    document["names"] = lexicon.names
    for kind in _KINDS:
        terms = getattr(lexicon, kind)
        if terms:
            document[kind] = [entry(t) for t in terms]
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=1000)
