"""Wording the article does not support stays out of everything a learner reads, and the
article's hedges, conditions and attributions stay in.

Each phrase below was found in a line-by-line review against the article; the reason says
what the article says instead. The search covers chapter text, front-matter boxes, quizzes,
widgets and the glossary, so the same wording cannot come back anywhere."""
from __future__ import annotations

import pytest

from patientcourse.checks.readability import chapter_paragraphs
from patientcourse.checks.reader_text import PART_PARAGRAPHS

UNSUPPORTED = {
    "a lot": "cervical epidural steroids: the article says “significant positive effects”, not a size",
    "big benefits": "the article says “significant benefits”; in research that is not a size",
    "not big enough": "not statistically significant means uncertain, not small",
    "too small to": "not statistically significant means uncertain, not small",
    "talk to your doctor first": "the article says to consider speaking to a trusted provider",
    "you trust first": "the article says to consider speaking to a trusted provider",
    "before you add": "the article says to consider speaking to a provider, not when",
    "before i start": "the article says to consider speaking to a provider, not when",
    "see a physical therapist for regular visits": "the article says to consider combining it with regular appointments",
    "in some cases, people have had": "the article's body says the risks are rare",
    "it helped people with chronic": "the article says therapeutic effects, not statistically significant",
    "in the article's words": "the evidence ranking is the course's, not the article's",
    "has not been shown to be caused": "the article only says “may be connected”",
    "how they treat you": "the article asks about manual therapy, machines or both",
    "not to myofascial release": "the article does not rule this out",
    "not from myofascial release": "the article does not rule this out",
    "how to use it safely": "the article gives no doses for the medicines",
    "fascia massage is also called": "read as Robin Blaisdell's claim; the article just uses both names",
    "mostly backed by": "the article calls pain relief anecdotal; it does not weigh the rest",
    "open question": "the article says the evidence is not very strong",
}


def reader_text(course) -> dict[str, str]:
    """Every text a learner reads, by where it comes from."""
    texts = {}
    for chapter in course.chapters:
        texts[f"{chapter.id} prose"] = " ".join(p.text for p in chapter_paragraphs(chapter))
        for part, paragraphs in PART_PARAGRAPHS.items():
            texts[f"{chapter.id} {part}"] = " ".join(p.text for p in paragraphs(chapter))
    texts["glossary"] = " ".join(f"{t.definition} {t.general}" for t in course.glossary.terms)
    return texts


@pytest.mark.parametrize("phrase", sorted(UNSUPPORTED))
def test_no_wording_the_article_does_not_support(course, phrase):
    found = [where for where, text in reader_text(course).items() if phrase in text.casefold()]
    assert not found, f"“{phrase}” in {found}: {UNSUPPORTED[phrase]}"


def test_the_search_covers_quiz_widget_and_glossary_text(course):
    texts = reader_text(course)
    assert "Not quite. Fascia is made of collagen." in texts["01-fascia-anatomy quiz"]
    assert "The article gives no doses for the medicines." in texts["05-alternatives widgets"]
    assert "People who practice myofascial release say fascia can bind" in texts["glossary"]


def test_chapter_5_keeps_the_bottom_line_and_its_conditions(course):
    chapter = course.chapter("05-alternatives")
    message = chapter.meta.main_message
    assert message.startswith("In most cases, traditional physical therapy will treat pain better than myofascial release")
    assert "may also help" in message and "for severe pain, so can injections" in message
    assert chapter.section("injections").body.startswith("In cases of severe pain, some injections can also help:")
    assert "In cases of severe pain, anesthetic, steroid or RFD injections can also help ease pain." in chapter.meta.key_points
    assert any(p.startswith("Want to try myofascial release? Think about combining it") for p in chapter.meta.key_points)


