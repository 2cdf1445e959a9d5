"""The book as patients meet it (issue 14): every page at phone and desktop width, in light and
dark mode, with no sideways scroll, every radio and checkbox on the first line of its text,
no control wider than its box and no axe violation; a chapter's weight and requests; the
glossary in place; one search box; the skip link; instructor pages out of search."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser.journeys_support import press_and_wait

pytestmark = pytest.mark.browser

PAGE_BUDGET_GZIP = 250_000
WIDTHS = {"phone": 390, "desktop": 1280}

# Measured in the page: what a reader would see go wrong.
_LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) problems.push(`page scrolls sideways: ${doc.scrollWidth}px wide in ${doc.clientWidth}px`);
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  // A radio or checkbox shares a line with the first line of its label (quizzes: label[for];
  // tools: the input inside its label).
  for (const input of document.querySelectorAll('input[type=radio], input[type=checkbox]')) {
    const label = (input.id && document.querySelector(`label[for="${CSS.escape(input.id)}"]`)) || input.closest('label');
    if (!label || !visible(input) || !visible(label)) continue;
    const box = input.getBoundingClientRect();
    const words = document.createTreeWalker(label, NodeFilter.SHOW_TEXT,
      {acceptNode: (n) => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP}).nextNode();
    if (!words) continue;
    const range = document.createRange(); range.selectNodeContents(words);
    const first = range.getClientRects()[0];
    if (first && (box.bottom <= first.top || box.top >= first.bottom))
      problems.push(`${input.id}: box not on the first line of "${label.textContent.trim().slice(0, 40)}"`);
  }
  // No control overflows the question, tool or table cell it sits in.
  for (const control of document.querySelectorAll('main select, main input, main button, main textarea')) {
    if (!visible(control)) continue;
    const box = control.closest('fieldset, .pc-widget, td, .pc-progress, article');
    if (!box) continue;
    const c = control.getBoundingClientRect(), b = box.getBoundingClientRect();
    if (c.right > b.right + 1 || c.left < b.left - 1)
      problems.push(`${control.tagName.toLowerCase()}#${control.id || control.className}: ${Math.round(c.left)}-${Math.round(c.right)}px overflows its box ${Math.round(b.left)}-${Math.round(b.right)}px`);
  }
  return problems;
}"""


def site_pages(site: Path) -> list[str]:
    """Every page of the book a reader can open (chapters, course pages, search)."""
    pages = [p.relative_to(site).as_posix() for p in sorted(site.glob("notebooks/*.html"))]
    pages += [p.relative_to(site).as_posix() for p in sorted(site.glob("book/*.html"))]
    return pages + ["search.html"]


def open_in_mode(browser_context, page, url: str, mode: str, width: int):
    browser_context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("data-theme", mode)


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("width", list(WIDTHS.values()), ids=list(WIDTHS))
def test_every_page_fits_the_screen_and_passes_axe(built_book, book_url, browser_context, page, axe_check,
                                                   width, mode):
    problems = {}
    for rel in site_pages(built_book):
        open_in_mode(browser_context, page, f"{book_url}/{rel}", mode, width)
        # Answered state too: feedback and the verdict border must fit and pass axe as well.
        for question in page.locator('fieldset[data-pc-type="single"]').all()[:1]:
            question.locator("input[type=radio]").first.check()
            question.get_by_role("button", name="Check answer").click()
            # Measured once the verdict is on the page ("Correct." or "Not correct."), not before.
            expect(question.locator('[role="status"]')).to_contain_text("correct.", ignore_case=True)
        found = page.evaluate(_LAYOUT_PROBLEMS)
        if found:
            problems[rel] = found
        axe_check(page)
    assert not problems, f"at {width}px in {mode} mode: {problems}"


def test_a_chapter_page_weighs_at_most_250_kb_gzip_in_all(book_url, page):
    """Every response the browser receives for a chapter page, gzipped as a server would."""
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(f"{book_url}/notebooks/01-fascia-anatomy.html", wait_until="networkidle")
    sizes = {r.url.replace(book_url, ""): len(gzip.compress(r.body(), compresslevel=6, mtime=0))
             for r in responses if r.status == 200}
    total = sum(sizes.values())
    assert not [u for u in sizes if "fontawesome" in u], "Font Awesome is still loaded"
    assert total <= PAGE_BUDGET_GZIP, f"{total:,} bytes gzip over {len(sizes)} responses: {sorted(sizes.items(), key=lambda kv: -kv[1])[:5]}"


def test_every_icon_on_the_pages_is_drawn(built_book, book_url, page):
    """The icons come from our stylesheet, not Font Awesome's script: each has its drawing."""
    missing = {}
    for rel in site_pages(built_book):
        page.goto(f"{book_url}/{rel}")
        found = page.evaluate("""() => [...document.querySelectorAll('.fa-solid, .fas')]
            .filter(i => getComputedStyle(i).maskImage === 'none' && getComputedStyle(i).webkitMaskImage === 'none')
            .map(i => i.className)""")
        if found:
            missing[rel] = found
    assert not missing, f"icons without a drawing (add them to patientcourse/web/icons.py): {missing}"


def test_the_quiz_works_before_the_page_has_finished_loading(built_book, serve, page):
    """The runtime starts each quiz when its markup is parsed: with the theme's scripts held
    back, the first question already has its Check button."""
    url = serve(built_book)
    page.add_init_script("document.addEventListener('DOMContentLoaded', () => { window.pcParsedAll = true; })")
    page.route(re.compile(r".*/_static/scripts/(bootstrap|pydata-sphinx-theme)\.js.*"),
               lambda route: None)  # never answered: DOMContentLoaded never comes
    page.goto(f"{url}/notebooks/01-fascia-anatomy.html", wait_until="commit")
    expect(page.locator("fieldset[data-pc-question] [data-pc-check]").first).to_be_visible(timeout=15_000)
    assert not page.evaluate("window.pcParsedAll === true"), "the quiz started only at DOMContentLoaded"
    page.unroute_all(behavior="ignoreErrors")
    page.watch.console_errors.clear()  # the held-back scripts fail when the page closes


