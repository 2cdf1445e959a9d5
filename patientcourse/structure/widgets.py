"""The data of each widget kind (``chapters/NN-slug.widgets.yml``): validated by the loader,
so ``check``, ``generate`` and ``build`` give the same located error for a wrong field.

The runtime (``patientcourse_runtime.widgets``) draws the widgets from the validated data the
bundle carries and trusts it; one model per kind lives here, nowhere else.
"""
from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from .course import SLUG, Strict

# Text an author writes: surrounding blanks are trimmed and an empty value is an error.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=SLUG)]


class WidgetData(Strict):
    """Base of every kind's ``data`` model: a misspelt field is an error, not ignored."""


# -- layers_explorer (chapter 1) ---------------------------------------------------------------
class Layer(WidgetData):
    id: Slug
    name: Text
    look: Literal["skin", "sheath", "muscle"] = Field(
        description="How the drawing shows it: the skin band, the fascia sheath, or the muscle.")
    points: list[Text] = Field(min_length=1)


class LayersFigure(WidgetData):
    title: Text = Field(description="A short name for the drawing.")
    caption: Text
    alt: Text = Field(description="What the drawing shows, for people who cannot see it.")


class LayersData(WidgetData):
    intro: Text
    figure: LayersFigure
    layers: list[Layer] = Field(min_length=2)

    @field_validator("layers")
    @classmethod
    def _one_of_each(cls, layers: list[Layer]) -> list[Layer]:
        for field in ("id", "look"):
            values = [getattr(layer, field) for layer in layers]
            repeated = sorted({v for v in values if values.count(v) > 1})
            if repeated:
                raise ValueError(f"two layers have the {field} {repeated[0]!r}. "
                                 f"Give each layer its own {field}.")
        return layers


# -- evidence_explorer (chapter 2) -------------------------------------------------------------
class Strength(WidgetData):
    id: Slug
    words: Text = Field(description="The strength in one or two words, written on the chart's bar.")
    meaning: Text = Field(description="What that word means here, in a plain sentence.")


class Outcome(WidgetData):
    id: Slug
    name: Text
    strength: Slug = Field(description="The id of a step of `scale`.")
    finding: Text


class Givers(WidgetData):
    title: Text
    how: Text
    people: list[Text] = Field(min_length=1)


class ChartText(WidgetData):
    title: Text = Field(description="A short name for the chart.")
    caption: Text


class EvidenceData(WidgetData):
    intro: Text
    overall: Text
    advice: Text
    scale: list[Strength] = Field(min_length=2, description="Weakest first.")
    figure: ChartText
    outcomes: list[Outcome] = Field(min_length=1)
    givers: Givers

    @model_validator(mode="after")
    def _known_strengths(self) -> "EvidenceData":
        known = [step.id for step in self.scale]
        for i, outcome in enumerate(self.outcomes):
            if outcome.strength not in known:
                raise ValueError(f"outcomes[{i}].strength: {outcome.strength!r} is not a step of the "
                                 f"scale. Use one of: {', '.join(known)}.")
        ids = [o.id for o in self.outcomes]
        if len(set(ids)) != len(ids):
            raise ValueError("two outcomes have the same id. Give each outcome its own id.")
        return self


# -- routine_builder (chapter 3) ---------------------------------------------------------------
class Exercise(WidgetData):
    id: Slug
    name: Text
    steps: list[Text] = Field(min_length=1)
    cues: list[Text] = Field(min_length=1, description="Safety tips for this exercise.")


class AlwaysCues(WidgetData):
    title: Text
    cues: list[Text] = Field(min_length=1)


class TimerText(WidgetData):
    title: Text
    seconds: int = Field(gt=0, le=600)
    help: Text
    done: Text = Field(description="What the status says when time is up.")


class RoutineData(WidgetData):
    intro: Text
    always: AlwaysCues
    exercises: list[Exercise] = Field(min_length=1)
    timer: TimerText

    @field_validator("exercises")
    @classmethod
    def _unique_ids(cls, exercises: list[Exercise]) -> list[Exercise]:
        ids = [e.id for e in exercises]
        if len(set(ids)) != len(ids):
            raise ValueError("two exercises have the same id. Give each exercise its own id.")
        return exercises


# -- checklist (chapters 4 and 5) --------------------------------------------------------------
class Group(WidgetData):
    title: Text
    items: list[Text] = Field(min_length=1)


class ChecklistData(WidgetData):
    intro: Text
    groups: list[Group] = Field(min_length=1)
    reminders: list[Text] = Field(default_factory=list, description="Facts printed on every list.")
    notes_label: Text
    summary_title: Text
    file_name: str = Field(description="Name of the downloaded list, e.g. my-list.txt.")

    @field_validator("file_name")
    @classmethod
    def _plain_file_name(cls, value: str) -> str:
        # The name travels into a download attribute and a path next to the notebook.
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*\.txt", value):
            raise ValueError(f"{value!r} is not a plain file name. Use lower-case words joined by "
                             "dashes, ending in .txt, e.g. my-visit-list.txt.")
        return value


# -- relief_compare (chapter 5) ----------------------------------------------------------------
class ReliefOption(WidgetData):
    id: Slug
    name: Text
    does: Text
    use: list[Text] = Field(min_length=1)
    side_effects: list[Text] = Field(min_length=1)


class ReliefData(WidgetData):
    intro: Text
    options: list[ReliefOption] = Field(min_length=2)
    note: Text

    @field_validator("options")
    @classmethod
    def _unique_ids(cls, options: list[ReliefOption]) -> list[ReliefOption]:
        ids = [o.id for o in options]
        if len(set(ids)) != len(ids):
            raise ValueError("two options have the same id. Give each option its own id.")
        return options


WIDGET_DATA: dict[str, type[WidgetData]] = {
    "layers_explorer": LayersData,
    "evidence_explorer": EvidenceData,
    "routine_builder": RoutineData,
    "checklist": ChecklistData,
    "relief_compare": ReliefData,
}


def unknown_kind(kind: str) -> str:
    return f"there is no widget kind {kind!r}. Use one of: {', '.join(sorted(WIDGET_DATA))}."