def test_chapter_3_states_the_rare_risk_before_any_exercise(course):
    chapter = course.chapter("03-exercises")
    first = chapter.sections[0]
    assert first.id == "before-you-start"
    assert "The risks of myofascial release are low.\nBut in rare cases, it can cause {term}`internal bleeding` or injury." in first.body
    assert first.body.index("internal bleeding") < first.body.index("Follow two rules every time you roll")
    assert all(f.section != first.id for f in chapter.figures)


def test_chapter_4_key_point_says_rare(course):
    points = course.chapter("04-risks").meta.key_points
    assert "But in rare cases, it can cause internal bleeding or injury." in points
    assert not any("some cases" in p for p in points)


def test_relief_widget_says_the_article_gives_no_doses(course):
    [relief] = [w for w in course.chapter("05-alternatives").widgets if w.kind == "relief_compare"]
    assert "The article gives no doses for the medicines." in relief.data["intro"]
    medicines = [o for o in relief.data["options"] if o["id"] in ("nsaids", "acetaminophen")]
    assert len(medicines) == 2
    for option in medicines:
        assert option["use"][0] == "The article does not say how much to take, or how often."


def test_evidence_widget_keeps_the_article_s_words_and_owns_its_ranking(course):
    [evidence] = course.chapter("02-myofascial-release").widgets
    caption = evidence.data["figure"]["caption"]
    assert "This ranking is ours: the article does not rank these results." in caption
    [back] = [o for o in evidence.data["outcomes"] if o["id"] == "low-back-pain"]
    assert back["finding"].startswith("People with chronic low back pain have had some helpful effects from it.")
    assert "It does not mean the improvement was small." in back["finding"]


def test_attributions_are_kept(course):
    body = "\n".join(s.body for s in course.chapter("01-fascia-anatomy").sections)
    assert "Others believe the key to easing lower back pain is a {term}`deep tissue massage`." in body
    assert "They say it may make you wince" in body
    assert "They say this can lead to {term}`adhesions <adhesion>` or {term}`scar tissue`." in body
    # The two names are the article's usage, not Robin Blaisdell's claim.
    blaisdell = body.split("Robin Blaisdell says", 1)[1].split("\n\n", 1)[0]
    assert "myofascial release" not in blaisdell
    assert "The article uses two names for the same therapy" in body


def test_quiz_feedback_stays_within_the_article(course):
    quiz = {q.id: q for c in course.chapters for q in c.quiz.questions}
    assert quiz["fa-adhesions-proven"].if_false.endswith("It does not say this has been proven.")
    assert "manual therapy, machines or both" in quiz["al-choose-therapist"].explanation
    rare = [o.feedback for o in quiz["ri-rare-harms"].options if not o.correct]
    assert all(f.startswith("No. The article names internal bleeding and injury as the rare risks.") for f in rare)


def test_technical_terms_are_explained_in_the_sentence_where_they_first_appear(course):
    """Chapters 2 and 5: the explanation sits in the same sentence as the word's first use."""
    explained = {
        "02-myofascial-release": {"statistically significant": "could be due to chance",
                                  "chronic": "pain that lasts a long time",
                                  "anecdotal": "personal stories",
                                  "range of motion": "how far you can move"},
        "05-alternatives": {"oral neuromodulators": "medicines you take by mouth that act on your nerves",
                            "pelvic floor muscle injections": "shots into the muscles at the bottom of your belly",
                            "over-the-counter": "without a prescription",
                            "myofascial pain syndrome": "pain in muscles and the fascia around them",
                            "imaging": "pictures of the inside of your body",
                            "nausea": "feeling sick to your stomach",
                            "habit-forming": "hard to stop using",
                            "manual therapy": "care with their hands",
                            "Cervical epidural steroids are": "steroid shots near the spine in the neck",
                            "Anesthetic injections": "shots that numb a part of the body"},
    }
    from patientcourse.checks.readability import sentences

    for chapter_id, terms in explained.items():
        said = sentences(chapter_paragraphs(course.chapter(chapter_id)))
        for term, explanation in terms.items():
            first = next(s.text for s in said if term.casefold() in s.text.casefold())
            assert explanation in first, (chapter_id, term, first)
