"""`patientcourse new`: an article (plain text, Markdown or a saved web page) → a course draft.

Modules: read (the file), blocks and detect (the article's parts), units (chapters and
sections), draft (the project folder), markers (what `check` looks for in a draft). This
package imports none of them itself: the check rules use ``markers`` and ``read`` without
pulling in the renderers that ``draft`` needs."""
