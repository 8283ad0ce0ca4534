"""Il sito costruito aperto in un browser vero (Chromium senza finestra, Playwright).

Il sito è servito da 127.0.0.1 e ogni richiesta verso altre macchine è
bloccata (deve funzionare offline). Ogni pagina di ``_toc.yml`` viene caricata
come su un portatile (1400×900) e come su un telefono (390×844, al tatto, 2
pixel per pixel CSS); gli screenshot a pagina intera finiscono in
``_build/screenshots/`` (``<pagina>.png`` e ``<pagina>.telefono.png``), da
guardare dopo ogni modifica al sito.

Falliscono, su entrambi gli schermi: errori JavaScript o nella console,
risorse o immagini non caricate (anche le risposte HTTP di errore e le
richieste verso fuori), formule lasciate in TeX, testi inglesi o traduzioni
maldestre nella pagina *dopo* JavaScript, virgolette e apostrofi sbagliati.
Sul portatile: capitoli senza figure o con un controllo dei cursori non disegnato, il
pulsante del tema che non passa da chiaro a scuro, l'indice del libro che non
si chiude. Sul telefono: pagine più larghe dello schermo, il menu dei capitoli
o l'indice della pagina che non si aprono al tocco (o suggerimenti che restano
sopra le icone), formule tagliate senza poterle scorrere, codice o stampe che
scorrono di lato, figure fuori dallo schermo o sfocate su uno schermo 2×.
La pagina di ricerca deve dare estratti puliti.

Serve il pacchetto Debian ``chromium``: se manca, il test lo installa (da root
con apt-get); se non si può, i test del browser sono saltati con il motivo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser import DESKTOP, PHONE, READY_JS, LocalServer, full_page_screenshot, load, open_page
from test_site import (
    NOTEBOOK_CHAPTERS,
    PAGES,
    REPO_ROOT,
    check_no_awkward_italian,
    check_no_english_ui,
    check_typography,
    report,
)

SCREENSHOTS = REPO_ROOT / "_build" / "screenshots"
SCREENS = {"portatile": DESKTOP, "telefono": PHONE}
# Una figura è nitida se l'immagine ha almeno 1.5 pixel per pixel CSS
# (su uno schermo 2× un'immagine a 1× si vede sfocata).
SHARPNESS = 1.5


@dataclass
class Visit:
    """Una pagina caricata su uno schermo: errori, misure, DOM finale."""

    page: str
    screen: str
    errors: list[str] = field(default_factory=list)
    report: dict = field(default_factory=dict)

    @property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.report["html"], "html.parser")


@pytest.fixture(scope="session")
def visit(browser, site_url):
    """``visit(pagina, schermo)``: una visita per pagina e schermo, con screenshot."""
    done: dict[tuple[str, str], Visit] = {}

    def load_once(page: str, screen: str) -> Visit:
        if (page, screen) not in done:
            size = SCREENS[screen]
            tab = open_page(browser, size["width"], size["height"], phone=screen == "telefono")
            try:
                measured = load(tab, f"{site_url}{page}.html")
                suffix = ".png" if screen == "portatile" else ".telefono.png"
                full_page_screenshot(tab, SCREENSHOTS / f"{page}{suffix}")
                done[page, screen] = Visit(page, screen, list(tab.errors), measured)
            finally:
                tab.context.close()
        return done[page, screen]

    return load_once


def opened(tab, url: str):
    """Apre ``url`` nella scheda e aspetta formule e cursori."""
    tab.goto(url, wait_until="load")
    tab.evaluate(READY_JS)
    return tab


# --------------------------------------------------------------------------
# Le pagine del libro, su entrambi gli schermi
# --------------------------------------------------------------------------


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("page", PAGES)
def test_no_browser_errors(visit, page, screen):
    problems = visit(page, screen).errors
    assert not problems, report(page, problems)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("page", PAGES)
def test_rendered_page_is_italian(visit, page, screen):
    soup = visit(page, screen).soup
    problems = check_no_english_ui(soup) + check_no_awkward_italian(soup)
    assert not problems, report(page, problems)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("page", PAGES)
def test_rendered_typography(visit, page, screen):
    problems = check_typography(visit(page, screen).soup)
    assert not problems, report(page, problems)


@pytest.mark.parametrize("page", PAGES)
def test_images_load(visit, page):
    broken = visit(page, "portatile").report["broken_images"]
    assert not broken, report(page, [f"immagine non caricata: {src[:100]}" for src in broken])


@pytest.mark.parametrize("page", PAGES)
def test_math_is_typeset(visit, page):
    raw = visit(page, "portatile").report["raw_math"]
    assert not raw, report(page, [f"formula non composta da MathJax: {tex}" for tex in raw])


@pytest.mark.parametrize("page", NOTEBOOK_CHAPTERS)
def test_chapter_figures_are_drawn(visit, page):
    measured = visit(page, "portatile").report
    problems = []
    if measured["article_images"] == 0:
        problems.append("nessuna figura visibile nella pagina")
    if measured["controls_drawn"] < measured["controls"]:
        problems.append(f"controlli dei cursori con la loro figura: {measured['controls_drawn']} "
                        f"su {measured['controls']}")
    assert not problems, report(page, problems)


# --------------------------------------------------------------------------
# Sul telefono
# --------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_fits_phone_width(visit, page):
    measured = visit(page, "telefono").report
    assert measured["page_width"] <= measured["viewport_width"], report(page, [
        f"pagina larga {measured['page_width']} px su uno schermo di "
        f"{measured['viewport_width']} px: si scorre di lato"
    ])


@pytest.mark.parametrize("page", PAGES)
def test_phone_math_not_clipped(visit, page):
    clipped = visit(page, "telefono").report["clipped_math"]
    assert not clipped, report(page, [
        f"formula tagliata ({m['width']} px in {m['room']} px, non si può scorrere): «{m['text']}»"
        for m in clipped])


@pytest.mark.parametrize("page", PAGES)
def test_phone_code_does_not_scroll(visit, page):
    scrolling = visit(page, "telefono").report["scrolling_code"]
    assert not scrolling, report(page, [
        f"{c['where']} che scorre di lato ({c['width']} px in {c['room']} px): «{c['line']}»"
        for c in scrolling])


@pytest.mark.parametrize("page", NOTEBOOK_CHAPTERS)
def test_phone_figures_fit_and_are_sharp(visit, page):
    """Ogni figura tutta dentro lo schermo e nitida su uno schermo 2× (la versione stretta di lib.display)."""
    measured = visit(page, "telefono").report
    problems = []
    for number, figure in enumerate(measured["figures"], start=1):
        name = Path(figure["src"]).name[:16]
        if figure["visible"] < figure["width"] - 1:
            problems.append(f"figura n. {number} ({name}…): se ne vedono {figure['visible']} px "
                            f"su {figure['width']}, il resto scorre o esce dallo schermo")
        if figure["natural"] < SHARPNESS * figure["css"]:
            problems.append(f"figura n. {number} ({name}…): {figure['natural']} pixel per "
                            f"{figure['css']} px CSS, sfocata su uno schermo "
                            f"{measured['device_pixel_ratio']:g}×")
    assert not problems, report(page, problems)


@pytest.mark.parametrize("name", PAGES)
def test_phone_menus_open(page, site_url, name):
    """Al tocco si aprono il menu dei capitoli e (se la pagina ha sezioni) l'indice della pagina."""
    tab = opened(page(PHONE["width"], PHONE["height"], phone=True), f"{site_url}{name}.html")
    problems = []
    menus = [(".primary-toggle", "#pst-primary-sidebar-modal", "menu dei capitoli")]
    if tab.locator("#pst-page-toc-nav a").count():
        menus.append((".secondary-toggle", "#pst-secondary-sidebar-modal", "indice della pagina"))
    elif name in NOTEBOOK_CHAPTERS:
        problems.append("il capitolo non ha l'indice della pagina (#pst-page-toc-nav)")
    for toggle, dialog, what in menus:
        button = tab.locator(toggle).filter(visible=True)
        if button.count() != 1:
            problems.append(f"{what}: {button.count()} pulsanti visibili invece di 1")
            continue
        button.tap()
        links = tab.locator(f"{dialog}[open] a[href]").filter(visible=True)
        try:
            links.first.wait_for(state="visible", timeout=3000)
        except Exception:  # noqa: BLE001 (il motivo è nel messaggio del test)
            problems.append(f"{what}: il tocco non apre il menu ({dialog} chiuso o senza collegamenti)")
            continue
        # il suggerimento compare dopo 500 ms: si aspetta oltre
        tab.wait_for_timeout(800)
        if tab.locator(".tooltip").filter(visible=True).count():
            problems.append(f"{what}: dopo il tocco resta un suggerimento sopra le icone")
        tab.keyboard.press("Escape")
        tab.locator(f"{dialog}[open]").wait_for(state="detached", timeout=3000)
    problems += tab.errors
    assert not problems, report(name, problems)


