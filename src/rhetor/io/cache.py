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
or holds another text is ignored (with a warning), parsed again and replaced; so is
one that is not a regular file (a symlink, a FIFO, a device) or larger than an entry
of its text can be, which is never read.

``rhetor cache clear`` removes only what rhetor writes: regular files named as
entries (or their temporary files), in folders named as rhetor names them, under a
folder whose ``CACHEDIR.TAG`` is rhetor's (a standard tag of another program's cache
is not enough); it never follows a symlink, so nothing outside the folder is touched.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import stat
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
TAG_MARK = "# This file marks a rhetor parse cache"  # what tells rhetor's tag from others
ENTRY_SUFFIX = ".doc"
ENV = "RHETOR_CACHE"
# The most bytes an entry of a text may have: a parse is a few bytes per character
# (measured: 1.3 to 14), so anything far larger is no entry of this text.
ENTRY_BASE_BYTES = 1 << 20
ENTRY_BYTES_PER_CHARACTER = 64
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _NO_FOLLOW  # a FIFO does not block
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NO_FOLLOW


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

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{ENTRY_SUFFIX}"

    def get(self, text: str, warn: Warn = _ignore):
        """The cached Doc of ``text``, or None (missing or broken: parse it again)."""
        path = self._path(text_key(text))
        limit = ENTRY_BASE_BYTES + ENTRY_BYTES_PER_CHARACTER * len(text)
        try:
            data = read_regular(path, limit)
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            warn(f"parse cache: ignoring {path}: {reason}; parsing again")
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
        # Checked at every write, not once: a long-lived Analyser (the Python API) may
        # outlive a `rhetor cache clear` or a removed folder.
        tag = self.root / TAG_NAME
        if os.path.lexists(tag):
            return
        self.root.mkdir(parents=True, exist_ok=True)
        _write_atomically(tag, TAG_TEXT.encode())


