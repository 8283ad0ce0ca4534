"""Il sito costruito aperto in un browser vero (Chromium senza finestra).

Ogni pagina di ``_toc.yml`` viene caricata due volte, larga come uno schermo
(1280 pixel) e come un telefono (390 pixel). Falliscono: errori JavaScript o
nella console, risorse o immagini non caricate, formule lasciate in TeX, testi
inglesi nella pagina *dopo* JavaScript, pagine più larghe del telefono, capitoli
senza figure o con un widget non disegnato. Gli screenshot a pagina intera
finiscono in ``_build/screenshots/`` (``<pagina>.png`` e ``<pagina>.telefono.png``),
da guardare dopo ogni modifica al sito.

Serve il pacchetto Debian ``chromium``: se manca, il test lo installa (da root
con apt-get); se non si può, i test del browser sono saltati con il motivo.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser import Chromium, Visit, describe_event, find_chromium, install_chromium
from test_site import (  # noqa: F401 (html_dir è una fixture)
    NOTEBOOK_CHAPTERS,
    PAGES,
    REPO_ROOT,
    check_no_english_ui,
    html_dir,
    report,
)

SCREENSHOTS = REPO_ROOT / "_build" / "screenshots"
DESKTOP, PHONE = 1280, 390


@pytest.fixture(scope="session")
def chromium(tmp_path_factory):
    reason = install_chromium()
    if reason:
        pytest.skip(f"Test nel browser saltati: {reason}.")
    with Chromium(find_chromium(), tmp_path_factory.mktemp("chromium")) as browser:
        yield browser


@pytest.fixture(scope="session")
def visit(chromium, html_dir):
    """``visit(pagina, larghezza)``: una visita per pagina e larghezza, con screenshot."""
    done: dict[tuple[str, int], Visit] = {}

    def load(page: str, width: int) -> Visit:
        if (page, width) not in done:
            result = chromium.visit((html_dir / f"{page}.html").as_uri(), width)
            suffix = ".png" if width == DESKTOP else ".telefono.png"
            target = SCREENSHOTS / f"{page}{suffix}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(result.screenshot)
            done[page, width] = result
        return done[page, width]

    return load


# --------------------------------------------------------------------------
# Le pagine del libro
# --------------------------------------------------------------------------


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("page", PAGES)
def test_no_browser_errors(visit, page, width):
    problems = visit(page, width).errors
    assert not problems, report(page, problems)


@pytest.mark.parametrize("page", PAGES)
def test_images_load(visit, page):
    broken = visit(page, DESKTOP).report["broken_images"]
    assert not broken, report(page, [f"immagine non caricata: {src[:100]}" for src in broken])


@pytest.mark.parametrize("page", PAGES)
def test_math_is_typeset(visit, page):
    raw = visit(page, DESKTOP).report["raw_math"]
    assert not raw, report(page, [f"formula non composta da MathJax: {tex}" for tex in raw])


@pytest.mark.parametrize("page", PAGES)
def test_rendered_page_is_italian(visit, page):
    problems = check_no_english_ui(BeautifulSoup(visit(page, DESKTOP).report["html"], "html.parser"))
    assert not problems, report(page, problems)


@pytest.mark.parametrize("page", PAGES)
def test_fits_phone_width(visit, page):
    measured = visit(page, PHONE).report
    assert measured["page_width"] <= measured["viewport_width"], report(page, [
        f"pagina larga {measured['page_width']} px su uno schermo di "
        f"{measured['viewport_width']} px: si scorre di lato"
    ])


@pytest.mark.parametrize("page", NOTEBOOK_CHAPTERS)
def test_chapter_figures_are_drawn(visit, page):
    measured = visit(page, DESKTOP).report
    problems = []
    if measured["article_images"] == 0:
        problems.append("nessuna figura visibile nella pagina")
    if measured["widgets_with_image"] < measured["widget_views"]:
        problems.append(f"widget disegnati con la loro figura: {measured['widgets_with_image']} "
                        f"su {measured['widget_views']}")
    assert not problems, report(page, problems)


# --------------------------------------------------------------------------
# I controlli sanno fallire
# --------------------------------------------------------------------------


def test_describe_event():
    requests = {"7": "file:///x/manca.png"}
    events = [
        ({"method": "Runtime.exceptionThrown", "params": {"exceptionDetails": {
            "text": "Uncaught", "exception": {"description": "ReferenceError: f is not defined\n at x"}}}},
         "eccezione JavaScript: ReferenceError: f is not defined"),
        ({"method": "Runtime.consoleAPICalled", "params": {"type": "error", "args": [{"value": "guasto"}]}},
         "console.error: guasto"),
        ({"method": "Network.loadingFailed", "params": {"requestId": "7", "errorText": "net::ERR_FILE_NOT_FOUND"}},
         "risorsa non caricata: file:///x/manca.png (net::ERR_FILE_NOT_FOUND)"),
        ({"method": "Network.loadingFailed", "params": {"requestId": "7", "canceled": True}}, None),
        ({"method": "Runtime.consoleAPICalled", "params": {"type": "log", "args": [{"value": "ok"}]}}, None),
        ({"method": "Log.entryAdded", "params": {"entry": {"level": "warning", "text": "w"}}}, None),
    ]
    for event, expected in events:
        assert describe_event(event, requests) == expected


def test_browser_finds_problems(chromium, tmp_path):
    page = tmp_path / "guasta.html"
    page.write_text(
        '<html lang="it"><body><article class="bd-article">'
        '<img src="manca.png"><span class="math">\\(x^2\\)</span>'
        '<div style="width: 2000px">largo</div><button title="Launch on Binder"></button>'
        "<script>nonEsiste();</script></article></body></html>",
        encoding="utf-8",
    )
    result = chromium.visit(page.as_uri(), PHONE)
    assert any("nonEsiste" in e for e in result.errors)
    assert any("manca.png" in e for e in result.errors)
    assert [Path(src).name for src in result.report["broken_images"]] == ["manca.png"]
    assert result.report["raw_math"] == ["\\(x^2\\)"]
    assert result.report["page_width"] > result.report["viewport_width"]
    assert check_no_english_ui(BeautifulSoup(result.report["html"], "html.parser"))
    assert result.screenshot.startswith(b"\x89PNG")
