"""Parse once, score many: a folder of parsed Docs, keyed by text and pipeline.

Parsing is nearly all of rhetor's cost, and a parse does not depend on the
lexicons, cue words or sides. A run with ``--cache DIR`` stores each parsed
piece of text as a one-Doc spaCy ``DocBin``; a later run with other lexicons
finds it and skips the parse.

Layout::

    DIR/CACHEDIR.TAG                      marks the folder as a cache (and for backup tools)
    DIR/<pipeline>/<ab>/<sha256>.doc      one entry per piece of text

``<pipeline>`` names the pipeline's language, name and version, the spaCy
version and the components that ran (a digest of them), so a parse from
another model, version or set of components is never reused. ``<sha256>`` is
the hash of the text. Each entry is a one-line JSON header (the payload's
hash, the text's length and its word count) then the DocBin bytes.

Safety: an entry is written to a temporary file in the same folder and
renamed into place, so a reader sees a whole entry or none, even if the
writer is killed; two runs writing the same entry both write whole files and
the last rename wins. An entry that is unreadable, truncated, fails its hash,
or holds another text is ignored (with a warning), parsed again and replaced.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

MAGIC = b"rhetor-doc-cache/1 "
TAG_NAME = "CACHEDIR.TAG"
# The standard signature (https://bford.info/cachedir/), so backup tools skip the folder.
TAG_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file marks a rhetor parse cache (rhetor --cache). See 'rhetor cache info'.\n"
)
ENTRY_SUFFIX = ".doc"
ENV = "RHETOR_CACHE"


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def pipeline_key(nlp) -> str:
    """A folder name for one pipeline: language, name, version, spaCy version and a digest
    of the components that ran (their names and factories, in order) and of rhetor's
    tokenizer rules (see :func:`rhetor.nlp.pipeline.adjust_tokenizer`)."""
    import spacy

    meta = nlp.meta
    components = [
        (name, getattr(pipe, "factory_name", type(pipe).__name__)) for name, pipe in nlp.pipeline
    ]
    tokenizer = meta.get("rhetor_tokenizer", "")
    digest = hashlib.sha256(json.dumps([components, tokenizer]).encode()).hexdigest()[:12]
    name = f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}"
    parts = [name, str(meta.get("version", "0")), f"spacy{spacy.__version__}", digest]
    return "-".join(_safe(p) for p in parts)


def _safe(part: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "._" else "_" for ch in part)


Warn = Callable[[str], None]


def _ignore(message: str) -> None:
    pass


class DocCache:
    """Parsed Docs of one pipeline in ``folder``. Problems with an entry are never errors:
    they go to the ``warn`` callback of the call, and the text is parsed again."""

    def __init__(self, folder: str | Path, nlp) -> None:
        self.root = Path(folder)
        self.nlp = nlp
        self.folder = self.root / pipeline_key(nlp)
        self.hits = 0
        self.misses = 0
        self._made = False

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{ENTRY_SUFFIX}"

    def get(self, text: str, warn: Warn = _ignore):
        """The cached Doc of ``text``, or None (missing or broken: parse it again)."""
        path = self._path(text_key(text))
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        except OSError as exc:
            warn(f"parse cache: cannot read {path}: {exc.strerror or exc}; parsing again")
            self.misses += 1
            return None
        doc = self._decode(data, text, path, warn)
        if doc is None:
            self.misses += 1
        else:
            self.hits += 1
        return doc

    def _decode(self, data: bytes, text: str, path: Path, warn: Warn):
        from spacy.tokens import DocBin

        try:
            header, payload = _split(data)
            if hashlib.sha256(payload).hexdigest() != header["sha256"]:
                raise ValueError("its content does not match its checksum")
            docs = list(DocBin().from_bytes(payload).get_docs(self.nlp.vocab))
            if len(docs) != 1 or docs[0].text != text:
                raise ValueError("it holds another text")
        except Exception as exc:  # anything wrong with an entry means: parse again
            warn(f"parse cache: ignoring broken entry {path} ({exc}); parsing again")
            return None
        return docs[0]

    def put(self, text: str, doc, warn: Warn = _ignore) -> None:
        """Store the parse of ``text``; a failure to write is a warning, never an error."""
        from spacy.tokens import DocBin

        payload = DocBin(docs=[doc], store_user_data=False).to_bytes()
        header = {
            "sha256": hashlib.sha256(payload).hexdigest(),
            "characters": len(text),
            "words": _words(doc),
        }
        path = self._path(text_key(text))
        try:
            self._ensure_root()
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(path, MAGIC + json.dumps(header).encode() + b"\n" + payload)
        except OSError as exc:
            warn(f"parse cache: cannot write {path}: {exc.strerror or exc}")

    def _ensure_root(self) -> None:
        if self._made:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        tag = self.root / TAG_NAME
        if not tag.exists():
            _write_atomically(tag, TAG_TEXT.encode())
        self._made = True


def _words(doc) -> int:
    return sum(1 for token in doc if not (token.is_punct or token.is_space))


def _split(data: bytes) -> tuple[dict, bytes]:
    if not data.startswith(MAGIC):
        raise ValueError("it is not a rhetor cache entry")
    line_end = data.index(b"\n")
    header = json.loads(data[len(MAGIC) : line_end])
    return header, data[line_end + 1 :]


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: never half a file."""
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- inspecting and clearing a cache folder (no spaCy needed) -------------------------------------


@dataclass(frozen=True)
class PipelineUsage:
    pipeline: str
    entries: int
    bytes: int
    words: int
    broken: int

    @property
    def bytes_per_million_words(self) -> float:
        return self.bytes * 1_000_000 / self.words if self.words else 0.0


def is_cache(folder: Path) -> bool:
    return (folder / TAG_NAME).is_file()


def _entries(folder: Path) -> Iterator[Path]:
    yield from sorted(folder.glob(f"??/*{ENTRY_SUFFIX}"))


def usage(root: str | Path) -> list[PipelineUsage]:
    """Entries, bytes and words per pipeline, from the entries' headers."""
    found = []
    for folder in sorted(p for p in Path(root).iterdir() if p.is_dir()):
        entries = size = words = broken = 0
        for path in _entries(folder):
            entries += 1
            size += path.stat().st_size
            try:
                with path.open("rb") as stream:
                    header, _ = _split(stream.readline() + b"\n")
                words += int(header["words"])
            except (ValueError, KeyError, TypeError, OSError):
                broken += 1
        found.append(PipelineUsage(folder.name, entries, size, words, broken))
    return found


def clear(root: str | Path, pipeline: str | None = None) -> int:
    """Remove the entries (of one pipeline, or all) and their temporary files; returns
    how many entries went. Only files rhetor writes are removed."""
    removed = 0
    for folder in sorted(p for p in Path(root).iterdir() if p.is_dir()):
        if pipeline and folder.name != pipeline:
            continue
        for path in folder.glob("??/*"):
            if path.suffix in (ENTRY_SUFFIX, ".tmp") and path.is_file():
                path.unlink(missing_ok=True)
                removed += path.suffix == ENTRY_SUFFIX
        for sub in folder.glob("??"):
            _rmdir_if_empty(sub)
        _rmdir_if_empty(folder)
    return removed


def _rmdir_if_empty(folder: Path) -> None:
    # Not empty (someone else's file, or a run writing now): leave it.
    with contextlib.suppress(OSError):
        folder.rmdir()
