from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from rhetor.errors import InputError
from rhetor.io.output import LockedOutput, refuse_input_as_output, write_output, write_outputs


def test_output_regular_file_is_replaced_atomically(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    write_output("new", target)
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_output_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_output("new", link)
    assert link.is_symlink() and real.read_text() == "new"


def test_output_fifo_is_written_through_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    write_output("through the pipe", fifo)
    reader.join(10)
    assert got == ["through the pipe"]
    assert fifo.is_fifo()


def test_output_device_is_written_through(tmp_path):
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    write_output("nothing", link)
    assert link.is_symlink() and Path(os.devnull).is_char_device()


def test_output_refuses_an_input(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("text")
    hard = tmp_path / "hard.txt"
    os.link(source, hard)
    with pytest.raises(InputError, match="is also an input"):
        refuse_input_as_output(hard, [str(source)])
    refuse_input_as_output(tmp_path / "new.txt", [str(source)])  # not there yet: fine
    refuse_input_as_output(Path(os.devnull), [os.devnull])  # a device is no file to damage


def test_output_write_outputs_all_or_nothing(tmp_path):
    good, bad = tmp_path / "a.yaml", tmp_path / "missing" / "b.yaml"
    with pytest.raises(InputError):
        write_outputs({good: "a", bad: "b"})
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_output_lock_refuses_a_second_writer(tmp_path):
    target = tmp_path / "out.jsonl"
    with LockedOutput(target, append=False) as first:
        first.stream.write("one\n")
        first.stream.flush()
        # another process, as a second batch would be
        code = (
            "import sys; from pathlib import Path; from rhetor.io.output import LockedOutput\n"
            "from rhetor.errors import InputError\n"
            "try:\n"
            f"    LockedOutput(Path({str(target)!r}), append=False).__enter__()\n"
            "except InputError as e:\n"
            "    print(e); sys.exit(3)\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert done.returncode == 3 and "another rhetor batch" in done.stdout
    assert target.read_text() == "one\n"  # the refused writer truncated nothing