# --------------------------------------------------------------------------
# Sul portatile e nella ricerca
# --------------------------------------------------------------------------


def test_theme_button_cycles_light_dark(page, site_url):
    """Ogni clic sul pulsante del tema cambia ciò che si vede: chiaro → scuro → chiaro."""
    tab = opened(page(DESKTOP["width"], DESKTOP["height"]), f"{site_url}{PAGES[0]}.html")
    themes = [tab.evaluate("document.documentElement.dataset.theme")]
    for _ in range(2):
        tab.locator(".theme-switch-button").filter(visible=True).first.click()
        themes.append(tab.evaluate("document.documentElement.dataset.theme"))
    assert themes == ["light", "dark", "light"], f"temi dopo ogni clic: {themes}"
    assert not tab.errors, report(PAGES[0], tab.errors)


def test_desktop_sidebar_toggles(page, site_url):
    """Sul portatile il pulsante dell'indice del libro lo nasconde e lo rimostra."""
    tab = opened(page(DESKTOP["width"], DESKTOP["height"]), f"{site_url}{NOTEBOOK_CHAPTERS[0]}.html")
    sidebar = tab.locator("#pst-primary-sidebar")
    button = tab.locator(".primary-toggle").filter(visible=True)
    assert button.count() == 1, f"{button.count()} pulsanti dell'indice visibili"
    states = []
    for _ in range(2):
        button.click()
        states.append("pst-sidebar-hidden" in (sidebar.get_attribute("class") or ""))
    assert states == [True, False], f"indice nascosto dopo ogni clic: {states}"


