"""What ``--help`` and option errors look like: plain words, one-line errors.

Typer renders help through Rich, and three of its habits surprise a new user:

- help text is read as Rich markup, so ``rhetor[dask]`` prints as ``rhetor`` and
  ``[value, side, stance]`` vanishes: help here is always literal text;
- every option shows a Python type (``<bool>`` after each flag, ``<str>``,
  ``<int range>``): a flag shows nothing, an option its metavar or a plain word
  such as ``TEXT`` or ``INTEGER``, and required arguments are not put in braces;
- an option error (``--jobs 0``, ``-f pdf``) is a six-line box: here it is the one
  ``rhetor: error:`` line every other error is;
- a command's summary in the command list keeps the docstring's line breaks, so it
  breaks mid-sentence: here a paragraph's lines are joined and wrap at the width;
- an option's help, environment variable and default are laid out as columns that
  cut a long word or default with "…": here they are one text that wraps at spaces
  and folds a word too long for its column, so every default shows whole; choices
  (``terminal|json|markdown|html``) break after a ``|``, not inside a word.

These are small replacements of Typer's rendering hooks, installed once when the
app is built; ``tests/test_cli_help.py`` checks every command's help and errors,
so a Typer upgrade that moves a hook fails a test rather than the user.
"""

from __future__ import annotations

import re
import sys

_TYPE_WORDS = {
    "str": "TEXT",
    "int": "INTEGER",
    "float": "NUMBER",
    "path": "PATH",
    "Path": "PATH",
    "bool": None,
}


def install() -> None:
    try:
        from typer import core, rich_utils
    except ImportError:  # pragma: no cover - Typer always comes with rhetor
        return
    core.TyperOption.display_type_rich = _option_type
    core.TyperArgument.display_type_rich = _argument_type
    if hasattr(core.TyperArgument, "_usage_display_name"):
        core.TyperArgument._usage_display_name = _usage_name
    if hasattr(rich_utils, "_make_rich_text"):
        rich_utils._make_rich_text = _literal(rich_utils._make_rich_text)
    if hasattr(rich_utils, "_make_command_help"):
        rich_utils._make_command_help = _joined_lines(rich_utils._make_command_help)
    if hasattr(rich_utils, "_get_parameter_help"):
        rich_utils._get_parameter_help = _one_text(rich_utils._get_parameter_help)
    rich_utils.rich_format_error = one_line_error


def _readable(type_label: str | None) -> str | None:
    """``<list[str]>`` -> ``TEXT``, ``<int range>`` -> ``INTEGER``, choices kept."""
    if not type_label:
        return None
    label = type_label.strip("<>")
    inner = re.fullmatch(r"list\[(.*)\]", label)
    if inner:
        label = inner.group(1)
    label = label.removesuffix(" range")
    if label in _TYPE_WORDS:
        return _TYPE_WORDS[label]
    return label if "|" in label else label.upper()


def _option_type(self, ctx) -> str | None:
    if self.is_flag:
        return None  # a flag takes no value
    if self.metavar is not None:
        return _breakable(self.metavar)
    return _breakable(_readable(self.display_type(ctx)))


def _breakable(label: str | None) -> str | None:
    """Choices that may wrap after each ``|`` (Rich wraps at spaces only), so a narrow
    column never splits ``markdown`` in two."""
    if not label or "|" not in label:
        return label
    return " | ".join(label.split("|"))


def _joined_lines(make_command_help):
    """The command list's summary with a paragraph's line breaks joined."""

    def make(*, help_text: str, markup_mode):
        import inspect

        first, *rest = inspect.cleandoc(help_text).split("\n\n")
        if not first.startswith("\b"):
            first = " ".join(first.split("\n"))
        return make_command_help(help_text="\n\n".join([first, *rest]), markup_mode=markup_mode)

    return make


def _one_text(get_parameter_help):
    """An option's help, environment variable and default as one wrapping text: a long
    word folds rather than being cut with "…"."""

    def make(*, param, ctx, markup_mode):
        from rich.text import Text

        columns = get_parameter_help(param=param, ctx=ctx, markup_mode=markup_mode)
        parts = list(getattr(columns, "renderables", None) or [])
        if not parts or not all(isinstance(part, Text) for part in parts):
            return columns
        joined = Text(overflow="fold")
        for part in parts:
            if joined:
                joined.append(" ")
            joined.append_text(part)
        return joined

    return make


def _argument_type(self, ctx) -> str | None:
    # The name column already shows the metavar; a type beside it says nothing more.
    return None if self.metavar is not None else _readable(self.display_type(ctx))


def _usage_name(self) -> str:
    name = self.metavar or (self.name or "").upper()
    if self.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name if self.required else f"[{name}]"


def _literal(make_rich_text):
    from rich.markup import escape

    def make(*, text: str, style: str = "", markup_mode):
        if markup_mode == "rich":
            text = escape(text)
        return make_rich_text(text=text, style=style, markup_mode=markup_mode)

    return make


def one_line_error(error) -> None:
    """An option or usage error as one ``rhetor: error:`` line naming the help to read."""
    if error.__class__.__name__ == "NoArgsIsHelpError":
        return  # the help has been printed
    from rhetor.io.safetext import one_line

    message = error.format_message().replace("Value error, ", "")
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        message += f" (see {ctx.command_path} --help)"
    print(f"rhetor: error: {one_line(message)}", file=sys.stderr)
