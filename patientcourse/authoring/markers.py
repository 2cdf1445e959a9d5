"""The marks a draft made by `patientcourse new` leaves for its author, shared by the draft
writer and the `check` rules that list what is left to do."""
import re

# A source block: the article's passage as MyST comment lines ('% ...'), which the book does
# not show. Its first line starts with this.
SOURCE_MARK = "% SOURCE"
SOURCE_LINE = re.compile(r"^%\s?")
# Every blank the author must fill holds this word.
TODO = "TODO"
PLACEHOLDER_QUESTION = "todo-question"  # id prefix of a draft's placeholder question
