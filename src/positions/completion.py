"""Shell completion that offers names from the data file safely, in every shell.

Typer's zsh and fish completion pass each item's help through rich markup (a
name holding `[/bold]` raised, `[red]` was obeyed) and hand control characters
to the shell's menu as they are (an OSC sequence retitled the terminal). These
subclasses, registered in place of Typer's for bash, zsh and fish, offer only
values that every shell inserts as they are (no space, quote or character a
shell reads) and print every help text as one printable line, never as markup.
Of an actor's spellings that match what was typed, the first that can be
inserted is offered (`positions.names` picks it); one that matches only by a
name with a space or a quote is not offered, and is found by typing its id,
always a plain slug.
"""

from __future__ import annotations

import re

from typer import _completion_classes as shells
from typer._click.shell_completion import CompletionItem, add_completion_class

from positions.text import printable

_SPACES = re.compile(r"\s+")
#: A value every shell inserts as it is, unquoted: letters and digits of any script,
#: and `_ . , + @ / -` after the first. Anything else (a space, a quote, `;`, `$`,
#: `|`, `&`, `*`, a backslash) could split the word, leave a quote open or run a
#: command once inserted (bash's completion script quotes nothing).
_SHELL_SAFE = re.compile(r"\w[\w.,+@/-]*")
#: zsh's menu text sits inside single quotes and then `_arguments`' own quoting:
#: quotes and backslashes there become look-alikes (it is only what is shown);
#: `$`, a backquote and `:` get Typer's escapes.
_ZSH_HELP = str.maketrans(
    {"'": "\u2019", '"': "\u201d", "\\": "\u29f5", "$": "\\$", "`": "\\`", ":": r"\\:"}
)


def insertable(value: str) -> bool:
    """A value the user could type and see as it is, in any shell: no control,
    format or bidi character (what `printable` escapes) and nothing a shell reads."""
    return printable(value) == value and _SHELL_SAFE.fullmatch(value) is not None


def _help(text: str | None) -> str:
    """A help text as one printable line."""
    return _SPACES.sub(" ", printable(text or "")).strip()


class _Safe:
    """The completions of one shell, with unsafe values left out and help made plain."""

    def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
        found = super().get_completions(args, incomplete)  # type: ignore[misc]
        return [
            CompletionItem(item.value, type=item.type, help=_help(item.help))
            for item in found
            if insertable(str(item.value))
        ]


class BashComplete(_Safe, shells.BashComplete):
    """Bash shows no help; the values are filtered as in every shell."""


class ZshComplete(_Safe, shells.ZshComplete):
    def format_completion(self, item: CompletionItem) -> str:
        # No rich rendering of the help, as Typer's has; a value is shell-safe already.
        help = (item.help or "").translate(_ZSH_HELP)
        return f'"{item.value}":"{help}"' if help else f'"{item.value}"'


class FishComplete(_Safe, shells.FishComplete):
    def format_completion(self, item: CompletionItem) -> str:
        return f"{item.value}\t{item.help}" if item.help else str(item.value)


def register() -> None:
    """Use these classes for bash, zsh and fish (after Typer registered its own)."""
    shells.completion_init()
    for cls, name in ((BashComplete, "bash"), (ZshComplete, "zsh"), (FishComplete, "fish")):
        add_completion_class(cls, name)
