"""Author text from the course YAML, made safe to place in the generated MyST Markdown.

MyST passes raw HTML through to the page, so a YAML field pasted into Markdown as it is
could run script on every page. Each field is one of two kinds (README, "Writing a course"):

* ``plain``: shown exactly as typed (titles, names, roles, the publisher...). Every
  character that Markdown or MyST reads as markup is backslash-escaped.
* ``inline_markdown``: prose that may use *emphasis*, ``code`` and [links](https://...)
  (main message, objectives, key points, definitions, the disclaimer...). It cannot carry
  raw HTML (``<`` is written as the entity ``&lt;``, which Markdown shows as text), a
  directive or block (the field is one line, and a block marker at its start is
  escaped), or a role. Links to ``javascript:`` and similar addresses are not made by
  Markdown itself (markdown-it's link validation); they show as text.

Both are written by hand because they are the inverse of a parser: there is no library
"escape for MyST". Both make the field one line (YAML folded text already is).
"""
from __future__ import annotations

import re

# Characters with a meaning somewhere in a line of CommonMark or MyST (emphasis, code,
# links, roles, HTML, entities, tables, math, a heading's closing #). Escaping a punctuation
# character that has no meaning is harmless in CommonMark, so the list errs on the wide side.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}<>&|~$^#])")
# For plain text (everything above already escaped): any first character that could start
# a block (list, quote, fence, table, MyST comment "%", target "(label)=", "+++", "===").
_ANY_BLOCK_START = re.compile(r"^([>+\-=|:%(!])")
# For inline Markdown, where emphasis must keep working: only what really starts a block.
_MD_BLOCK_START = re.compile(r"^(?=#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|([-*_])\s*\1\s*\1|`{3}|~{3}|:{3}|%|\(|\+{3}|=)")
_ORDERED_ITEM = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
# A role is "{name}`...`"; only the opening brace needs escaping for it to show as typed.
_ROLE = re.compile(r"\{(?=[^{}`\s]*\}`)")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def plain(text: str) -> str:
    """Markdown that shows ``text`` exactly as typed, on one line."""
    text = _INLINE_SPECIAL.sub(r"\\\1", _one_line(text))
    return _ANY_BLOCK_START.sub(r"\\\1", _ORDERED_ITEM.sub(r"\1\\\2", text))


def inline_markdown(text: str) -> str:
    """``text`` as one line of inline Markdown that cannot carry HTML, a block or a role."""
    text = _ROLE.sub(r"\\{", _one_line(text).replace("<", "&lt;"))
    text = _ORDERED_ITEM.sub(r"\1\\\2", text)
    return "\\" + text if _MD_BLOCK_START.match(text) else text


def bullets(items: list[str]) -> str:
    """A Markdown list of inline-Markdown items."""
    return "\n".join(f"- {inline_markdown(item)}" for item in items)
