"""Hostile and broken data files: every file in tests/corpus/ and its exact outcome.

Each corpus file goes through `validate`, `show`, `compare` and every export.
A broken file must give the same located problems from each command, exit 1
and write nothing; a valid file full of hostile text must render it literally
(the substrings below) with no control, bidi or invisible character reaching
the output. The files too big to commit (a file over the size limit, a very
dense file, 100,000 levels of nesting) are generated here in tmp_path.
See docs/security.md for the threat each case stands for.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
import yaml
from rich.cells import cell_len
from typer.testing import CliRunner, Result

from positions import loader, yamlsource
from positions.cli import app
from positions.errors import DataError
from tests.test_export import without_our_script

CORPUS = Path(__file__).parent / "corpus"
# The data files, YAML and tidy CSV given alone; tests/corpus/sources/ holds the texts
# their sources' `file:` name, tests/corpus/tidy/ the CSV files a tidy-*.yaml names.
FILES = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".yaml", ".csv"))

runner = CliRunner()

# What must never reach any output as itself: C0 controls but the line feed,
# DEL, C1 controls, bidi marks, embeddings, overrides and isolates, line and
# paragraph separators, and the invisible characters that hide text (zero
# width space, word joiner, invisible operators, BOM, tag characters).
# Written out here, not imported, so the test does not trust the code under test.
UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f\ud800-\udfff]"
)


# Markup that would run or load something: only the report's own <style> is allowed.
# The report's own pictures are `<svg class="chart ...">`: any other svg is not ours.
ACTIVE_HTML = re.compile(
    r"<(?:script|iframe|img|object|embed|math|link|base|form|foreignobject|use|image|animate"
    r"|set)\b|<svg\b(?! class=\"chart )"
    r"|\bon[a-z]+\s*=\s*[\"']|(?:href|src)\s*=\s*[\"']?\s*(?:javascript|data|vbscript):",
    re.IGNORECASE,
)
# Markdown that would render as HTML or as a link that is not http(s): an unescaped
# tag (the exporter's own <br> aside) or `](`.
ACTIVE_MARKDOWN = re.compile(r"(?<!\\)<(?!br>)[a-z/!]|(?<!\\)\]\((?!https?://)", re.IGNORECASE)


@dataclass(frozen=True)
class Refused:
    """A broken file: every command prints these problems, `LINE:COL: message`, and exits 1.

    `where`: the file they are located in, relative to tests/corpus/, when it is not the
    data file itself (a tidy-*.yaml file's CSV)."""

    problems: tuple[str, ...]
    where: str | None = None


@dataclass(frozen=True)
class QuotesRefused:
    """A file that is valid but for its quotes: `validate --check-quotes` prints these
    problems and exits 1; plain `validate` prints `counts`, and every command reads it."""

    problems: tuple[str, ...]
    counts: str


@dataclass(frozen=True)
class Shown:
    """A valid file of hostile text: what each output must contain, literally."""

    counts: str  # what `validate` prints
    issue: str | None  # the ISSUE argument for `show`; None for a file without issues
    show: tuple[str, ...] = ()
    compare: tuple[str, ...] = ()
    csv: tuple[str, ...] = ()
    md: tuple[str, ...] = ()
    html: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()  # in none of show, compare, csv and md


_ESCAPE_HINT = 'write it as an escape inside double quotes, e.g. "\\x1b"'
_UTF8_HINT = "save it as UTF-8 in your editor"
_ALIAS = "YAML aliases (*name) are not supported in this format"
_TAG = "is not allowed; remove the tag; values are plain text, lists and mappings"
_SLUG_HINT = "use lower-case letters, digits, '-' and '_', e.g. 'united_states'"
_TOP = "format, title, sources, actors, issues, positions"
_FIELDS = "format, title, sources, actors, issues, groups, positions"  # groups: optional
_INTO_EVIDENCE = "move its source and quote into evidence, as the first item"
_WINDOW_HINT = "correct the date, or the actor's active window"
_CYCLE_HINT = "a group may include another group, never itself"
_WRITE_FORMAT_2 = "write 'format: 2' at the top of the file to use it"
_RELATIVE_HINT = "name the file relative to the data file, e.g. texts/article.txt"
_TIDY = "see docs/format.md, 'Tidy CSV'"
_COLUMNS = (
    "actor, issue, stance, date, summary, quote, source, basis, note, conditions, salience, "
    "red_line, held_since, speaker, url, more_evidence, evidence_date, actor_name, issue_title, "
    "score, party"
)
_STANCES = "strongly_oppose, oppose, neutral, support, strongly_support"
_DATE_HINT = "write a real calendar date as YYYY-MM-DD, e.g. 2025-08-15"
_CONDITIONS_HINT = (
    "write ISSUE=adopted or ISSUE=rejected, several separated by ';': "
    "tariffs=adopted;quotas=rejected"
)
_CSV_HEADER = (
    '"issue","issue_title","actor","actor_name","stance","score","summary","quote",'
    '"source","date","party","basis","note","conditions","salience","red_line",'
    '"held_since","speaker","url","more_evidence","evidence_date"\n'
)
_VERBATIM_HINT = (
    "copy the words exactly as the source prints them; '\u2026' stands for words left out"
)

EXPECTED: dict[str, Refused | QuotesRefused | Shown] = {
    # --- YAML itself ------------------------------------------------------------------
    "yaml-syntax-unclosed.yaml": Refused(
        ("4:8: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'",)
    ),
    "yaml-syntax-indent.yaml": Refused(
        (
            "4:9: YAML syntax error: mapping values are not allowed in this context; quote a "
            "value that contains ': ' (title: \"Talks: round 2\"), and line a key up with the "
            "keys above it",
        )
    ),
    "yaml-tab-indent.yaml": Refused(
        (
            "4:1: YAML syntax error: while scanning for the next token found character that "
            "cannot start any token; indent with spaces: YAML does not allow tabs there",
        )
    ),
    "empty.yaml": Refused(("1:1: the data file is empty; see docs/format.md",)),
    "comments-only.yaml": Refused(("1:1: the data file is empty; see docs/format.md",)),
    "top-list.yaml": Refused(
        (
            f"2:1: the data file must be a mapping with {_TOP}; found a list; "
            "see docs/format.md for a complete example",
        )
    ),
    "top-scalar.yaml": Refused(
        (
            f"2:1: the data file must be a mapping with {_TOP}; found a single value; "
            "see docs/format.md for a complete example",
        )
    ),
    "two-documents.yaml": Refused(
        (
            "3:1: YAML syntax error: expected a single document in the stream but found "
            "another document",
        )
    ),
    # --- bytes and encodings ----------------------------------------------------------------
    "latin1.yaml": Refused(
        (f"4:27: byte 0xe9 is not valid UTF-8; the data file must be UTF-8; {_UTF8_HINT}",)
    ),
    "cr-line-ends-latin1.yaml": Refused(
        (f"3:11: byte 0xe9 is not valid UTF-8; the data file must be UTF-8; {_UTF8_HINT}",)
    ),
    "utf16-bom.yaml": Refused(
        (
            "1:1: the data file is UTF-16 (it starts with a UTF-16 byte-order mark); "
            f"the data file must be UTF-8; {_UTF8_HINT}",
        )
    ),
    "utf32-bom.yaml": Refused(
        (
            "1:1: the data file is UTF-32 (it starts with a UTF-32 byte-order mark); "
            f"the data file must be UTF-8; {_UTF8_HINT}",
        )
    ),
    "utf16le-no-bom.yaml": Refused(
        (
            "1:2: byte 0x00 (NUL) is not allowed; the data file must be UTF-8 text, and NUL "
            f"bytes mean it is binary or UTF-16; {_UTF8_HINT}",
        )
    ),
    "binary-png.yaml": Refused(
        (f"1:1: byte 0x89 is not valid UTF-8; the data file must be UTF-8; {_UTF8_HINT}",)
    ),
    "nul-byte.yaml": Refused(
        (
            "3:14: byte 0x00 (NUL) is not allowed; the data file must be UTF-8 text, and NUL "
            f"bytes mean it is binary or UTF-16; {_UTF8_HINT}",
        )
    ),
    "raw-escape-byte.yaml": Refused(
        (f"3:19: character U+001B is not allowed in YAML; {_ESCAPE_HINT}",)
    ),
    "raw-c1-csi.yaml": Refused((f"5:24: character U+009B is not allowed in YAML; {_ESCAPE_HINT}",)),
    "json-surrogate-escape.yaml": Refused(
        (
            "3:17: YAML syntax error: while parsing a quoted scalar found invalid Unicode "
            "character escape code; write the character itself, or one escape such as "
            '"\\U0001F600"',
        )
    ),
    "utf8-bom.yaml": Shown(
        counts="ok: 2 actors, 1 issue, 1 position",
        issue="border",
        show=("Wants it moved.",),
        csv=(
            '"border","Border","north","North","support",1,"Wants it moved.","",'
            '"wire","2025-01-02",',
        ),
        md=("# Border talks\n",),
        html=("<h1>Border talks</h1>",),
    ),
    # --- limits ------------------------------------------------------------------------------
    "long-summary.yaml": Refused(
        ("17:14: the summary of position 1 is 10,001 characters long; the limit is 10,000",)
    ),
    "long-name.yaml": Refused(
        ("8:17: the name of actor 'south' is 201 characters long; the limit is 200",)
    ),
    "long-unknown-key.yaml": Refused(
        (f"4:3: unknown field '{'k' * 60}...' in the data file; allowed fields: {_FIELDS}",)
    ),
    "long-at-limits.yaml": Shown(
        counts="ok: 2 actors, 1 issue, 1 position",
        issue="border",
        # Folded onto lines of the Position column, never cut with an ellipsis.
        show=("w" * 40, "S" * 40),
        csv=(f',"{"w" * 10_000}",', f',"{"S" * 200}",'),
        md=("w" * 10_000, "S" * 200),
        html=("w" * 10_000, "S" * 200),
        absent=("w\u2026", "S\u2026"),
    ),
    # --- aliases, tags, nesting -----------------------------------------------------------------
    "alias-bomb-unknown-key.yaml": Refused(
        (f"8:1: unknown field 'lol' in the data file; allowed fields: {_FIELDS}",)
    ),
    "alias-bomb-in-fields.yaml": Refused(
        (
            "7:10: actor 'south' must be a mapping of 'key: value' entries; write its fields "
            "as a mapping, e.g. {name: ...}",
            # Each alias is refused where it is typed, whatever its anchor holds.
            f"8:9: {_ALIAS}; write the value out in full",
            f"15:14: {_ALIAS}; write the value out in full",
            f"16:12: {_ALIAS}; write the value out in full",
            f"19:5: {_ALIAS} (position 2); write the value out in full",
            f"20:5: {_ALIAS} (position 3); write the value out in full",
        )
    ),
    "alias-as-key.yaml": Refused(
        (f"6:37: {_ALIAS} (item 1 of the aliases of actor 'north'); write the value out in full",)
    ),
    "merge-key.yaml": Refused((f"8:9: {_ALIAS}; write the value out in full",)),
    "python-tag-apply.yaml": Refused(
        (f"11:14: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' {_TAG}",)
    ),
    "python-tag-root.yaml": Refused(
        (f"2:5: YAML tag 'tag:yaml.org,2002:python/object/new:subprocess.Popen' {_TAG}",)
    ),
    "custom-tags.yaml": Refused(
        (
            f"5:8: YAML tag 'tag:evil.example,2025:title' {_TAG}",
            f"6:24: YAML tag 'tag:yaml.org,2002:binary' {_TAG}",
            f"7:24: YAML tag '!custom' {_TAG}",
        )
    ),
    "deep-nesting-flow.yaml": Refused(
        (
            "2:1008: YAML nesting is too deep; this format nests at most 5 levels; "
            "see docs/format.md",
        )
    ),
    # --- YAML 1.1 surprises -------------------------------------------------------------------
    "yaml11-norway.yaml": Shown(
        counts="ok: 3 actors, 1 issue, 3 positions",
        issue="yes",
        show=("Norway     -  oppose    No\n", "yes        +  support   yes\n", "\u201coff\u201d"),
        compare=("Norway   yes   On",),
        csv=(
            '"y","Yes","no","Norway","oppose",-1,"No","","wire","2025-01-02",',
            '"y","Yes","yes","yes","support",1,"yes","off","wire","2025-01-02",',
            '"y","Yes","on","On","neutral",0,"ON","","wire","2025-01-02",',
        ),
        absent=("False", "True"),
    ),
    "yaml11-numbers-dates.yaml": Shown(
        counts="ok: 3 actors, 1 issue, 2 positions",
        issue="2025",
        show=("12:30:00  contested", "1_000", "\u201c0b101\u201d", "0x1F, 2025-08-15", "010\n"),
        compare=("1.10\n", "Null   2025-01-01   1e3"),
        csv=(
            '"2025","12:30:00","null","Null","support",1,"1_000","0b101","wire","2025-08-15",',
            '"2025","12:30:00","1","1e3","oppose",-1,"010","","wire","2025-08-15",',
        ),
        # What YAML 1.1 would have made of them: 1.1, 45000 (12:30:00 in base 60), 5, 8, 31.
        absent=("1.1\n", "45000", "1000.0", " 5 ", "\n8 ", ",31,", "None"),
    ),
    "yaml11-non-text-keys.yaml": Refused(
        (
            "6:5: keys in actors must be plain text",
            "8:5: keys in actors must be plain text",
            f"10:3: actor id '~' is not a lower-case slug; {_SLUG_HINT}",
            f"11:3: actor id '' is not a lower-case slug; {_SLUG_HINT}",
        )
    ),
    "yaml11-wrong-types.yaml": Refused(
        (
            "2:9: unsupported format '1.0'; this version of positions reads formats 1 and 2; "
            "write 'format: 1', or 'format: 2' to use format 2's fields",
            "3:8: title must be text, not a list",
            "10:13: unknown stance '1'; did you mean 'support'?",
            "13:11: bad date '20250102' in position 1; write a real calendar date as "
            "YYYY-MM-DD, e.g. 2025-08-15",
        )
    ),
    # --- text that reaches the terminal -------------------------------------------------------
    "lookalike-actors.yaml": Refused(
        (
            "8:14: the name 'Russiа' of actor 'r2' looks the same as the name 'Russia' of actor "
            "'russia'; they differ only in invisible or look-alike characters: U+0430 CYRILLIC "
            "SMALL LETTER A, U+0061 LATIN SMALL LETTER A; names and aliases must tell actors "
            "apart on screen; change one of them",
            "9:14: the name 'Ruѕsia' of actor 'r3' looks the same as the name 'Russia' of actor "
            "'russia'; they differ only in invisible or look-alike characters: U+0455 CYRILLIC "
            "SMALL LETTER DZE, U+0073 LATIN SMALL LETTER S; names and aliases must tell actors "
            "apart on screen; change one of them",
            "10:14: the name 'Russia\ufe0f' of actor 'r4' looks the same as the id of actor "
            "'russia'; they differ only in invisible or look-alike characters: U+FE0F VARIATION "
            "SELECTOR-16; names and aliases must tell actors apart on screen; change one of them",
            "11:14: the name 'Russia\\U000e0041\\U000e0042' of actor 'r5' looks the same as the "
            "id of actor 'russia'; they differ only in invisible or look-alike characters: "
            "U+E0041 TAG LATIN CAPITAL LETTER A, U+E0042 TAG LATIN CAPITAL LETTER B; names and "
            "aliases must tell actors apart on screen; change one of them",
        )
    ),
    "hostile-in-messages.yaml": Refused(
        (
            f"4:1: unknown field '\\x1b]0;pwned\\x07\\x1b[2J' in the data file; allowed "
            f"fields: {_FIELDS}",
            "9:12: unknown actor 'nor\\u202eth'; did you mean 'north'?",
            "10:12: unknown issue '\\x1b[31mborder'; did you mean 'border'?",
            "11:13: unknown stance 'support\\u200b'; did you mean 'support'?",
        )
    ),
    "rich-markup.yaml": Shown(
        counts="ok: 2 actors, 1 issue, 1 position",
        issue="border",
        show=(
            "[/bold] Border [i]  open",
            "Should it move? [link=https://evil.example]click[/link]",
            "[red]North[/red]",
            "[bold]Wants[/bold] it [red]moved[/]. :smile: \\[escaped]",
            "\u201c[link=https://evil.example]x[/link]\u201d",
            "[link=https://evil.example]The Wire[/link], 2025-01-02",
            "Unstated (1): South [blink]",
        ),
        compare=("[bold red]Talks[/bold red] [/]\n", "[red]North[/red]   South [blink]"),
        csv=('"border","[/bold] Border [i]","north","[red]North[/red]","support",1,',),
        md=("# \\[bold red\\]Talks\\[/bold red\\] \\[/\\]\n", "\\[red\\]North\\[/red\\]"),
        html=("[link=https://evil.example]The Wire[/link]",),
        absent=("\U0001f604",),  # :smile: is not an emoji code here
    ),
    "ansi-osc-escapes.yaml": Shown(
        counts="ok: 2 actors, 1 issue, 1 position",
        issue="border",
        show=(
            "Border \\x1b[?1049h  open",
            "Should it move?\\x1b[8m hidden",
            "North \\x1b]0;pwned\\x07",
            "\\x1b[31mred\\x1b[0m \\x07\\x08\\x7f \\x85nel \\x90dcs \\x9d osc",
            "\u201c\\x1b]52;c;cHduZWQ=\\x07\u201d",
            "\\x1b]8;;https://evil.example\\x1b\\The Wire\\x1b]8;;\\x1b\\, 2025-01-02",
            "South \\x9b31m \\x1bP+q\\x1b\\",
        ),
        compare=("Talks \\x1b[2J\\x1b[H\n",),
        csv=("\\x1b[31mred\\x1b[0m \\x07\\x08\\x7f \\x85nel \\x90dcs \\x9d osc",),
        md=("North \\\\x1b\\]0;pwned\\\\x07",),
        html=("North \\x1b]0;pwned\\x07",),
    ),
    "bidi-invisible.yaml": Shown(
        counts="ok: 3 actors, 1 issue, 1 position",
        issue="border",
        show=(
            "Border \\u202a\\u202b\\u202c\\u202d  open",
            "Should it move?\\u2028Really?\\u2029 \\U000e0049\\U000e0047",
            "Nor\\u200bth",
            "abc\\u202edef \\u2060\\u2061\\u206a\\ufff9",
            "The\\u200bWire\\ufeff, 2025-01-02",
            "South \\u200f\\u061c\\u200e",
            # Joiners inside an emoji sequence are kept: the family stays one emoji.
            "Family \U0001f468\u200d\U0001f469\u200d\U0001f467",
        ),
        compare=("Talks \\u202egnp.exe\n",),
        csv=("abc\\u202edef \\u2060\\u2061\\u206a\\ufff9",),
        md=("Nor\\\\u200bth",),
        html=("Nor\\u200bth",),
    ),
    "scripts-emoji.yaml": Shown(
        counts="ok: 4 actors, 1 issue, 3 positions",
        issue="граница",  # found by its Cyrillic title, ignoring case
        show=(
            "Граница  contested",
            "هل يجب أن تتحرك الحدود؟",
            "Россия     +  support    Требует отвода войск.",
            "\u201c«Никогда»\u201d",
            "ترفض أي تغيير.",
            "中方呼吁各方保持克制。",
            "Unstated (1): 🇺🇦 🏳️\u200d🌈 👍🏽",
        ),
        compare=("Переговоры — مفاوضات — 谈判 🤝\n",),
        csv=(
            '"border","Граница","egypt","مصر","oppose",-1,"ترفض أي تغيير.","",'
            '"jazeera","2025-01-02",',
        ),
        md=("| Россия | + support | Требует отвода войск.",),
        html=("<h1>Переговоры — مفاوضات — 谈判 🤝</h1>",),
    ),
    "newlines-tabs.yaml": Shown(
        counts="ok: 2 actors, 1 issue, 1 position",
        issue="border",
        show=(
            "Border\\x0d\nline  open",
            "Should the border move?\nSecond line of the question.",
            "First line\n",
            "second line\\x0d\n",
            "third\\x0dfourth\\u2028fifth",
            "The\\x0dWire, 2025-01-02",
        ),
        compare=("Border\\x09talks\n",),
        csv=('"First line\nsecond line\\x0d\nthird\\x0dfourth\\u2028fifth"',),
        md=("First line<br>second line\\\\x0d<br>third\\\\x0dfourth\\\\u2028fifth",),
    ),
    # --- exports ----------------------------------------------------------------------------------
    "csv-formulas.yaml": Shown(
        counts="ok: 2 actors, 1 issue, 2 positions",
        issue="border",
        show=("=cmd|' /C calc'!A0", "\u201c+SUM(1,2)\u201d", "+North", "-South"),
        compare=('=HYPERLINK("https://evil.example","click")\n',),
        csv=(
            '"border","\'=1+1","north","\'+North","support",1,"\'=cmd|\' /C calc\'!A0",'
            '"\'+SUM(1,2)","wire","2025-01-02",',
            # The leading tab and CR were trimmed by the loader; the '=' is still neutralised.
            '"border","\'=1+1","south","\'-South","oppose",-1,"\'=tab first","\'=cr first",'
            '"wire","2025-01-02",',
        ),
        absent=(",=", ",+", ",@", ",-South", '"=', '"+', '"-S', '"@'),
    ),
    "csv-separators.yaml": Shown(
        counts="ok: 2 actors, 1 issue, 2 positions",
        issue="border",
        show=("Agrees;=cmd|' /C calc'!A0 and more", "North,-cmd|' /C calc'!A0"),
        csv=(
            '"border","Border\\x09=1+1","north","North,\'-cmd|\' /C calc\'!A0","support",1,'
            '"Agrees;\'=cmd|\' /C calc\'!A0 and more","yes\n\'=1+2","wire","2025-01-02",',
            '"South - the -2 side","oppose",-1,"Refuses;\'+SUM(1) and a=b stays","no, -2 ever",',
        ),
    ),
    "html-injection.yaml": Shown(
        counts="ok: 2 actors, 1 issue, 1 position",
        issue="border",
        show=("<script>document.title='pwned'</script>", 'South" onmouseover="alert(3)'),
        md=("\\<script\\>document.title='pwned'\\</script\\>",),
        html=(
            "<title>&lt;/title&gt;&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;</title>",
            "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;",
            "South&quot; onmouseover=&quot;alert(3)",
            "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;iframe src=https://evil.example&gt;",
            'href="https://example.org/%22%3E%3Cscript%3Ealert%282%29%3C/script%3E"',
            "&lt;style&gt;body{display:none}&lt;/style&gt;Border",
        ),
    ),
    "markdown-injection.yaml": Shown(
        counts="ok: 2 actors, 1 issue, 1 position",
        issue="border",
        show=(
            "Border *em* _u_ ~~s~~  open",
            "North | `code`",
            "![img](https://evil.example/x.png)",
        ),
        compare=("# Heading | pipe\n",),
        md=(
            "# \\# Heading \\| pipe\n",
            "| North \\| \\`code\\` | + support | line one<br>\\# not a heading<br>- not a list "
            "\\| pipe \\<br\\> \\<script\\>x\\</script\\><br>*\u201c\\`rm -rf /\\`\u201d* | "
            "\\[click\\](javascript:alert(1)) | 2025-01-02 |\n",
            "\\!\\[img\\](https://evil.example/x.png)",
            "*Should it move? \\| a \\| b \\| \\|---\\|---\\|*",
        ),
    ),
    "no-actors.yaml": Shown(
        counts="ok: 0 actors, 1 issue, 0 positions",
        issue="border",
        show=("Unstated (0): none",),
        compare=("Border         open",),
        csv=(
            '"issue","issue_title","actor","actor_name","stance","score","summary","quote",'
            '"source","date","party","basis","note","conditions","salience","red_line",'
            '"held_since","speaker","url","more_evidence","evidence_date"\n',
        ),
        md=("| Border | open |",),
    ),
    # --- format 2's fields, and the rules that join them --------------------------------------
    "f2-condition-unknown-issue.yaml": Refused(
        ("18:26: unknown issue 'bordr'; did you mean 'border'?",)
    ),
    "f2-condition-on-itself.yaml": Refused(
        (
            "20:17: condition 2 of position 1 is on the position's own issue 'border'; a "
            "condition names another issue that must be decided first",
        )
    ),
    "f2-condition-twice.yaml": Refused(
        (
            "20:17: condition 2 of position 1 names issue 'ports' again (first at line 19); "
            "keep one condition per issue",
        )
    ),
    "f2-salience-out-of-range.yaml": Refused(
        (
            "18:15: the salience of position 1 is 1.5, outside 0 to 1",
            "25:15: the salience of position 2 is -0.1, outside 0 to 1",
        )
    ),
    "f2-salience-not-a-number.yaml": Refused(
        (
            "18:15: the salience of position 1 must be a number, not 'high'; write a number, "
            "e.g. 0.8",
            "25:15: the salience of position 2 must be a number, not '50%'; write a number, "
            "e.g. 0.8",
        )
    ),
    "f2-capability-negative.yaml": Refused(
        ("6:36: the capability of actor 'north' is -1, below 0",)
    ),
    "f2-red-line-yes.yaml": Refused(
        ("18:15: the red_line of position 1 must be true or false, not 'yes'; write true or false",)
    ),
    "f2-red-line-neutral.yaml": Refused(
        (
            "18:15: position 1 is a red line on a neutral stance; a red line is a side the "
            "party will not give up: state that side, or remove red_line",
        )
    ),
    "f2-basis-no-note.yaml": Refused(
        (
            "18:12: position 1 is inferred but has no note; say in 'note:' why, e.g. the "
            "sentence of the source it rests on",
        )
    ),
    "f2-basis-unknown.yaml": Refused(
        ("18:12: the basis of position 1 is 'rumoured'; use one of reported, indirect, inferred",)
    ),
    "f2-source-and-evidence.yaml": Refused(
        (
            f"16:13: position 1 has both 'source' and 'evidence'; {_INTO_EVIDENCE}",
            f"18:12: position 1 has both 'quote' and 'evidence'; {_INTO_EVIDENCE}",
        )
    ),
    "f2-evidence-without-source.yaml": Refused(
        ("19:9: evidence item 2 of position 1 is missing the required field 'source'",)
    ),
    "f2-evidence-empty.yaml": Refused(
        (
            "17:15: the evidence of position 1 is an empty list; give at least one item, or "
            "leave the field out",
        )
    ),
    "f2-evidence-mapping.yaml": Refused(
        ("17:15: the evidence of position 1 must be a list of mappings, each starting with '- '",)
    ),
    "f2-held-since-after-date.yaml": Refused(
        (
            "18:17: position 1 is held since 2025-03-01, after its own date 2025-01-02; "
            "held_since is when the stance began, on or before the date it was reported",
        )
    ),
    "f2-held-since-words.yaml": Refused(
        (
            "18:17: bad held_since 'ages ago' in position 1; write a date as YYYY-MM-DD, or "
            "long-standing",
        )
    ),
    "f2-active-excludes-position.yaml": Refused(
        (
            "17:11: position 1 is dated 2025-01-02, when actor 'north' is not a party (active "
            f"2025-02-01 to the end); {_WINDOW_HINT}",
            "23:11: position 2 is dated 2025-01-02, when actor 'south' is not a party (active "
            f"from the start to 2024-12-31); {_WINDOW_HINT}",
        )
    ),
    "f2-active-backwards.yaml": Refused(
        (
            "6:32: the active window of actor 'north' ends on 2025-01-31, before it starts "
            "on 2025-02-01",
        )
    ),
    "f2-active-empty.yaml": Refused(
        (
            "6:32: the active window of actor 'north' has neither 'from' nor 'until'; give at "
            "least one, or leave 'active' out",
        )
    ),
    "f2-group-unknown-member.yaml": Refused(
        (
            "12:43: a member of group 'pair', 'sout', is neither an actor nor a group; did "
            "you mean 'south'?",
        )
    ),
    "f2-group-contains-itself.yaml": Refused(
        (f"12:43: group 'pair' contains itself: pair -> pair; {_CYCLE_HINT}",)
    ),
    "f2-group-cycle.yaml": Refused(
        # Once, where the cycle closes: in 'right', which names 'left' back.
        (f"13:46: group 'left' contains itself: left -> right -> left; {_CYCLE_HINT}",)
    ),
    "f2-group-name-taken.yaml": Refused(
        (
            "12:3: the id 'north' of group 'north' is already the id of actor 'north'; a "
            "group is named where actors are (--actors north); change one of them",
            # compared as names are: ignoring case
            "13:16: the name 'southland' of group 'bloc' is already the alias of actor "
            "'south'; a group is named where actors are (--actors bloc); change one of them",
            "14:16: the name 'South' of group 'both' is already the id of actor 'south'; a "
            "group is named where actors are (--actors both); change one of them",
        )
    ),
    "f2-fields-in-format-1.yaml": Refused(
        (
            f"6:24: 'capability' in actor 'north' is a format-2 field, and this file says "
            f"format 1; {_WRITE_FORMAT_2}",
            f"11:1: 'groups' in the data file is a format-2 field, and this file says format "
            f"1; {_WRITE_FORMAT_2}",
            f"20:5: 'salience' in position 1 is a format-2 field, and this file says format "
            f"1; {_WRITE_FORMAT_2}",
        )
    ),
    "f2-source-file-absolute.yaml": Refused(
        (
            f"5:32: the file of source 'wire' is an absolute path; {_RELATIVE_HINT}",
            f"6:26: the file of source 'dpa' is an absolute path; {_RELATIVE_HINT}",
        )
    ),
    "f2-quote-not-in-source.yaml": QuotesRefused(
        (
            "19:12: the quote of position 1 is not verbatim in the text of source 'wire' "
            f"(sources/wire.txt); {_VERBATIM_HINT}",
            # Evidence item 1 is found: its ellipsis stands for 'exactly' and a line break.
            "26:31: the quote of evidence item 2 of position 2 is not verbatim in the text of "
            f"source 'wire' (sources/wire.txt); {_VERBATIM_HINT}",
        ),
        counts="ok: 2 actors, 2 issues, 2 positions",
    ),
    "f2-source-file-missing.yaml": QuotesRefused(
        (
            "5:32: cannot read the file of source 'wire', 'sources/missing.txt': no such file "
            "or directory",
        ),
        counts="ok: 2 actors, 2 issues, 1 position",
    ),
    "f2-hostile-in-messages.yaml": Refused(
        (
            "12:16: the name 'Sou\\u202eth' of group 'bloc' is already the id of actor "
            "'south'; a group is named where actors are (--actors bloc); change one of them",
            "12:48: a member of group 'bloc', 'sou\\x1b[2Jth', is neither an actor nor a "
            "group; did you mean 'south'?",
            "21:12: the basis of position 1 is 'inferred\\u200b'; did you mean 'inferred'?",
            "23:17: bad held_since '\\x1b[2Jlong-standing' in position 1; write a date as "
            "YYYY-MM-DD, or long-standing",
            "24:15: the red_line of position 1 must be true or false, not 'true\\u202e'; "
            "write true or false",
            "25:15: the salience of position 1 must be a number, not '0.5\\x1b[8m'; write a "
            "number, e.g. 0.8",
        )
    ),
    "f2-hostile-text.yaml": Shown(
        counts="ok: 2 actors, 2 issues, 1 position",
        issue="border",
        show=("\u201c\\x1b[2JMove it\u201d",),
        csv=('"Wants it moved.","\\x1b[2JMove it","wire","2025-01-02"',),
        md=("*\u201c\\\\x1b\\[2JMove it\u201d*",),
    ),
    # --- tidy CSV: a table given alone, or named by a header file (tidy-*.yaml) ---------------
    "csv-missing-column.csv": Refused((f"1:1: the header row has no column date; {_TIDY}",)),
    "csv-duplicate-column.csv": Refused(
        ("1:5: column 'stance' is in the header twice (first in column 3); keep one of them",)
    ),
    "csv-unknown-column.csv": Refused(
        (f"1:5: unknown column 'colour'; the columns are: {_COLUMNS}",)
    ),
    "csv-misspelt-column.csv": Refused(("1:5: unknown column 'sumary'; did you mean 'summary'?",)),
    "csv-semicolons.csv": Refused(
        (
            "1:1: the header row is separated by ';', not by commas; save the table as "
            "comma-separated CSV (in a spreadsheet: CSV UTF-8)",
        )
    ),
    "csv-empty.csv": Refused(
        (
            "1:1: the CSV file has no header row; its first row names the columns: "
            "actor,issue,stance,date,...",
        )
    ),
    "csv-utf16.csv": Refused(
        (
            "1:1: the data file is UTF-16 (it starts with a UTF-16 byte-order mark); "
            f"the data file must be UTF-8; {_UTF8_HINT}",
        )
    ),
    "csv-too-many-cells.csv": Refused(
        (
            "3:6: this row has 6 cells; the header has 5 columns; quote a cell that holds a "
            'comma: "Talks, round 2"',
        )
    ),
    "csv-too-few-cells.csv": Refused(
        (
            "3:4: this row has 4 cells; the header has 5 columns; leave a cell empty rather "
            "than out: a,b,,d",
        )
    ),
    "csv-unknown-stance.csv": Refused(
        (
            f"3:3: unknown stance 'maybe'; use one of {_STANCES}",
            "4:3: unknown stance 'suport'; did you mean 'support'?",
        )
    ),
    "csv-bad-date.csv": Refused(
        (
            f"3:4: bad date '1990-02-30' in position on row 3; {_DATE_HINT}",
            # A spreadsheet's own way of showing a date is no date here.
            f"4:4: bad date '02/01/1990' in position on row 4; {_DATE_HINT}",
        )
    ),
    # Rows 2 and 3 hold line breaks inside quotes (one LF, one CRLF): row 4 starts on line 7.
    "csv-quoted-newlines.csv": Refused((f"7:3: unknown stance 'maybe'; use one of {_STANCES}",)),
    "csv-bad-conditions.csv": Refused(
        (
            f"3:5: bad conditions 'res1' in position on row 3; {_CONDITIONS_HINT}",
            "4:5: the outcome of condition 1 of position on row 4 is 'maybe'; use one of "
            "adopted, rejected",
            "5:5: unknown issue 'res9'; did you mean 'res2'?",
            f"6:5: bad conditions '=rejected' in position on row 6; {_CONDITIONS_HINT}",
        )
    ),
    "csv-bad-salience.csv": Refused(
        (
            "2:5: the salience of position on row 2 is 2.5, outside 0 to 1",
            "3:5: the salience of position on row 3 must be a number, not '50%'; write a "
            "number, e.g. 0.8",
        )
    ),
    "csv-bad-red-line.csv": Refused(
        (
            "2:5: the red_line of position on row 2 must be true or false, not 'yes'; write "
            "true or false",
            # A spreadsheet's TRUE (row 3) is a flag in a table, unlike YAML's TRUE.
        )
    ),
    "csv-second-position.csv": Refused(
        (
            "4:1: a second position of 'usa' on 'res1' dated 1990-01-02 (first at line 2); "
            "keep one position per actor, issue and date",
        )
    ),
    # Located in the CSV the header names, not in the header file.
    "tidy-unknown-actor.yaml": Refused(
        ("3:1: unknown actor 'uss'; did you mean 'ussr'?",), where="tidy/unknown-actor.csv"
    ),
    # Excel's "CSV UTF-8": a byte-order mark and CRLF line ends, read as without them.
    "csv-utf8-bom.csv": Shown(
        counts="ok: 2 actors, 1 issue, 2 positions",
        issue="res1",
        show=("usa        +  support   Voted yes\n", "Voted no,\n", "then left\n"),
        compare=("res1           +     -      contested\n",),
        csv=(
            '"res1","res1","usa","usa","support",1,"Voted yes","","table","1990-01-02",',
            '"res1","res1","ussr","ussr","oppose",-1,"Voted no,\nthen left","","table",',
        ),
        md=("| ussr | - oppose | Voted no,<br>then left | csv-utf8-bom.csv | 1990-01-02 |",),
        html=("<h1>csv-utf8-bom.csv</h1>",),
        absent=("\\ufeff", "\\x0d"),
    ),
    # A header and no rows: a valid table of nothing, as a YAML file of no positions is.
    "csv-header-only.csv": Shown(
        counts="ok: 0 actors, 0 issues, 0 positions",
        issue=None,
        compare=("csv-header-only.csv\nIssue          Status\n",),
        csv=(_CSV_HEADER,),
        md=("No position is recorded yet.",),
    ),
    "csv-hostile-text.csv": Shown(
        counts="ok: 4 actors, 1 issue, 4 positions",
        issue="res1",
        show=(
            "usa        +  support   \\x1b[31mred\\x1b[0m \\x1b]0;pwned\\x07 \\x1b[2J\n",
            "ussr       -  oppose    abc\\u202edef \\u2066gnp\\u2069 zero\\u200bwidth\n",
            "uk         -  oppose    =cmd|' /C calc'!A0\n",
            "fr         0  neutral   <script>alert(1)</script>\n",
        ),
        csv=(
            '"usa","support",1,"\\x1b[31mred\\x1b[0m \\x1b]0;pwned\\x07 \\x1b[2J",',
            '"ussr","oppose",-1,"abc\\u202edef \\u2066gnp\\u2069 zero\\u200bwidth",',
            '"uk","oppose",-1,"\'=cmd|\' /C calc\'!A0",',
            '"fr","neutral",0,"<script>alert(1)</script>",',
        ),
        md=(
            "| usa | + support | \\\\x1b\\[31mred\\\\x1b\\[0m \\\\x1b\\]0;pwned\\\\x07 "
            "\\\\x1b\\[2J |",
            "| uk | - oppose | =cmd\\|' /C calc'\\!A0 |",
            "| fr | 0 neutral | \\<script\\>alert(1)\\</script\\> |",
        ),
        html=(
            '<p class="summary">\\x1b[31mred\\x1b[0m \\x1b]0;pwned\\x07 \\x1b[2J</p>',
            '<p class="summary">abc\\u202edef \\u2066gnp\\u2069 zero\\u200bwidth</p>',
            '<p class="summary">=cmd|&#x27; /C calc&#x27;!A0</p>',
            '<p class="summary">&lt;script&gt;alert(1)&lt;/script&gt;</p>',
        ),
        absent=(',"=', '"=cmd'),
    ),
}

EXPORT_FORMATS = ("csv", "md", "json")


def invoke(args: list[str], columns: int = 200) -> Result:
    return runner.invoke(app, args, env={"COLUMNS": str(columns), "NO_COLOR": "1"})


def refused_stderr(file: Path, problems: tuple[str, ...], where: str | None = None) -> str:
    """What a broken file prints: its problems, each located in `where` (relative to the
    corpus) when given, else in `file`."""
    if where is not None:
        file = CORPUS / where
    lines = "".join(f"{file}:{p}\n" for p in problems)
    noun = "problem" if len(problems) == 1 else "problems"
    return f"{lines}{len(problems)} {noun} found in {file}\n"


def commands(file: Path, issue: str | None, html: Path) -> dict[str, list[str]]:
    """Each command a corpus file goes through; `show` on `issue`, when it has one."""
    data = ["--data", str(file)]
    return {
        **({} if issue is None else {"show": ["show", issue, *data]}),
        "compare": ["compare", *data],
        **{fmt: ["export", "--format", fmt, *data] for fmt in EXPORT_FORMATS},
        "html": ["export", "--format", "html", "--output", str(html), *data],
    }


def test_every_corpus_file_has_an_expected_outcome() -> None:
    assert sorted(EXPECTED) == FILES


def test_corpus_files_say_what_they_try() -> None:
    """Each YAML file starts with a comment line, or is described in the README table;
    a CSV file, which has no comments, always is. Every row names a file that exists."""
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for name in FILES:
        head = (CORPUS / name).read_bytes().removeprefix(b"\xef\xbb\xbf")
        described = f"| `{name}` |" in readme
        assert described or (name.endswith(".yaml") and head.startswith(b"# ")), name
    rows = re.findall(r"^\| `([^`]+)` \|", readme, re.MULTILINE)
    assert [row for row in rows if not (CORPUS / row).is_file()] == []


@pytest.mark.parametrize("name", [n for n in FILES if isinstance(EXPECTED[n], Refused)])
def test_broken_file(name: str, tmp_path: Path) -> None:
    expected = EXPECTED[name]
    assert isinstance(expected, Refused)
    file = CORPUS / name
    stderr = refused_stderr(file, expected.problems, expected.where)
    report = tmp_path / "report.html"
    result = invoke(["validate", str(file)])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", stderr)
    for command, args in commands(file, "border", report).items():
        result = invoke(args)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", stderr), command
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", [n for n in FILES if isinstance(EXPECTED[n], Refused)])
def test_broken_file_with_check_quotes(name: str) -> None:
    """--check-quotes reads the file afresh, on its own path: the same problems."""
    expected = EXPECTED[name]
    assert isinstance(expected, Refused)
    file = CORPUS / name
    result = invoke(["validate", "--check-quotes", str(file)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        refused_stderr(file, expected.problems, expected.where),
    )


@pytest.mark.parametrize("name", [n for n in FILES if isinstance(EXPECTED[n], QuotesRefused)])
def test_quotes_not_in_their_source(name: str, tmp_path: Path) -> None:
    expected = EXPECTED[name]
    assert isinstance(expected, QuotesRefused)
    file = CORPUS / name
    result = invoke(["validate", "--check-quotes", str(file)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        refused_stderr(file, expected.problems),
    )
    # Without --check-quotes the file is valid, and every command reads it.
    result = invoke(["validate", "--no-cache", str(file)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected.counts + "\n", "")
    for command, args in commands(file, "border", tmp_path / "report.html").items():
        result = invoke([*args, "--no-cache"])
        assert result.exit_code == 0, (command, result.stderr)


@pytest.mark.parametrize("name", [n for n in FILES if isinstance(EXPECTED[n], Shown)])
def test_hostile_text_is_shown_literally(name: str, tmp_path: Path) -> None:
    expected = EXPECTED[name]
    assert isinstance(expected, Shown)
    file = CORPUS / name
    result = runner.invoke(app, ["validate", str(file)], catch_exceptions=False)
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected.counts + "\n", "")
    report = tmp_path / "report.html"
    outputs: dict[str, str] = {}
    for command, args in commands(file, expected.issue, report).items():
        result = runner.invoke(
            app, args, env={"COLUMNS": "200", "NO_COLOR": "1"}, catch_exceptions=False
        )
        assert result.exit_code == 0, (command, result.stderr)
        assert result.stderr == (f"wrote {report}\n" if command == "html" else ""), command
        outputs[command] = (
            report.read_text(encoding="utf-8") if command == "html" else result.stdout
        )
    # JSON is exact data and has its own test below; CliRunner reads CRLF as LF.
    json.loads(outputs.pop("json"))
    for command, text in outputs.items():
        assert UNSAFE.findall(text) == [], command
        for piece in getattr(expected, command):
            assert piece in text, (command, piece)
        for gone in expected.absent if command != "html" else ():
            assert gone not in text, (command, gone)
    # Whatever the data, no element or link it could smuggle in survives as markup.
    assert ACTIVE_HTML.findall(without_our_script(outputs["html"])) == []
    assert ACTIVE_MARKDOWN.findall(outputs["md"]) == []


def _json_cases() -> list[object]:
    return [
        pytest.param(name, command, id=f"{name}-{command}")
        for name in FILES
        if isinstance(EXPECTED[name], Shown)
        for command in ("show", "compare", "export")
        if command != "show" or _issue(name) is not None
    ]


def _issue(name: str) -> str | None:
    expected = EXPECTED[name]
    assert isinstance(expected, Shown)
    return expected.issue


@pytest.mark.parametrize(("name", "command"), _json_cases())
def test_json_output_is_exact_and_inert(name: str, command: str) -> None:
    """JSON keeps the data exact (escapes decode to it) and puts no raw control on a terminal."""
    expected = EXPECTED[name]
    assert isinstance(expected, Shown)
    file = str(CORPUS / name)
    args = {
        "show": ["show", str(expected.issue), "--json", "--data", file],
        "compare": ["compare", "--json", "--data", file],
        "export": ["export", "--format", "json", "--data", file],
    }[command]
    result = runner.invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert UNSAFE.findall(result.stdout) == []
    document = json.loads(result.stdout)
    dataset = loader.load(Path(file))  # every Shown file has one issue: all positions are on it
    if command == "compare":
        assert document["actors"] == list(dataset.actors)
    else:
        assert {p.summary for p in dataset.positions} <= set(_strings(document))


def test_hostile_format_2_text_is_exact_in_json() -> None:
    """The speaker, note and group name of f2-hostile-text.yaml, escapes and all, come out
    of `export --format json` as the data holds them (JSON escapes them, the terminal never
    sees them raw: test_json_output_is_exact_and_inert)."""
    file = CORPUS / "f2-hostile-text.yaml"
    ds = loader.load(file)
    assert ds.groups["bloc"].name == "Bloc \x1b]0;pwned\x07\u202eeman"
    (position,) = ds.positions
    assert position.note == "Said by \x1b[31mits ally\x1b[0m \u2066\u202eeton\u2069"
    speaker = "An aide \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ \u202eedia"
    assert position.evidence[0].speaker == speaker
    result = invoke(["export", "--format", "json", "--no-cache", "--data", str(file)])
    assert result.exit_code == 0
    assert UNSAFE.findall(result.stdout) == []
    shown = json.loads(result.stdout)["issues"][0]["positions"]["north"]
    assert (shown["note"], shown["evidence"][0]["speaker"]) == (position.note, speaker)


def test_a_byte_order_mark_and_crlf_change_nothing() -> None:
    """Excel's "CSV UTF-8" starts with a byte-order mark and ends lines with CRLF: the
    table is the same without them, given by name or on standard input (found by its
    header), and a problem in it is located alike."""
    data = (CORPUS / "csv-utf8-bom.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    plain = data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    for name in ("votes.csv", "<stdin>"):
        assert loader.parse(data, name) == loader.parse(plain, name), name
    problems = []
    for text in (data, plain):
        with pytest.raises(DataError) as info:
            loader.parse(text.replace(b"ussr,res1,oppose", b"ussr,res1,maybe"), "votes.csv")
        problems.append([str(p) for p in info.value.problems])
    assert (
        problems[0]
        == problems[1]
        == [
            "votes.csv:3:3: unknown stance 'maybe'; use one of strongly_oppose, oppose, neutral, "
            "support, strongly_support"
        ]
    )


def _strings(value: object) -> list[str]:
    """Every string in a JSON document, keys and values."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *_strings(v))]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


@pytest.mark.parametrize("columns", [1, 20, 40, 80, 200])
@pytest.mark.parametrize("name", [n for n in FILES if isinstance(EXPECTED[n], Shown)])
def test_hostile_text_on_a_narrow_terminal(name: str, columns: int) -> None:
    """Every read command, from a one-column terminal (taken as 20) to a wide one:
    nothing unsafe, no line wider than the terminal, none ending in a space."""
    expected = EXPECTED[name]
    assert isinstance(expected, Shown)
    file = str(CORPUS / name)
    width = max(columns, 20)  # the narrowest the program lays out for
    for args in _every_read_command(expected.issue, list(loader.load(Path(file)).actors)):
        result = runner.invoke(
            app,
            [*args, "--data", file],
            env={"COLUMNS": str(columns), "NO_COLOR": "1"},
            catch_exceptions=False,
        )
        assert (result.exit_code, result.stderr) == (0, ""), args
        assert UNSAFE.findall(result.stdout) == [], args
        out = result.stdout.splitlines()
        assert max(cell_len(line) for line in out) <= width, args
        assert [line for line in out if line != line.rstrip(" ")] == [], args


def _every_read_command(issue: str | None, actors: list[str]) -> list[list[str]]:
    """Each read command on a corpus file; show on its issue, when it has one; diff on its
    first two actors, when it has two."""
    commands = [
        *([] if issue is None else [["show", issue]]),
        ["compare"],
        ["issues"],
        ["actors"],
        ["brief"],
        ["deal"],
        ["history"],
        ["alignment"],
    ]
    return commands + ([["diff", actors[0], actors[1]]] if len(actors) > 1 else [])


# --- what cannot be committed: generated here -----------------------------------------------


SHELLS = ("bash", "zsh", "fish")


def complete(shell: str, words: str) -> subprocess.CompletedProcess[str]:
    """What the shell's completion script gets back for `words` (the line typed so far)."""
    env = {
        **os.environ,
        "_POSITIONS_COMPLETE": f"complete_{shell}",
        "_TYPER_COMPLETE_ARGS": words,  # zsh and fish
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        "COMP_WORDS": words,  # bash
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        "POSITIONS_NO_CACHE": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "positions"], env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("name", [n for n in FILES if isinstance(EXPECTED[n], Shown)])
def test_completion_offers_hostile_names_inertly(name: str, shell: str) -> None:
    file = CORPUS / name
    for words in (f"positions diff --data {file} ", f"positions show --data {file} "):
        done = complete(shell, words)
        assert (done.returncode, done.stderr) == (0, ""), (words, done.stderr)
        shown = done.stdout
        if shell == "fish":  # one `value<TAB>help` per line: that tab is the protocol's
            assert all(line.count("\t") <= 1 for line in shown.splitlines())
            shown = shown.replace("\t", " ")
        assert UNSAFE.findall(shown) == [], words


@pytest.mark.parametrize(
    ("shell", "expected"),
    [
        ("bash", "north\nsouth\n"),
        (
            "zsh",
            '_arguments \'*: :(("north":"north\\\\: [red]North[/red]"\n'
            '"south":"south\\\\: South [blink]"))\'\n',
        ),
        ("fish", "north\tnorth: [red]North[/red]\nsouth\tsouth: South [blink]\n"),
    ],
)
def test_completion_help_is_never_markup(shell: str, expected: str) -> None:
    done = complete(shell, f"positions diff --data {CORPUS / 'rich-markup.yaml'} ")
    assert (done.returncode, done.stdout, done.stderr) == (0, expected, "")


@pytest.mark.parametrize("shell", SHELLS)
def test_completion_leaves_out_a_value_that_cannot_be_shown(shell: str) -> None:
    # The actor whose name hides an escape is still offered by its id.
    done = complete(shell, f"positions diff --data {CORPUS / 'ansi-osc-escapes.yaml'} ")
    values = [line.split("\t")[0].split('":"')[0].strip('"') for line in done.stdout.splitlines()]
    assert "\x1b" not in done.stdout
    assert any("north" in v for v in values)


SHELL_HOSTILE = """\
format: 1
title: T
sources: {s: {name: S}}
actors:
  evil: {name: "zz; touch PWNED", aliases: ["zz$(touch PWNED)", "zz`id`"]}
  civ: {name: "C\u00f4te d'Ivoire", aliases: ["Civ|x", "Civ*", "-rf"]}
  quote: {name: "O'Neil \\"q\\"", aliases: [zzfine, "Ukra\u0457na"]}
issues: {i1: {title: "It's \\"big\\" \\\\ 100$", question: Q}}
positions: []
"""


@pytest.mark.parametrize(
    ("shell", "expected"),
    [
        ("bash", ["evil\nciv\nquote\n", "zzfine\n"]),
        (
            "zsh",
            [
                '_arguments \'*: :(("evil":"evil\\\\: zz; touch PWNED"\n'
                '"civ":"civ\\\\: C\u00f4te d\u2019Ivoire"\n'
                '"quote":"quote\\\\: O\u2019Neil \u201dq\u201d"))\'\n',
                '_arguments \'*: :(("zzfine":"quote\\\\: O\u2019Neil \u201dq\u201d"))\'\n',
            ],
        ),
        (
            "fish",
            [
                "evil\tevil: zz; touch PWNED\nciv\tciv: C\u00f4te d'Ivoire\n"
                'quote\tquote: O\'Neil "q"\n',
                'zzfine\tquote: O\'Neil "q"\n',
            ],
        ),
    ],
)
def test_completion_offers_only_what_a_shell_inserts_as_it_is(
    shell: str, expected: list[str], tmp_path: Path
) -> None:
    # A name that would run a command, split a word or leave a quote open once
    # inserted (bash's script quotes nothing) is not offered; its id is. The
    # help beside it is only shown, never inserted.
    data = tmp_path / "d.yaml"
    data.write_text(SHELL_HOSTILE, encoding="utf-8")
    got = [complete(shell, f"positions diff --data {data} {typed}").stdout for typed in ("", "zz")]
    assert got == expected


def test_zsh_help_cannot_close_its_quotes(tmp_path: Path) -> None:
    data = tmp_path / "d.yaml"
    data.write_text(SHELL_HOSTILE, encoding="utf-8")
    done = complete("zsh", f"positions show --data {data} ")
    assert done.stdout == (
        '_arguments \'*: :(("i1":"i1\\\\: It\u2019s \u201dbig\u201d \u29f5 100\\$"))\'\n'
    )


@pytest.mark.parametrize("shell", SHELLS)
def test_completion_never_reads_stdin_or_a_fifo(shell: str, tmp_path: Path) -> None:
    fifo = tmp_path / "data.fifo"
    os.mkfifo(fifo)
    for data in ("-", str(fifo)):
        # stdin is left open and silent: a read would hang until the timeout.
        done = subprocess.run(
            [sys.executable, "-m", "positions"],
            env={
                **os.environ,
                "_POSITIONS_COMPLETE": f"complete_{shell}",
                "_TYPER_COMPLETE_ARGS": f"positions diff --data {data} ",
                "_TYPER_COMPLETE_FISH_ACTION": "get-args",
                "COMP_WORDS": f"positions diff --data {data} ",
                "COMP_CWORD": "4",
            },
            stdin=subprocess.PIPE,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert done.stderr == "", done.stderr


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:  # sparse: no 256 MiB written to disk
        f.truncate(loader.MAX_FILE_BYTES + 1)
    result = invoke(["validate", str(big)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"error: {big}: data file is {loader.MAX_FILE_BYTES + 1:,} bytes; the limit is "
        f"{loader.MAX_FILE_BYTES:,} bytes; "
        "keep a part of the data in this file: a period, or a set of issues\n",
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_stream_is_cut_at_the_size_limit() -> None:
    """A device, a pipe or a growing file has no true size: reading stops at the limit."""
    result = invoke(["validate", "/dev/zero"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"error: /dev/zero: data file is larger than the limit of {loader.MAX_FILE_BYTES:,} bytes; "
        "keep a part of the data in this file: a period, or a set of issues\n",
    )


def test_dense_file_is_refused_where_it_passes_the_limit(tmp_path: Path) -> None:
    """5 MB of `x,` are 2.7 million YAML values, about 1 GB once composed: reading stops at
    the 2,000,001st (tests/test_limits.py pins the count in every style)."""
    dense = tmp_path / "dense.yaml"
    dense.write_text("format: [" + "x," * 2_700_000 + "x]\n")
    result = invoke(["validate", str(dense)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"{dense}:1:4000008: the values this file keeps while it is read (everything but "
        "the positions themselves) pass 2,000,000 here (keys, texts, lists and mappings); "
        "the limit keeps a hostile file from using "
        "gigabytes of memory; a real negotiation holds far fewer (200 actors and 6,000 "
        f"issues hold about 56,000)\n1 problem found in {dense} before checking stopped\n",
    )


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param("format: " + "[" * 100_000 + "\n", "1:1008", id="flow-100k"),
        pytest.param("format: " + "{a: " * 100_000 + "\n", "1:4005", id="flow-mapping-100k"),
        pytest.param("".join(" " * i + "a:\n" for i in range(2_000)), "1000:1001", id="block-2000"),
        pytest.param("format:\n" + "- " * 100_000 + "x\n", "2:1999", id="block-list-100k"),
    ],
)
def test_deep_nesting_is_refused(text: str, where: str, tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text(text)
    result = invoke(["validate", str(deep)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"{deep}:{where}: YAML nesting is too deep; this format nests at most 5 "
        f"levels; see docs/format.md\n1 problem found in {deep}\n",
    )


def test_deep_nesting_with_the_pure_python_parser() -> None:
    """PyYAML without libyaml has no limit of its own: the loader keeps libyaml's."""
    with (
        mock.patch.object(yamlsource, "_Parser", yaml.SafeLoader),
        pytest.raises(DataError) as info,
    ):
        loader.parse(("format: " + "[" * 100_000).encode(), "t.yaml")
    assert [str(p) for p in info.value.problems] == [
        "t.yaml:1:1008: YAML nesting is too deep; this format nests at most 5 levels; "
        "see docs/format.md"
    ]


_BOMB = """\
import resource, sys, tracemalloc
from positions import loader, yamlsource
from positions.errors import DataError
levels = ["a: &l0 [" + ", ".join(["lol"] * 10) + "]"]
levels += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 40)]
cases = {
    "unknown-key": "\\n".join(levels) + "\\n",
    "in-positions": "format: 1\\nbomb: [" + ", ".join(levels[0:1]) + "]\\npositions:\\n"
    + "".join(f"  - *l0\\n" for _ in range(3)),
    "everywhere": "\\n".join(levels) + "\\npositions: [" + ", ".join(["*l39"] * 100) + "]\\n"
    + "title: *l39\\nactors: {a: *l39, b: {name: *l39, aliases: *l39}}\\n",
}
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()
for name, text in cases.items():
    try:
        loader.parse(text.encode(), name)
    except DataError as error:
        aliases = sum("YAML aliases" in p.message for p in error.problems)
        print(name, len(error.problems), aliases)
peak = tracemalloc.get_traced_memory()[1]
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print("peak", peak, "grown", grown)
"""


def test_alias_bomb_is_refused_in_bounded_memory() -> None:
    """10**40 laughs if expanded; composed, each alias is a reference to one node.

    Run in a fresh interpreter so its peak memory is this test's alone: Python
    allocations (tracemalloc) and the whole process (ru_maxrss, in KiB, which
    also counts libyaml) stay in the low megabytes.
    """
    done = subprocess.run(
        [sys.executable, "-c", _BOMB], capture_output=True, text=True, check=True, timeout=60
    )
    lines = done.stdout.splitlines()
    # (case, problems, of which aliases): each alias where the loader reads a value is
    # refused where it is typed; those under an unknown key are never looked at.
    assert lines[:3] == ["unknown-key 46 0", "in-positions 8 3", "everywhere 147 104"]
    _, peak, _, grown = lines[3].split()
    assert int(peak) < 5_000_000
    assert int(grown) < 50_000


def test_python_tag_runs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(["validate", str(CORPUS / "python-tag-apply.yaml")])
    assert result.exit_code == 1
    assert list(tmp_path.iterdir()) == []  # no 'pwned' file: os.system never ran


def test_problems_are_capped(tmp_path: Path) -> None:
    """A million broken lines would cost gigabytes of messages: checking stops at 1,000."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: 1\ntitle: t\nsources: {}\nactors: {}\nissues: {}\npositions:\n" + "- x\n" * 5_000
    )
    result = invoke(["validate", str(bad)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"{bad}:7:3: position 1 must be a mapping of 'key: value' entries; write its fields "
        "as a mapping, e.g. {actor: ..., issue: ..., stance: ..., summary: ..., source: ..., "
        "date: ...}"
    )
    cap = (
        f"{bad}:1007:3: more than 1,000 problems; stopped checking here; fix the problems "
        "above and run 'positions validate' again"
    )
    assert lines[-3:] == [
        f"... and 950 more problems: 'positions validate --all {bad}' lists them",
        cap,  # where checking stopped, always shown, after the problems
        f"1,000 problems found in {bad} before checking stopped",  # the notice is none
    ]
    assert len(lines) == 53
    every = invoke(["validate", "--all", str(bad)]).stderr.splitlines()
    assert len(every) == 1_002
    assert every[:50] == lines[:50]
    assert every[-2:] == [cap, f"1,000 problems found in {bad} before checking stopped"]
    assert every[999].startswith(f"{bad}:1006:3: position 1000 must be a mapping of")
    with pytest.raises(DataError) as info:
        loader.load(bad)
    assert str(info.value.problems[-1]) == cap
    assert info.value.stopped


def test_did_you_mean_searches_are_budgeted() -> None:
    """Thousands of unknown references against thousands of ids cannot take minutes."""
    actors = "".join(f"  actor-{i:05}: {{name: Actor {i}}}\n" for i in range(2_000))
    positions = "".join(
        f"  - {{actor: actor-{i:05}x, issue: i, stance: support, summary: s, source: s, "
        "date: 2025-01-01}\n"
        for i in range(500)
    )
    text = (
        "format: 1\ntitle: t\nsources: {s: {name: S}}\nactors:\n"
        + actors
        + "issues: {i: {title: I, question: Q}}\npositions:\n"
        + positions
    )
    with pytest.raises(DataError) as info:
        loader.parse(text.encode(), "t.yaml")
    hints = [p.hint for p in info.value.problems]
    per_search = 2_000
    assert hints[0] == "did you mean 'actor-00000'?"
    searched = loader.SUGGESTION_BUDGET // per_search
    assert hints[:searched] == [f"did you mean 'actor-{i:05}'?" for i in range(searched)]
    assert set(hints[searched:]) == {"define it under 'actors:' first"}


# --- exports and the file system ------------------------------------------------------------

VALID = CORPUS / "html-injection.yaml"


def export_html(output: Path, *extra: str) -> Result:
    return invoke(
        ["export", "--format", "html", "--output", str(output), *extra, "--data", str(VALID)]
    )


def test_export_refuses_to_replace_a_file(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("old report")
    result = export_html(out)
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {out} exists; use --force to replace it\n",
    )
    assert out.read_text() == "old report"
    result = export_html(out, "--force")
    assert (result.exit_code, result.stderr) == (0, f"wrote {out}\n")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_export_to_a_directory_path(tmp_path: Path) -> None:
    result = export_html(tmp_path)
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {tmp_path} is a directory; give the path of a file to write\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_export_into_a_missing_directory(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "report.html"
    result = export_html(out)
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {out}: no such directory {out.parent}; create it first\n",
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_export_into_a_read_only_directory(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "report.html").write_text("old report")
    locked.chmod(0o555)
    try:
        out = locked / "new.html"
        result = export_html(out)
        assert (result.exit_code, result.stderr) == (
            1,
            f"error: {out}: permission denied; choose a directory you can write to\n",
        )
        assert sorted(p.name for p in locked.iterdir()) == ["report.html"]
        assert (locked / "report.html").read_text() == "old report"
    finally:
        locked.chmod(0o755)


def test_interrupted_export_leaves_the_old_file(tmp_path: Path) -> None:
    """Ctrl-C in the middle of writing: the old file stays, the temporary one is removed."""
    out = tmp_path / "report.html"
    out.write_text("old report")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    # The module by import, not by dotted name: `positions.export.write` is also the
    # package's `write` function, which Python 3.10's mock.patch resolves instead.
    write_module = importlib.import_module("positions.export.write")
    with mock.patch.object(write_module.os, "fsync", interrupted):
        result = export_html(out, "--force")
    assert (result.exit_code, result.stderr) == (130, "interrupted\n")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    assert out.read_text() == "old report"


_CRASH = """\
import importlib, os, sys
write = importlib.import_module("positions.export.write")
def crash(fd):
    os._exit(9)  # the process dies: no finally, no cleanup
write.os.fsync = crash
from positions.entry import main
sys.argv = ["positions", *sys.argv[1:]]
main()
"""


def test_crash_while_writing_leaves_no_partial_file(tmp_path: Path) -> None:
    """A hard crash after the data is written but before the rename: the target is intact."""
    out = tmp_path / "report.html"
    out.write_text("old report")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _CRASH,
            "export",
            "--format",
            "html",
            "--output",
            str(out),
            "--force",
            "--data",
            str(VALID),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (9, "")
    assert out.read_text() == "old report"
    # What a crash can leave is a hidden temporary file, never a half-written report.
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name != "report.html")
    assert len(leftovers) == 1
    assert re.fullmatch(r"\.report\.html\.[^/]+\.tmp", leftovers[0])