def test_glossary_word_shows_its_definition_in_place(book_url, page, course, axe_check):
    page.goto(f"{book_url}/notebooks/01-fascia-anatomy.html")
    link = page.locator("main a.reference:has(> .std-term)").first
    word = link.inner_text()
    term = course.glossary.find(word)
    assert term, f"the first glossary link, {word!r}, names no glossary term"
    popover = page.locator("#pc-term-popover")
    link.hover()
    expect(popover).to_be_visible()
    expect(popover).to_contain_text(term.definition)
    expect(popover.get_by_role("link", name="Open the full glossary")).to_have_attribute("href", re.compile("glossary"))
    axe_check(page)
    page.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    link.focus()
    expect(popover).to_be_visible()
    assert link.get_attribute("aria-describedby") == "pc-term-popover"
    page.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    expect(link).to_be_focused()


def test_glossary_word_opens_on_tap_before_leaving_the_page(chromium_browser, book_url):
    context = chromium_browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        url = f"{book_url}/notebooks/01-fascia-anatomy.html"
        page.goto(url)
        link = page.locator("main a.reference:has(> .std-term)").first
        link.scroll_into_view_if_needed()
        link.tap()
        expect(page.locator("#pc-term-popover")).to_be_visible()
        assert page.url == url
    finally:
        context.close()


def test_glossary_page_has_a_to_z_and_one_headword_per_term(book_url, page, course):
    page.goto(f"{book_url}/book/glossary.html")
    letters = sorted({t.term[0].upper() for t in course.glossary.terms})
    jump = page.locator("main p", has_text="Jump to a letter")
    for letter in letters:
        jump.get_by_role("link", name=letter, exact=True).click()
        # Away from the heading: a hovered heading shows its "#" link, which joins its name.
        page.mouse.move(0, 0)
        expect(page.get_by_role("heading", level=2, name=letter, exact=True)).to_be_in_viewport()
    # A term with another form: one headword, the other form listed with it as "Also".
    term = next(t for t in course.glossary.terms if t.also)
    headword = page.locator("dl.glossary dt").filter(has_text=re.compile(rf"^{re.escape(term.term)}\W*$"))
    also = headword.locator("xpath=following-sibling::dt[1]")
    assert page.evaluate("el => getComputedStyle(el, '::before').content", also.element_handle()) == '"Also: "'
    expect(also).to_contain_text(term.also[0])


def test_one_search_box_and_instructor_pages_are_not_found(book_url, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{book_url}/notebooks/01-fascia-anatomy.html")
    expect(page.locator("button.search-button__button:visible, form[role=search]:visible")).to_have_count(1)
    page.goto(f"{book_url}/search.html?q=readability")
    expect(page.locator("button.search-button__button:visible, form:visible:has(input[name=q])")).to_have_count(1)
    results = page.locator("#search-results")
    expect(results).to_contain_text(re.compile(r"Search finished|did not match", re.I), timeout=15_000)
    expect(results.locator("a[href*='report']")).to_have_count(0)
    expect(results.locator("a[href*='instructors']")).to_have_count(0)
    page.goto(f"{book_url}/search.html?q=fascia")
    expect(results).to_contain_text("Search finished", timeout=15_000)
    found = [a.get_attribute("href") for a in results.locator("li > a").all()]
    assert any(href.startswith("notebooks/") for href in found), found
    assert not [href for href in found if "report" in href or "instructors" in href], found


def test_skip_link_goes_to_the_quiz_and_next_chapter_follows_it(book_url, page, course):
    first, second = course.chapters[:2]
    page.goto(f"{book_url}/notebooks/{first.id}.html")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the quiz")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=2, name=first.quiz.title)).to_be_in_viewport()
    press_and_wait(page, "Tab")
    assert page.evaluate("!!document.activeElement.closest('[data-pc-quiz]')")
    next_link = page.locator("main a", has_text=f"{second.number}. {second.title}").last
    assert page.evaluate("([q, a]) => !!(q.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING)",
                         [page.locator("[data-pc-quiz]").element_handle(), next_link.element_handle()])
    next_link.click()
    expect(page).to_have_url(re.compile(rf"{second.id}\.html"))


def test_patient_pages_speak_to_patients(built_book, course):
    """No page a patient reads tells them to run a cell or a command; the credit and the
    disclaimer appear once in the About box and once in the footer; no owner-less copyright."""
    credit = f"Adapted from “{course.meta.source.title}”"
    for rel in site_pages(built_book)[:-1]:
        html = (built_book / rel).read_text(encoding="utf-8")
        # What the page says (the article and its footer), not the site's navigation.
        said = (html[html.index('<article class="bd-article">'):html.index("</article>")]
                + html[html.index('<footer class="bd-footer-content">'):html.index('<footer class="bd-footer">')])
        text = re.sub(r"<[^>]+>", " ", said)
        if "pc-instructors" in html:
            continue
        for phrase in ("run the cell", "make lab", "patientcourse assign", "patientcourse grade", "Jupyter"):
            assert phrase not in text, f"{rel} tells patients: {phrase!r}"
        assert "©" not in html and "Copyright" not in html, rel
        assert "By Adapted" not in text, rel
        assert text.count(credit) == 2, f"{rel}: the credit {text.count(credit)} times, not once in the About box and once in the footer"
        assert text.count("not a substitute for professional medical advice") == 2, f"{rel}: the disclaimer"
