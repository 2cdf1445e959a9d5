"""The few Font Awesome icons the book shows, as CSS masks: ``icons.css``.

The theme draws its icons with Font Awesome's script (about 540 KB gzip) and webfont (156 KB),
which together weighed 80% of a chapter page. The book's layout template
(``patientcourse/theme/templates/layout.html``) leaves that script out; this module writes
``icons.css``, which draws the icons the pages use from the same Font Awesome Free drawings
(CC BY 4.0), taken from the theme's own copy so they match it. Each icon is an SVG in a
``mask-image`` painted in ``currentColor``: it follows the text colour in light and dark mode.

Run ``python -m patientcourse.web.icons`` (then ``make js``) after adding an icon or updating
the theme; a test fails when a page shows an icon that is not here, or when ``icons.css``
differs from what this module writes.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "icons.css"

# Icon elements the theme's templates write (<i class="fa-solid fa-NAME">, or "fas fa-NAME"):
# Font Awesome names.
# Only these: each drawing weighs on every page (the browser test names any icon left out).
ELEMENT_ICONS = ["angle-left", "angle-right", "arrow-up", "bars", "list", "outdent", "download", "file",
                 "file-pdf", "magnifying-glass", "moon", "sun", "circle-half-stroke",
                 "play"]  # "Open in the browser", on chapter pages of a book built with --lite

# Icons the theme's stylesheet draws with the webfont in ::before/::after: selector → icon.
PSEUDO_ICONS = {
    # The note icon also for admonitions of no known kind (the theme's default is a bell).
    ".admonition > .admonition-title::after, div.admonition > .admonition-title::after": "circle-info",
    ".admonition.tip > .admonition-title::after, .admonition.hint > .admonition-title::after": "lightbulb",
    ".admonition.warning > .admonition-title::after, .admonition.caution > .admonition-title::after, "
    ".admonition.danger > .admonition-title::after": "triangle-exclamation",
    ".admonition.important > .admonition-title::after, .admonition.attention > .admonition-title::after":
        "circle-exclamation",
    "div#searchbox p.highlight-link a::before": "magnifying-glass-minus",
    ".bd-sidebar-secondary.hide:not(:hover) .onthispage::after": "angle-down",
}

HEADER = """/* icons.css: the theme's icons without Font Awesome's script or webfont. Made by
   `python -m patientcourse.web.icons` from the theme's copy of Font Awesome Free 6
   (icons: CC BY 4.0, https://fontawesome.com/license/free); edit that module, not this file. */
"""

RULES = """
/* Icon elements (<i> or <span>): an empty box the size of a glyph, painted through the icon's outline. */
.fa-solid, .fas { font: inherit !important; display: inline-block; width: 1.1em; height: 1em;
  vertical-align: -0.125em; background-color: currentColor;
  -webkit-mask: var(--pc-icon) center / contain no-repeat; mask: var(--pc-icon) center / contain no-repeat; }
.fa-solid::before, .fas::before { content: none !important; }
.fa-solid.fa-lg { width: 1.35em; height: 1.25em; vertical-align: -0.25em; }
/* Icons the stylesheet draws after or before text: the same mask, never the webfont. */
{pseudo_selectors} {
  content: "" !important; font: inherit !important; display: inline-block; width: 1em; height: 1em;
  background-color: currentColor;
  -webkit-mask: var(--pc-icon) center / contain no-repeat; mask: var(--pc-icon) center / contain no-repeat; }
"""


def theme_fontawesome() -> Path:
    import pydata_sphinx_theme

    return (Path(pydata_sphinx_theme.__file__).resolve().parent / "theme" / "pydata_sphinx_theme"
            / "static" / "scripts" / "fontawesome.js")


def solid_icons(script: str) -> dict[str, tuple[int, int, str]]:
    """name → (width, height, SVG path) of every icon in the script's solid pack."""
    end = script.index('d("fas",')
    start = script.rindex('d("far",', 0, end)  # the packs are defined one after another
    pack = script[start:end]
    icons = {}
    # e.g. bars:[448,512,["navicon"],"f0c9","M0 96C0 78.3 ..."] ; names are quoted when they need it
    for m in re.finditer(r'[{,]"?([a-z0-9-]+)"?:\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","([^"]+)"\]', pack):
        icons[m.group(1)] = (int(m.group(2)), int(m.group(3)), m.group(4))
    return icons


def data_uri(width: int, height: int, path: str) -> str:
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"><path d="{path}"/></svg>'
    return "url(\"data:image/svg+xml," + quote(svg, safe=" /:=,.-") + "\")"


def icons_css(script: str) -> str:
    icons = solid_icons(script)
    missing = sorted({*ELEMENT_ICONS, *PSEUDO_ICONS.values()} - icons.keys())
    if missing:
        raise SystemExit(f"The theme's Font Awesome has no solid icon named {', '.join(missing)}; "
                         f"update ELEMENT_ICONS / PSEUDO_ICONS in {__file__}.")
    parts = [HEADER, RULES.replace("{pseudo_selectors}", ",\n".join(PSEUDO_ICONS))]
    for name in ELEMENT_ICONS:
        parts.append(f".fa-{name} {{ --pc-icon: {data_uri(*icons[name])}; }}\n")
    for selector, name in PSEUDO_ICONS.items():
        parts.append(f"{selector} {{ --pc-icon: {data_uri(*icons[name])}; }}\n")
    return "".join(parts)


def main() -> None:
    OUTPUT.write_text(icons_css(theme_fontawesome().read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Wrote {OUTPUT}")


if __name__ == "__main__":
    main()