def read_regular(
    path: Path | str, limit: int, *, dir_fd: int | None = None, head: bool = False
) -> bytes:
    """The bytes of ``path`` if it is a regular file (not a symlink, FIFO or device) of
    at most ``limit`` bytes (with ``head``, of any size: its first ``limit`` bytes);
    ValueError if it is something else, OSError if unreadable. Opening never blocks,
    and no more than ``limit`` bytes are read."""
    try:
        fd = os.open(path, _READ_FLAGS, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ValueError("it is a symbolic link") from None
        raise
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("it is not a regular file")
        if info.st_size > limit and not head:
            raise ValueError(f"it is larger than an entry can be ({info.st_size:,} bytes)")
        data = stream.read(limit if head else limit + 1)
    if len(data) > limit:
        raise ValueError("it is larger than an entry can be")
    return data


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


def not_a_cache(folder: Path) -> str | None:
    """Why ``folder`` is not a rhetor parse cache, or None if it is one: its
    ``CACHEDIR.TAG`` must be a regular file (not a link) holding rhetor's mark."""
    try:
        text = read_regular(Path(folder) / TAG_NAME, 4096).decode("utf-8", "replace")
    except FileNotFoundError:
        return f"no {TAG_NAME}"
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        return f"its {TAG_NAME} cannot be read: {reason}"
    if TAG_MARK not in text:
        return f"its {TAG_NAME} is another program's"
    return None


def is_cache(folder: Path) -> bool:
    return not_a_cache(folder) is None


# Names rhetor gives: <lang>_<name>-<version>-spacy<version>-<digest>/<ab>/<sha256>.doc, and
# the temporary files beside an entry (.<sha256>.doc.<random>.tmp).
_PIPELINE = re.compile(r"[\w.]+-[\w.]+-spacy[\w.]+-[0-9a-f]{12}")
_SHARD = re.compile(r"[0-9a-f]{2}")
_ENTRY = re.compile(r"([0-9a-f]{2})[0-9a-f]{62}\.doc")
_TEMPORARY = re.compile(r"\..+\.doc\..+\.tmp", re.DOTALL)


def _folder(name: str, dir_fd: int | None) -> int | None:
    """A descriptor of the folder ``name`` (in ``dir_fd``), never through a symlink; None
    when it is no folder."""
    try:
        return os.open(name, _DIR_FLAGS, dir_fd=dir_fd)
    except OSError:
        return None


def _pipelines(root_fd: int, pipeline: str | None = None) -> Iterator[tuple[str, int]]:
    """(name, descriptor) of each pipeline folder (or of ``pipeline`` alone)."""
    for name in sorted(os.listdir(root_fd)):
        if (pipeline and name != pipeline) or not _PIPELINE.fullmatch(name):
            continue
        fd = _folder(name, root_fd)
        if fd is None:
            continue
        try:
            yield name, fd
        finally:
            os.close(fd)


def _files(folder_fd: int) -> Iterator[tuple[int, str, os.stat_result]]:
    """(folder descriptor, name, lstat) of each file of one pipeline folder that rhetor
    names as an entry or a temporary file (regular or not: the caller looks)."""
    for shard in sorted(os.listdir(folder_fd)):
        if not _SHARD.fullmatch(shard):
            continue
        fd = _folder(shard, folder_fd)
        if fd is None:
            continue
        try:
            for name in sorted(os.listdir(fd)):
                entry = _ENTRY.fullmatch(name)
                if not (entry and entry.group(1) == shard) and not _TEMPORARY.fullmatch(name):
                    continue
                try:
                    yield fd, name, os.stat(name, dir_fd=fd, follow_symlinks=False)
                except OSError:
                    continue
        finally:
            os.close(fd)


@contextlib.contextmanager
def _opened(root: str | Path):
    fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        yield fd
    finally:
        os.close(fd)


def usage(root: str | Path) -> list[PipelineUsage]:
    """Entries, bytes and words per pipeline, from the entries' headers."""
    found = []
    with _opened(root) as root_fd:
        for pipeline, folder_fd in _pipelines(root_fd):
            entries = size = words = broken = 0
            for fd, name, info in _files(folder_fd):
                if not name.endswith(ENTRY_SUFFIX):
                    continue
                entries += 1
                if not stat.S_ISREG(info.st_mode):  # a link, a FIFO: never read
                    broken += 1
                    continue
                size += info.st_size
                try:
                    head = read_regular(name, 4096, dir_fd=fd, head=True)
                    header, _ = _split(head[: head.index(b"\n") + 1])
                    words += _word_count(header["words"])
                except (ValueError, KeyError, TypeError, OSError):
                    broken += 1
            found.append(PipelineUsage(pipeline, entries, size, words, broken))
    return found


def _word_count(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 1 << 53:
        raise ValueError("not a word count")
    return value


def clear(root: str | Path, pipeline: str | None = None) -> int:
    """Remove the entries (of one pipeline, or all) and their temporary files; returns
    how many entries went. Only regular files named as rhetor names them are removed,
    and no symlink is followed."""
    removed = 0
    with _opened(root) as root_fd:
        for name, folder_fd in _pipelines(root_fd, pipeline):
            for fd, file, info in _files(folder_fd):
                if not stat.S_ISREG(info.st_mode):
                    continue  # not a file rhetor wrote: left as it is
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(file, dir_fd=fd)  # unlink never follows a link
                    removed += file.endswith(ENTRY_SUFFIX)
            for shard in os.listdir(folder_fd):
                if _SHARD.fullmatch(shard):
                    _rmdir_if_empty(shard, folder_fd)
            _rmdir_if_empty(name, root_fd)
    return removed


def _rmdir_if_empty(name: str, dir_fd: int) -> None:
    # Not empty (someone else's file, or a run writing now), or a link: leave it.
    with contextlib.suppress(OSError):
        os.rmdir(name, dir_fd=dir_fd)
