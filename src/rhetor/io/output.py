"""The one way rhetor writes an output.

- A regular file (or a symlink to one) is written atomically: a temporary file
  beside the real target, fsynced, then renamed over it; the symlink stays.
- Anything else (a character device such as ``/dev/null`` or ``/dev/stdout``, a
  FIFO, or a symlink to one) is written through, never replaced: as root, a
  rename would swap ``/dev/null`` for a regular file.
- An output that is also one of the command's inputs is refused before anything
  is written.
- A streamed output (``rhetor batch -o``) is locked against a second writer.

Nothing here imports spaCy or YAML.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from rhetor.errors import InputError
from rhetor.io.textio import shown


def current_umask() -> int:
    current = os.umask(0o022)  # reading the umask means setting it: put it back at once
    os.umask(current)
    return current


def _cannot_write(target: Path, exc: OSError | str) -> InputError:
    reason = exc if isinstance(exc, str) else (exc.strerror or str(exc))
    return InputError(f"{shown(str(target))}: cannot write: {reason}")


def is_special(target: Path) -> bool:
    """True for an existing output that is not a regular file or a folder: a device, a
    FIFO, a socket (following symlinks)."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def refuse_input_as_output(target: Path | None, inputs: Iterable[str | Path]) -> None:
    """Refuse ``target`` if it is the same file as one of ``inputs`` (links included)."""
    if target is None:
        return
    try:
        out = target.stat()
    except OSError:
        return  # it does not exist yet, so it is no input
    if not stat.S_ISREG(out.st_mode):
        return  # /dev/null or a pipe can be both without harm
    for given in inputs:
        try:
            other = os.stat(given)
        except (OSError, ValueError):
            continue
        if (other.st_dev, other.st_ino) == (out.st_dev, out.st_ino):
            raise InputError(
                f"{shown(str(target))}: is also an input ({shown(str(given))}); "
                "write the output somewhere else"
            )


def _real_target(target: Path) -> Path:
    """Where a symlinked output really is, so that replacing it keeps the link."""
    try:
        return Path(os.path.realpath(target)) if target.is_symlink() else target
    except OSError:
        return target


def write_output(text: str, target: Path | None) -> None:
    """Write all of ``text`` to stdout, or to ``target`` as described above."""
    if target is None:
        write_stdout(text)
        return
    if is_special(target):
        write_through(text, target)
        return
    commit = prepare(text, target)
    commit()


def write_outputs(texts: dict[Path, str]) -> None:
    """Write several files all or nothing: every temporary file is written first, and only
    when all succeeded are they renamed into place (a full disk leaves none)."""
    commits = []
    try:
        for target, text in texts.items():
            commits.append(prepare(text, target))
    except BaseException:
        for commit in commits:
            commit.discard()
        raise
    for commit in commits:
        commit()


def write_stdout(text: str) -> None:
    stream = sys.stdout
    try:
        stream.write(text)
    except UnicodeEncodeError:
        # A stdout that cannot encode the text (LANG=C, PYTHONIOENCODING=ascii): escape
        # what it cannot show rather than fail half way.
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
    stream.flush()


def write_through(data: str | bytes, target: Path) -> None:
    """Write to a device or FIFO as it is (a rename would replace it)."""
    try:
        if isinstance(data, bytes):
            with open(target, "wb") as binary:
                binary.write(data)
        else:
            with open(target, "w", encoding="utf-8") as stream:
                stream.write(data)
    except OSError as exc:
        raise _cannot_write(target, exc) from None


class _Pending:
    """A complete temporary file waiting to be renamed over its target."""

    def __init__(self, tmp: str, target: Path) -> None:
        self.tmp, self.target = tmp, target

    def __call__(self) -> None:
        try:
            os.replace(self.tmp, self.target)
        except OSError as exc:
            self.discard()
            raise _cannot_write(self.target, exc) from None

    def discard(self) -> None:
        Path(self.tmp).unlink(missing_ok=True)


