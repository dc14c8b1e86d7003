"""First contact: every --help shows its words as written, and every option error is
one ``rhetor: error:`` line."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from rhetor.cli import app

runner = CliRunner()
BOX = re.compile("[│╭╮╰╯─┃━┏┓┗┛]")


def commands(group=None, path: tuple[str, ...] = ()):
    group = group or typer.main.get_command(app)
    for name, command in sorted(group.commands.items()):
        if command.hidden:
            continue
        yield (*path, name), command
        if hasattr(command, "commands"):  # a group (Typer vendors its own click)
            yield from commands(command, (*path, name))


ALL = list(commands())
IDS = [" ".join(path) for path, _ in ALL]


def flat(text: str) -> str:
    return " ".join(BOX.sub(" ", text).split())


def test_cli_help_finds_every_command():
    assert {"analyse", "batch", "evaluate", "kwic", "lexicons", "lexicons import"} <= set(IDS)


@pytest.mark.parametrize("path,command", ALL, ids=IDS)
def test_cli_help_renders_every_word(path, command):
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    shown = flat(result.stdout)
    texts = [command.help or ""] + [p.help for p in command.params if getattr(p, "help", None)]
    for text in texts:
        first = text.split("\n\n")[0]  # Typer shows the first paragraph of a docstring
        assert flat(first) in shown, first
    for placeholder in ("<bool>", "<str>", "<int", "<float", "<list", "<path>"):
        assert placeholder not in shown, placeholder
    usage = next(line for line in result.stdout.splitlines() if "Usage:" in line)
    assert "{" not in usage, usage


def test_cli_help_keeps_bracketed_words():
    shown = flat(runner.invoke(app, ["batch", "--help"], env={"COLUMNS": "200"}).stdout)
    assert "Needs rhetor[dask]." in shown
    shown = flat(runner.invoke(app, ["evaluate", "--help"], env={"COLUMNS": "200"}).stdout)
    assert "the expected [value, side, stance] triples" in shown


@pytest.mark.parametrize("path,command", ALL, ids=IDS)
def test_cli_help_option_error_is_one_line(path, command):
    result = runner.invoke(app, [*path, "--no-such-option"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("rhetor: error: "), result.stderr
    assert "--no-such-option" in lines[0] and "--help" in lines[0]
    assert result.stdout == ""


@pytest.mark.parametrize(
    "args,fragment",
    [
        (["batch", "docs", "-j", "0"], "--jobs"),
        (["analyse", "x.txt", "-f", "pdf"], "'pdf' is not one of"),
        (["kwic", "x.txt", "--window", "-1"], "--window"),
        (["analyse"], "Missing argument 'FILE'"),
        (["no-such-command"], "No such command"),
    ],
)
def test_cli_help_value_errors_are_one_line(args, fragment):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("rhetor: error: ") and fragment in lines[0]