@pytest.mark.parametrize("query", ["momentum", "learning rate"])
def test_search_snippets_are_clean(page, site_url, query):
    """Risultati della ricerca con estratti di prosa: niente TeX, codice, menu, pulsanti."""
    tab = page(DESKTOP["width"], DESKTOP["height"])
    tab.goto(f"{site_url}search.html?q={query.replace(' ', '+')}", wait_until="load")
    tab.locator("#search-results p.search-summary").wait_for(timeout=15000)
    tab.wait_for_function(
        "() => [...document.querySelectorAll('#search-results li')].every(li => li.querySelector('p.context'))"
        " || document.querySelectorAll('#search-results li').length === 0", timeout=15000)
    # la lente del campo di ricerca non copre il testo scritto
    lens = tab.locator("form.bd-search i.fa-magnifying-glass").filter(visible=True).first.bounding_box()
    field = tab.locator("form.bd-search input").filter(visible=True).first.bounding_box()
    assert lens["x"] + lens["width"] <= field["x"] + 1, "la lente copre il testo del campo di ricerca"
    snippets = tab.locator("#search-results li p.context").all_inner_texts()
    assert len(snippets) >= 3, f"ricerca di «{query}»: {len(snippets)} risultati con estratto"
    noise = ("\\(", "\\beta", "In questa pagina", ".ipynb", ".pdf", "import ", "pip install",
             "Mostra il codice", "Torna all")
    problems = [f"estratto con «{word}»: «{text[:120]}»"
                for text in snippets for word in noise if word in text]
    assert not problems + tab.errors, report(f"search?q={query}", problems + tab.errors)


# --------------------------------------------------------------------------
# I controlli sanno fallire
# --------------------------------------------------------------------------


BROKEN_PAGE = (
    '<html lang="it"><head><meta charset="utf-8">'
    '<link rel="stylesheet" href="https://cdn.example.org/a.css"></head>'
    '<body><article class="bd-article">'
    '<img src="manca.png"><span class="math">\\(x^2\\)</span>'
    '<div style="width: 2000px">largo</div><button title="Launch on Binder"></button>'
    '<p>Un po” di testo</p>'
    '<div class="cell_output"><pre style="width: 200px; overflow: auto">'
    "una riga molto più lunga del suo riquadro, che scorre di lato e nasconde la fine</pre></div>"
    '<span style="display: inline-block; width: 100px; overflow: hidden"><mjx-container '
    'style="display: inline-block; width: 300px">x</mjx-container></span>'
    "<script>nonEsiste();</script></article></body></html>"
)


def test_browser_finds_problems(page, tmp_path):
    (tmp_path / "guasta.html").write_text(BROKEN_PAGE, encoding="utf-8")
    with LocalServer(tmp_path) as server:
        tab = page(PHONE["width"], PHONE["height"], phone=True)
        measured = load(tab, f"{server.url}guasta.html")
    assert any("nonEsiste" in e for e in tab.errors)
    assert any("manca.png" in e and "404" in e for e in tab.errors)
    assert any("bloccata" in e and "cdn.example.org" in e for e in tab.errors)
    assert [Path(src).name for src in measured["broken_images"]] == ["manca.png"]
    assert measured["raw_math"] == ["\\(x^2\\)"]
    assert measured["page_width"] > measured["viewport_width"]
    assert [c["where"] for c in measured["scrolling_code"]] == ["stampa"]
    assert [m["text"] for m in measured["clipped_math"]] == ["x"]
    soup = BeautifulSoup(measured["html"], "html.parser")
    assert check_no_english_ui(soup)
    assert check_typography(soup)
    assert measured["device_pixel_ratio"] == 2


def test_solution_title_opens_solution(page, site_url):
    """Un clic sul titolo di una soluzione la apre (non porta all'esercizio); un altro la chiude."""
    tab = opened(page(PHONE["width"], PHONE["height"], phone=True),
                 f"{site_url}{NOTEBOOK_CHAPTERS[0]}.html")
    solution = tab.locator("div.solution").first
    content = solution.locator("section").first
    assert not content.is_visible(), "la soluzione è aperta prima del clic"
    title = solution.locator(".admonition-title")
    title.scroll_into_view_if_needed()
    url = tab.url
    title.tap()
    content.wait_for(state="visible", timeout=3000)
    assert tab.url == url, f"il clic sul titolo ha portato a {tab.url}"
    assert solution.locator("p.sito-torna-esercizio a").is_visible()
    title.tap()
    content.wait_for(state="hidden", timeout=3000)
    assert not tab.errors, report(NOTEBOOK_CHAPTERS[0], tab.errors)