def prepare(text: str, target: Path) -> _Pending:
    """Write ``text`` to a temporary file beside ``target``; the caller renames it."""
    real = _real_target(target)
    folder = real.parent if str(real.parent) else Path(".")
    if not folder.is_dir():
        raise _cannot_write(target, f"folder {shown(str(folder))} does not exist")
    if real.is_dir():
        raise _cannot_write(target, "is a folder")
    try:
        handle, tmp = tempfile.mkstemp(prefix=f".{real.name}.", dir=folder)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    try:
        # mkstemp makes the file private (0600); give it the mode any new file gets.
        os.fchmod(handle, 0o666 & ~current_umask())
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _cannot_write(target, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return _Pending(tmp, real)


# -- streamed outputs (rhetor batch) -------------------------------------------------------------


class LockedOutput:
    """A streamed output file, opened without truncating and locked (``flock``) before
    anything is read from or written to it, so that a second batch on the same file
    stops with a clear error instead of interleaving or losing records.

    ``append`` keeps what is there (for ``--resume``); otherwise the file is emptied by
    :meth:`begin`, which the caller calls once it has checked (under the lock) that the
    file is no input of its own. A device or FIFO is written through, unlocked.

    ``stream`` takes whole records: each ``write`` goes straight to the file, and one
    that fails part way (a full disk) is cut off again, so the file never ends mid-row."""

    def __init__(self, target: Path, *, append: bool) -> None:
        self.target = target
        self.append = append
        self.fd: int | None = None
        self.special = False
        self.created = False
        self.stream: WholeWrites | None = None

    def __enter__(self) -> LockedOutput:
        self.special = is_special(self.target)
        self.created = not os.path.lexists(self.target)
        flags = os.O_WRONLY | (0 if self.special else os.O_CREAT)
        if self.append:
            flags |= os.O_APPEND  # --resume may cut a partial last line after opening
        try:
            fd = os.open(self.target, flags | getattr(os, "O_CLOEXEC", 0), 0o666)
        except OSError as exc:
            raise _cannot_write(self.target, exc) from None
        try:
            if not self.special:
                _lock(fd, self.target)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd
        self.stream = WholeWrites(fd, cut_back=not self.special)
        return self

    def begin(self) -> None:
        """Empty the file (unless appending) and write from its end."""
        if self.fd is None or self.special:
            return
        if not self.append:
            os.ftruncate(self.fd, 0)
        os.lseek(self.fd, 0, os.SEEK_END)

    def discard_if_new(self) -> None:
        """Remove the file if this run made it (a run that failed before writing any
        record leaves no output behind); a file that was there stays."""
        if self.created and not self.special:
            with contextlib.suppress(OSError):
                self.target.unlink()

    @property
    def empty(self) -> bool:
        try:
            return self.target.stat().st_size == 0 or is_special(self.target)
        except OSError:
            return True

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)  # closing the file releases the lock
            self.fd = None


class WholeWrites:
    """A text sink on a file descriptor that writes each piece whole or not at all."""

    def __init__(self, fd: int, *, cut_back: bool) -> None:
        self.fd, self.cut_back = fd, cut_back

    def write(self, text: str) -> int:
        data = memoryview(text.encode("utf-8"))
        start = os.lseek(self.fd, 0, os.SEEK_END) if self.cut_back else None
        try:
            while data:
                data = data[os.write(self.fd, data) :]
        except OSError:
            if start is not None:
                with contextlib.suppress(OSError):
                    os.ftruncate(self.fd, start)
            raise
        return len(text)

    def flush(self) -> None:
        pass  # nothing is buffered


def _lock(fd: int, target: Path) -> None:
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, as before
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise InputError(
            f"{shown(str(target))}: another rhetor batch is writing this file; "
            "wait for it, or choose another -o"
        ) from None
    except OSError:
        pass  # a file system without locks (some network mounts): go on unlocked
