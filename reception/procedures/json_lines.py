"""JSON with the line of every value, so validation errors can say where to look."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from typing import Any

#: Where a value sits in a document: keys and list indexes from the top.
JsonPath = tuple[str | int, ...]


_WHITESPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null|NaN|-?Infinity")


def parse_with_lines(text: str) -> tuple[Any, dict[JsonPath, int]]:
    """``json.loads(text)`` plus the line of every value (of its key, for object members).

    The standard parser keeps no positions, so after it has checked the syntax the text
    is walked once more, only to note where each path starts.
    """
    document = json.loads(text)
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
    lines: dict[JsonPath, int] = {}

    def skip(pos: int) -> int:
        match = _WHITESPACE.match(text, pos)
        return pos if match is None else match.end()

    def string_at(pos: int) -> tuple[str, int]:
        match = _STRING.match(text, pos)
        assert match is not None  # json.loads accepted the text
        return str(json.loads(match.group())), match.end()

    def walk(pos: int, path: JsonPath) -> int:
        pos = skip(pos)
        lines.setdefault(path, bisect_right(line_starts, pos))
        opener = text[pos]
        if opener in "{[":
            closer, index = ("}" if opener == "{" else "]"), 0
            pos = skip(pos + 1)
            while text[pos] != closer:
                if opener == "{":
                    key, after_key = string_at(pos)
                    lines[(*path, key)] = bisect_right(line_starts, pos)
                    pos = walk(skip(after_key) + 1, (*path, key))  # + 1 skips the colon
                else:
                    pos = walk(pos, (*path, index))
                    index += 1
                pos = skip(pos)
                if text[pos] == ",":
                    pos = skip(pos + 1)
            return pos + 1
        if opener == '"':
            return string_at(pos)[1]
        match = _SCALAR.match(text, pos)
        assert match is not None  # json.loads accepted the text
        return match.end()

    walk(0, ())
    return document, lines
