"""The chapter drawings as a reader meets them: loaded, named for screen readers, captioned,
and readable in dark mode and in print (dark lines on a light card either way)."""
from __future__ import annotations

import base64

import pytest
from playwright.sync_api import expect

# Share of dark "ink" and light "paper" pixels in a screenshot, measured by the browser.
INK_AND_PAPER = """async (png) => {
    const image = new Image();
    image.src = "data:image/png;base64," + png;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0, paper = 0;
    for (let i = 0; i < pixels.length; i += 4) {
        const luminance = 0.2126 * pixels[i] + 0.7152 * pixels[i + 1] + 0.0722 * pixels[i + 2];
        if (luminance < 90) ink += 1; else if (luminance > 170) paper += 1;
    }
    const total = pixels.length / 4;
    return [ink / total, paper / total];
}"""


def open_chapter(page, book_url, chapter_id, *, dark=False):
    # axe and the theme ask for /basic.css (see test_widgets_browser.open_chapter).
    page.route(f"{book_url}/basic.css", lambda route: route.fulfill(status=200, content_type="text/css", body=""))
    if dark:  # what the theme's dark-mode switch stores
        page.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
    page.goto(f"{book_url}/notebooks/{chapter_id}.html")
    expect(page.locator("html")).to_have_attribute("data-theme", "dark" if dark else "light")


def assert_dark_lines_on_light_card(page, figure_image):
    png = base64.b64encode(figure_image.screenshot()).decode()
    ink, paper = page.evaluate(INK_AND_PAPER, png)
    assert paper > 0.5, f"the drawing's card is not light: {paper:.0%} light pixels"
    assert ink > 0.01, f"the drawing's lines do not stand out: {ink:.1%} dark pixels"


def test_exercise_drawings_load_with_alt_text_and_captions(page, book_url, course, axe_check):
    open_chapter(page, book_url, "03-exercises")
    images = page.locator("main figure img")
    expect(images).to_have_count(3)
    for figure, image in zip(course.chapter("03-exercises").figures, images.all()):
        expect(image).to_have_attribute("alt", figure.alt)
        image.scroll_into_view_if_needed()
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        expect(image.locator("xpath=ancestor::figure[1]//figcaption")).to_contain_text(
            figure.caption.split(".")[0])
    axe_check(page, context="main figure")


@pytest.mark.parametrize("chapter_id, count", [("03-exercises", 3), ("05-alternatives", 1)])
def test_drawings_read_in_dark_mode(page, book_url, chapter_id, count):
    open_chapter(page, book_url, chapter_id, dark=True)
    images = page.locator("main figure img")
    expect(images).to_have_count(count)
    for image in images.all():
        image.scroll_into_view_if_needed()
        assert_dark_lines_on_light_card(page, image)


def test_drawings_print_whole_with_their_captions(page, book_url):
    open_chapter(page, book_url, "03-exercises")
    page.emulate_media(media="print")
    main = page.locator("main").bounding_box()
    for figure in page.locator("main figure").all():
        image = figure.locator("img")
        expect(image).to_be_visible()
        expect(figure.locator("figcaption")).to_be_visible()
        box = image.bounding_box()
        assert box["x"] >= main["x"] - 1 and box["x"] + box["width"] <= main["x"] + main["width"] + 1
        assert_dark_lines_on_light_card(page, image)
