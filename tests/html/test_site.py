"""Controlli sul sito costruito in ``_build/html``.

Si eseguono dopo la costruzione rigorosa (``make test``, fase 4). Nessun test
viene saltato: se ``_build/html`` manca, ogni test fallisce chiedendo di
costruire prima il libro.

Ogni controllo è una piccola funzione che riceve la pagina analizzata con
BeautifulSoup e restituisce l'elenco dei problemi (vuoto se la pagina è in
regola); i test parametrizzati per pagina li applicano alle pagine di
``_toc.yml``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString

REPO_ROOT = Path(__file__).resolve().parents[2]
HTML_DIR = REPO_ROOT / "_build" / "html"
TOC_FILE = REPO_ROOT / "_toc.yml"

# Testo che non deve comparire negli output delle celle.
FORBIDDEN_OUTPUT_STRINGS = (
    # errori e avvisi
    "Traceback",
    "RuntimeWarning",
    "Warning:",
    # rappresentazioni testuali finite sulla pagina al posto di figure e widget
    "<function ",
    "interactive(children=",
    "<Figure size ",
    "VBox(children=",
    "Output()",
)

# Testi dell'interfaccia che devono essere tradotti in italiano.
ENGLISH_UI_STRINGS = (
    "Search this book",
    "Solution",
    "Show code",
    "Hide code",
    "Click to show",
    "Contents",
    "Launch",
    "Toggle",
    "Color mode",
    "System Settings",
    "Link to this",
    "Binder logo",
    "Colab logo",
    "Search finished",
)
# Etichette inglesi troppo corte per cercarle dentro i testi: solo valori esatti
# degli attributi.
ENGLISH_UI_LABELS = ("Main", "Page")
# Attributi che l'utente vede (suggerimenti, segnaposto, testo alternativo).
UI_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-bs-title")

# Traduzioni italiane maldestre dei temi e delle estensioni.
AWKWARD_ITALIAN = ("Copiare", "Copiato negli appunti", "Lanciare")

# Script che solo la pagina di ricerca carica (le altre rimandano a search.html)
# e FontAwesome in JavaScript, doppione del CSS del tema.
SEARCH_ONLY_SCRIPTS = ("searchtools.js", "language_data.js", "searchindex.js")
UNWANTED_SCRIPTS = ("fontawesome.js",)

# Elementi il cui testo non è prosa: codice, stampe, formule.
NOT_PROSE = ("script", "style", "template", "pre", "code", "kbd", "samp", "mjx-container")
NOT_PROSE_CLASSES = ("math", "cell_output")
# Blocchi di testo: le virgolette si aprono e si chiudono dentro uno di questi.
TEXT_BLOCKS = ("p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th",
               "figcaption", "caption", "div", "section", "article", "body")

BINDER_PREFIX = "https://mybinder.org/v2/gh/"
COLAB_PREFIX = "https://colab.research.google.com/github/"


# --------------------------------------------------------------------------
# Pagine del libro secondo _toc.yml
# --------------------------------------------------------------------------


def _strip_suffix(name: str) -> str:
    for suffix in (".ipynb", ".md", ".rst"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _collect_files(node) -> list[str]:
    """Tutti i valori ``file:`` di un ramo dell'indice, in ordine, ricorsivamente."""
    found = []
    if isinstance(node, dict):
        if "file" in node:
            found.append(_strip_suffix(str(node["file"])))
        for key in ("parts", "chapters", "sections", "subtrees", "entries"):
            found.extend(_collect_files(node.get(key)))
    elif isinstance(node, list):
        for item in node:
            found.extend(_collect_files(item))
    return found


def toc_pages(toc: dict) -> list[str]:
    """Radice e tutti i capitoli (e sezioni) dell'indice, senza estensione."""
    return [_strip_suffix(str(toc["root"]))] + _collect_files(toc)


def chapter_pages(toc: dict) -> list[str]:
    """Le pagine dell'indice tranne la radice.

    Figure e pulsanti di avvio si richiedono solo ai capitoli che sono
    notebook (``NOTEBOOK_CHAPTERS``): una pagina di solo testo, come la
    bibliografia, non ne ha.
    """
    return toc_pages(toc)[1:]


def source_file(page: str) -> Path:
    """File sorgente di una pagina (``.ipynb`` o ``.md``)."""
    for suffix in (".ipynb", ".md", ".rst"):
        candidate = REPO_ROOT / f"{page}{suffix}"
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"nessun sorgente per la pagina {page!r} di _toc.yml")


TOC = yaml.safe_load(TOC_FILE.read_text(encoding="utf-8"))
PAGES = toc_pages(TOC)
CHAPTERS = chapter_pages(TOC)
NOTEBOOK_CHAPTERS = [p for p in CHAPTERS if source_file(p).suffix == ".ipynb"]


# --------------------------------------------------------------------------
# Accesso all'HTML
# --------------------------------------------------------------------------


def html_path(page: str) -> Path:
    return HTML_DIR / f"{page}.html"


@lru_cache(maxsize=None)
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def load_page(html_dir: Path, page: str) -> BeautifulSoup:
    path = html_dir / f"{page}.html"
    if not path.is_file():
        pytest.fail(f"La pagina {page!r} di _toc.yml non è stata costruita ({path} manca).")
    return _parse(path)


def visible_strings(tag, skip: tuple[str, ...] = ()) -> list[str]:
    """Testo visibile di un elemento: esclusi script, stili, commenti e gli elementi ``skip``."""
    hidden = ("script", "style", "template", *skip)
    return [
        str(s)
        for s in tag.find_all(string=True)
        if isinstance(s, NavigableString)
        and not isinstance(s, Comment)
        and not any(parent.name in hidden for parent in s.parents)
    ]


# --------------------------------------------------------------------------
# I controlli
# --------------------------------------------------------------------------


def check_lang(soup: BeautifulSoup) -> list[str]:
    """L'elemento <html> dichiara la lingua italiana."""
    lang = soup.html.get("lang") if soup.html else None
    return [] if lang == "it" else [f'<html lang="{lang}"> invece di lang="it"']


def output_areas(soup: BeautifulSoup) -> list:
    """Le aree di output delle celle di codice (myst-nb)."""
    return soup.select("div.cell_output")


def check_outputs_clean(soup: BeautifulSoup) -> list[str]:
    """Nessun errore, avviso o rappresentazione testuale negli output delle celle."""
    problems = []
    for number, area in enumerate(output_areas(soup), start=1):
        text = "".join(visible_strings(area))
        for forbidden in FORBIDDEN_OUTPUT_STRINGS:
            if forbidden in text:
                start = max(text.find(forbidden) - 40, 0)
                excerpt = " ".join(text[start : start + 120].split())
                problems.append(f"output n. {number} contiene {forbidden!r}: «{excerpt}»")
    return problems


def check_has_image(soup: BeautifulSoup) -> list[str]:
    """Almeno un'immagine nel corpo della pagina (le figure sono state generate)."""
    article = soup.select_one("article.bd-article") or soup.body
    if article is not None and article.find("img") is not None:
        return []
    return ["nessuna <img> nel corpo della pagina: le figure non sono state generate"]


def _described(img) -> bool:
    """Un testo alternativo per ``img``: il suo ``alt``, o quello del gruppo ``role="img"`` che la contiene.

    Gli strati di un controllo dei cursori hanno ``alt=""``: la figura intera
    (``.cursori-figura``, ``role="img"``) li descrive insieme con ``aria-label``.
    """
    group = img.find_parent(attrs={"role": "img"})
    return bool((img.get("alt") or "").strip() or (group and (group.get("aria-label") or "").strip()))


def check_images_have_alt(soup: BeautifulSoup) -> list[str]:
    """Ogni immagine del testo ha un testo alternativo (descrive la figura a chi non la vede)."""
    article = soup.select_one("article.bd-article") or soup.body
    images = article.find_all("img") if article is not None else []
    return [f"immagine n. {number} senza testo alternativo ({str(img.get('src'))[:60]})"
            for number, img in enumerate(images, start=1) if not _described(img)]


def check_launch_links(soup: BeautifulSoup, page: str) -> list[str]:
    """Collegamenti Binder e Colab che aprono proprio questo notebook."""
    hrefs = [a.get("href", "") for a in soup.find_all("a")]
    problems = []
    for name, prefix in (("Binder", BINDER_PREFIX), ("Colab", COLAB_PREFIX)):
        if not any(h.startswith(prefix) and h.endswith(f"/{page}.ipynb") for h in hrefs):
            problems.append(f"manca il pulsante di avvio {name} ({prefix}…/{page}.ipynb)")
    return problems


def check_no_english_ui(soup: BeautifulSoup) -> list[str]:
    """Nessuno dei testi inglesi noti dell'interfaccia (testo, attributi, script)."""
    # il codice (pre, code) può contenere identificatori inglesi legittimi
    places = {"testo": visible_strings(soup, skip=("pre", "code"))}
    places["attributi"] = [
        str(tag.get(attr))
        for tag in soup.find_all(True)
        for attr in UI_ATTRIBUTES
        if tag.get(attr)
    ]
    places["script"] = [s.string or "" for s in soup.find_all("script")]
    problems = []
    for english in ENGLISH_UI_STRINGS:
        for where, strings in places.items():
            if any(english in s for s in strings):
                problems.append(f"testo inglese {english!r} ({where})")
    problems += [f"etichetta inglese {label!r} (attributi)"
                 for label in ENGLISH_UI_LABELS if label in places["attributi"]]
    return problems


def check_no_remote_assets(soup: BeautifulSoup) -> list[str]:
    """Script e fogli di stile serviti dal sito stesso, non da una CDN (il sito va anche offline)."""
    addresses = [tag.get("src") for tag in soup.find_all("script", src=True)]
    addresses += [tag.get("href") for tag in soup.find_all("link", rel="stylesheet")]
    return [f"risorsa esterna: {url}" for url in addresses
            if url and url.startswith(("http://", "https://", "//"))]


def _section_title(node) -> str:
    section = node.find_parent("section")
    title = section.find(["h1", "h2", "h3", "h4"]) if section else None
    return " ".join(title.get_text(" ").split()).rstrip("#").strip() if title else "?"


def check_controls_have_static_figure(soup: BeautifulSoup) -> list[str]:
    """Ogni controllo dei cursori ha nella sua sezione una figura fissa, fuori dal controllo (per la stampa)."""
    problems = []
    for number, control in enumerate(soup.select("div.cursori-figura"), start=1):
        section = control.find_parent("section")
        figures = [img for img in section.find_all("img") if not img.find_parent(class_="cursori")] if section else []
        if not figures:
            problems.append(f"controllo n. {number} (sezione «{_section_title(control)}») senza figura fissa")
    return problems


WIDGET_MIMES = ("application/vnd.jupyter.widget-state+json", "application/vnd.jupyter.widget-view+json")


def check_no_widget_manager(soup: BeautifulSoup) -> list[str]:
    """Nessun widget di ipywidgets sulla pagina statica: né stato salvato, né viste, né il loro JavaScript."""
    problems = [f"script {mime}" for mime in WIDGET_MIMES if soup.find("script", type=mime)]
    problems += [f"script {tag['src']}" for tag in soup.find_all("script", src=True)
                 if any(name in tag["src"] for name in ("embed-amd", "require.js", "html-manager"))]
    return problems


def prose_blocks(soup: BeautifulSoup) -> list[str]:
    """Il testo di prosa dell'articolo, un elemento della lista per blocco.

    Niente codice, stampe delle celle, formule; il testo di un blocco che
    contiene altri blocchi (un ``li`` con un ``p``) va al blocco più interno.
    """
    article = soup.select_one("article.bd-article") or soup.body or soup
    blocks: dict[int, list[str]] = {}
    for string in article.find_all(string=True):
        if isinstance(string, Comment):
            continue
        parents = list(string.parents)
        if any(p.name in NOT_PROSE or set(p.get("class") or ()) & set(NOT_PROSE_CLASSES)
               for p in parents):
            continue
        block = next((p for p in parents if p.name in TEXT_BLOCKS), article)
        blocks.setdefault(id(block), []).append(str(string))
    return ["".join(parts) for parts in blocks.values()]


def check_typography(soup: BeautifulSoup) -> list[str]:
    """Virgolette e apostrofi tipografici nella prosa.

    - Una lettera seguita da ``”`` senza una ``“`` aperta prima nello stesso
      blocco è un apostrofo diventato virgoletta («un po”», «nell”arena»).
    - Un ``'`` o un ``"`` diritto è sfuggito alla correzione tipografica.
    """
    problems = []
    for text in prose_blocks(soup):
        depth = 0
        for position, char in enumerate(text):
            excerpt = " ".join(text[max(position - 25, 0): position + 25].split())
            if char == "“":
                depth += 1
            elif char == "”":
                if depth == 0 and position > 0 and text[position - 1].isalpha():
                    problems.append(f"apostrofo diventato virgoletta ”: «{excerpt}»")
                depth = max(depth - 1, 0)
            elif char in "'\"":
                problems.append(f"virgoletta diritta {char}: «{excerpt}»")
    return problems


def check_unique_ids(soup: BeautifulSoup) -> list[str]:
    """Ogni ``id`` una volta sola (un collegamento a un id ripetuto va al primo)."""
    counts = Counter(tag["id"] for tag in soup.find_all(id=True))
    return [f'id="{name}" ripetuto {count} volte' for name, count in counts.items() if count > 1]


def check_solutions(soup: BeautifulSoup) -> list[str]:
    """Soluzioni: «Soluzione dell’esercizio N», titolo senza collegamenti, rimando in fondo.

    Un collegamento nel titolo porterebbe all'esercizio invece di aprire la soluzione.
    """
    problems = []
    for number, solution in enumerate(soup.select("div.solution"), start=1):
        title = solution.select_one(".admonition-title")
        text = " ".join(title.get_text(" ").split()) if title else ""
        if not text.startswith("Soluzione dell’esercizio "):
            problems.append(f"soluzione n. {number}: titolo «{text}»")
        if title is not None and title.find("a") is not None:
            problems.append(f"soluzione n. {number}: il titolo è un collegamento (il clic "
                            "non aprirebbe la soluzione)")
        if solution.select_one("p.sito-torna-esercizio a[href]") is None:
            problems.append(f"soluzione n. {number}: manca il rimando all'esercizio")
    return problems


def check_scripts(soup: BeautifulSoup) -> list[str]:
    """Niente FontAwesome in JavaScript; l'indice di ricerca solo nella pagina di ricerca."""
    sources = [tag.get("src", "") for tag in soup.find_all("script", src=True)]
    is_search = soup.select_one("#search-results") is not None
    unwanted = UNWANTED_SCRIPTS + (() if is_search else SEARCH_ONLY_SCRIPTS)
    return [f"script non necessario: {src}" for src in sources
            if src.split("?")[0].rsplit("/", 1)[-1] in unwanted]


def check_no_awkward_italian(soup: BeautifulSoup) -> list[str]:
    """Nessuna delle traduzioni maldestre note (testo, attributi, script)."""
    places = {"testo": visible_strings(soup, skip=("pre", "code"))}
    places["attributi"] = [str(tag.get(attr)) for tag in soup.find_all(True)
                           for attr in (*UI_ATTRIBUTES, "data-tooltip") if tag.get(attr)]
    return [f"traduzione maldestra {word!r} ({where})"
            for word in AWKWARD_ITALIAN for where, strings in places.items()
            if any(word in s for s in strings)]


# --------------------------------------------------------------------------
# Test
# --------------------------------------------------------------------------


def test_toc_lists_pages():
    assert len(PAGES) >= 2, f"_toc.yml elenca troppo poche pagine: {PAGES}"
    assert NOTEBOOK_CHAPTERS, "nessun capitolo in forma di notebook (.ipynb) in _toc.yml"


@pytest.mark.parametrize("page", PAGES)
def test_page_exists(html_dir, page):
    assert (html_dir / f"{page}.html").is_file(), (
        f"la pagina {page!r} di _toc.yml non è stata costruita"
    )


def report(page: str, problems: list[str]) -> str:
    """Messaggio di un test fallito: la pagina e l'elenco dei problemi."""
    return f"{page}:\n  - " + "\n  - ".join(problems)


# Controlli che ricevono solo la pagina analizzata, e le pagine a cui si applicano.
PAGE_CHECKS = (
    (check_lang, PAGES),
    (check_outputs_clean, PAGES),
    (check_no_english_ui, PAGES),
    (check_no_remote_assets, PAGES),
    (check_images_have_alt, PAGES),
    (check_typography, PAGES),
    (check_unique_ids, PAGES),
    (check_solutions, PAGES),
    (check_scripts, PAGES + ["search"]),
    (check_has_image, NOTEBOOK_CHAPTERS),
    (check_controls_have_static_figure, NOTEBOOK_CHAPTERS),
    (check_no_widget_manager, PAGES),
)


@pytest.mark.parametrize("check, page", [
    pytest.param(check, page, id=f"{check.__name__}-{page}")
    for check, pages in PAGE_CHECKS
    for page in pages
])
def test_page(html_dir, check, page):
    problems = check(load_page(html_dir, page))
    assert not problems, report(page, problems)


@pytest.mark.parametrize("page", NOTEBOOK_CHAPTERS)
def test_chapter_has_launch_buttons(html_dir, page):
    problems = check_launch_links(load_page(html_dir, page), page)
    assert not problems, report(page, problems)


@pytest.mark.parametrize("page", PAGES + ["search"])
def test_page_has_favicon(html_dir, page):
    """Ogni pagina indica l'icona del sito, e il file esiste (niente /favicon.ico: 404)."""
    icon = load_page(html_dir, page).select_one('link[rel~="icon"][href]')
    assert icon is not None, report(page, ["manca <link rel=\"icon\">"])
    target = (html_dir / page).parent / icon["href"].split("?")[0]
    assert target.is_file(), report(page, [f"icona {icon['href']} mancante"])


def test_no_empty_general_index(html_dir):
    """Niente genindex.html vuoto (il libro non ha voci d'indice) né collegamenti a esso."""
    assert not (html_dir / "genindex.html").exists(), "genindex.html esiste (è vuoto)"
    linked = [page for page in PAGES + ["search"]
              if load_page(html_dir, page).select('[href$="genindex.html"]')]
    assert not linked, f"pagine con un collegamento a genindex.html: {linked}"


def test_index_redirects_with_title(html_dir):
    """index.html: titolo, lingua, rinvio e collegamento alla prima pagina, icona."""
    soup = _parse(html_dir / "index.html")
    root = f"{PAGES[0]}.html"
    problems = check_lang(soup)
    if not (soup.title and soup.title.get_text(strip=True)):
        problems.append("index.html senza <title>")
    refresh = soup.find("meta", attrs={"http-equiv": re.compile("refresh", re.I)})
    if refresh is None or not refresh.get("content", "").endswith(f"url={root}"):
        problems.append(f"index.html non rimanda a {root}")
    if soup.find("a", href=root) is None:
        problems.append(f"index.html senza un collegamento a {root}")
    if soup.select_one('link[rel~="icon"]') is None:
        problems.append("index.html senza icona")
    assert not problems, report("index", problems)


def hidden_cell_sources(notebook: Path) -> list[str]:
    """Il codice delle celle che il lettore non deve vedere (tag remove-cell, remove-input)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return ["".join(cell["source"]) for cell in cells
            if cell["cell_type"] == "code"
            and {"remove-cell", "remove-input"} & set(cell.get("metadata", {}).get("tags", []))
            and "".join(cell["source"]).strip()]


@pytest.mark.parametrize("page", NOTEBOOK_CHAPTERS)
def test_hidden_cells_are_not_published(html_dir, page):
    """Le celle nascoste non sono nella pagina (e quindi nemmeno nell'indice di ricerca)."""
    text = " ".join(load_page(html_dir, page).get_text(" ").split())
    shown = [" ".join(source.split())[:70] for source in hidden_cell_sources(source_file(page))
             if " ".join(source.split()) in text]
    assert not shown, report(page, [f"cella nascosta pubblicata: «{s}…»" for s in shown])


def test_bibliography_is_italian(html_dir):
    """Le parole che lo stile della bibliografia compone sono italiane."""
    entries = load_page(html_dir, "chapters/bibliografia").select(".citation")
    assert entries, "la bibliografia non ha voci"
    text = " ".join(" ".join(entry.get_text(" ").split()) for entry in entries)
    # «. In …» è l'«In» inglese prima del nome di un convegno o di un volume
    english = [word for word in (r", and ", r"URL:", r" editors?\b", r"visited on",
                                 r"Technical Report", r"PhD thesis", r"Master's thesis",
                                 r"\. In (?!rete:)") if re.search(word, text)]
    assert not english, f"bibliografia con parole inglesi: {english}"


# --------------------------------------------------------------------------
# Ogni controllo sa fallire: pagine minime in memoria
# --------------------------------------------------------------------------


def soup_of(body: str, lang: str = "it", head: str = "") -> BeautifulSoup:
    return BeautifulSoup(
        f'<html lang="{lang}"><head>{head}</head><body>'
        f'<article class="bd-article">{body}</article></body></html>',
        "html.parser",
    )


def test_toc_parsing_is_recursive():
    toc = {
        "format": "jb-book",
        "root": "intro",
        "parts": [
            {"caption": "A", "chapters": [
                {"file": "cap1.ipynb", "sections": [{"file": "cap1/sez"}]},
            ]},
            {"caption": "B", "chapters": [{"file": "cap2"}, {"url": "https://x.org"}]},
        ],
    }
    assert toc_pages(toc) == ["intro", "cap1", "cap1/sez", "cap2"]
    assert chapter_pages(toc) == ["cap1", "cap1/sez", "cap2"]


def test_check_lang():
    assert check_lang(soup_of("")) == []
    assert check_lang(soup_of("", lang="en")) == ['<html lang="en"> invece di lang="it"']


@pytest.mark.parametrize("forbidden", FORBIDDEN_OUTPUT_STRINGS)
def test_check_outputs_clean_finds(forbidden):
    escaped = forbidden.replace("<", "&lt;")
    page = soup_of(f'<div class="cell_output"><pre>x {escaped} y</pre></div>')
    assert len(check_outputs_clean(page)) == 1


def test_check_outputs_clean_ignores_code_and_prose():
    page = soup_of(
        '<div class="cell_input"><pre>out = widgets.Output()</pre></div>'
        "<p>Un Traceback nel testo non è un output.</p>"
        '<div class="cell_output"><pre>10.5</pre></div>'
    )
    assert check_outputs_clean(page) == []


def test_check_has_image():
    assert check_has_image(soup_of('<img src="a.png">')) == []
    assert len(check_has_image(soup_of("<p>niente figure</p>"))) == 1


def test_check_images_have_alt():
    assert check_images_have_alt(soup_of('<img src="a.png" alt="Due curve di costo">')) == []
    assert check_images_have_alt(soup_of('<img src="a.png"><img src="b.png" alt=" ">')) == [
        "immagine n. 1 senza testo alternativo (a.png)",
        "immagine n. 2 senza testo alternativo (b.png)",
    ]
    layers = '<img src="s.webp" alt=""><img src="l.webp" alt="">'
    assert check_images_have_alt(soup_of(f'<div role="img" aria-label="Il cammino di GD">{layers}</div>')) == []
    assert len(check_images_have_alt(soup_of(f'<div role="img" aria-label=" ">{layers}</div>'))) == 2


def test_check_launch_links():
    page = "chapters/cap"
    good = soup_of(
        f'<a href="{BINDER_PREFIX}org/repo/main?urlpath=lab/tree/{page}.ipynb">B</a>'
        f'<a href="{COLAB_PREFIX}org/repo/blob/main/{page}.ipynb">C</a>'
    )
    assert check_launch_links(good, page) == []
    only_binder = soup_of(
        f'<a href="{BINDER_PREFIX}org/repo/main?urlpath=lab/tree/{page}.ipynb">B</a>'
    )
    assert check_launch_links(only_binder, page) == [
        f"manca il pulsante di avvio Colab ({COLAB_PREFIX}…/{page}.ipynb)"
    ]
    assert len(check_launch_links(soup_of(""), page)) == 2


@pytest.mark.parametrize(
    "body",
    [
        "<p>Contents</p>",
        '<input placeholder="Search this book...">',
        '<button title="Show code"></button>',
        "<script>let toggleHintShow = 'Click to show';</script>",
        '<div class="solution"><p class="admonition-title">Solution</p></div>',
        '<a title="Launch on Binder">Binder</a>',
        '<button title="Toggle primary sidebar"></button>',
        '<a title="Link to this heading">#</a>',
        '<img alt="Colab logo" src="c.png">',
        '<nav aria-label="Main"></nav>',
        '<nav aria-label="Page"></nav>',
    ],
)
def test_check_no_english_ui_finds(body):
    assert len(check_no_english_ui(soup_of(body))) == 1


def test_check_no_english_ui_ignores_code():
    page = soup_of("<pre>Solution = 1</pre><p>Soluzione</p>")
    assert check_no_english_ui(page) == []


def test_check_no_english_ui_labels_are_exact():
    page = soup_of('<nav aria-label="Main menu"></nav><p>Page</p>')
    assert check_no_english_ui(page) == []


def test_check_no_remote_assets():
    local = '<script src="../_static/mathjax/tex-mml-chtml.js"></script><script>let a;</script>'
    assert check_no_remote_assets(soup_of("", head=local)) == []
    remote = ('<script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"></script>'
              '<link rel="stylesheet" href="//example.org/a.css">')
    assert len(check_no_remote_assets(soup_of("", head=remote))) == 2


def test_check_controls_have_static_figure():
    control = '<div class="cursori"><div class="cursori-figura"><img src="f.webp"></div></div>'
    good = soup_of(f'<section><h2>A</h2><img src="a.png">{control}</section>')
    assert check_controls_have_static_figure(good) == []
    bad = soup_of(f'<section><h2>A</h2><img src="a.png"></section><section><h2>B</h2>{control}</section>')
    assert check_controls_have_static_figure(bad) == ["controllo n. 1 (sezione «B») senza figura fissa"]


def test_check_no_widget_manager():
    assert check_no_widget_manager(soup_of("<p>testo</p>")) == []
    heavy = soup_of('<script type="application/vnd.jupyter.widget-state+json">{}</script>',
                    head='<script src="../_static/widgets/embed-amd.js"></script>')
    assert check_no_widget_manager(heavy) == ["script application/vnd.jupyter.widget-state+json",
                                              "script ../_static/widgets/embed-amd.js"]


def test_check_typography():
    good = soup_of("<p>Un po’ di «virgolette» e un “inciso”, l’arena.</p>"
                   "<pre>print('codice')</pre><span class=\"math\">\\(x'\\)</span>"
                   "<div class=\"cell_output\"><pre>'a'</pre></div>")
    assert check_typography(good) == []
    bad = soup_of("<p>Un po” e nell”arena</p><p>It's \"straight\"</p>")
    problems = check_typography(bad)
    assert len(problems) == 5
    assert problems[0].startswith("apostrofo diventato virgoletta")
    assert problems[2].startswith("virgoletta diritta '")


def test_check_unique_ids():
    assert check_unique_ids(soup_of('<p id="a"></p><p id="b"></p>')) == []
    assert check_unique_ids(soup_of('<p id="a"></p><p id="a"></p>')) == ['id="a" ripetuto 2 volte']


def test_check_solutions():
    good = soup_of('<div class="solution"><p class="admonition-title">Soluzione dell’esercizio 1 '
                   '(Il passo)</p><section><p>…</p></section>'
                   '<p class="sito-torna-esercizio"><a href="#es">Torna all’esercizio 1</a></p></div>')
    assert check_solutions(good) == []
    bad = soup_of('<div class="solution"><p class="admonition-title">Soluzione a'
                  '<a href="#es"> Esercizio 1</a></p><section></section></div>')
    assert len(check_solutions(bad)) == 3


def test_check_scripts():
    page = soup_of("", head='<script src="../_static/scripts/fontawesome.js?digest=1"></script>'
                            '<script src="../searchindex.js"></script><script src="../_static/sito.js">'
                            "</script>")
    assert check_scripts(page) == ["script non necessario: ../_static/scripts/fontawesome.js?digest=1",
                                   "script non necessario: ../searchindex.js"]
    search = soup_of('<div id="search-results"></div>', head='<script src="searchindex.js"></script>')
    assert check_scripts(search) == []


def test_check_no_awkward_italian():
    assert check_no_awkward_italian(soup_of('<button class="copybtn" data-tooltip="Copia"></button>')) == []
    assert len(check_no_awkward_italian(soup_of('<button data-tooltip="Copiare"></button>'))) == 1


def test_hidden_cell_sources(tmp_path):
    notebook = tmp_path / "n.ipynb"
    notebook.write_text(json.dumps({"cells": [
        {"cell_type": "code", "metadata": {"tags": ["remove-cell"]}, "source": ["glue('a', 1)"]},
        {"cell_type": "code", "metadata": {}, "source": ["print(1)"]},
        {"cell_type": "markdown", "metadata": {"tags": ["remove-cell"]}, "source": ["testo"]},
    ]}), encoding="utf-8")
    assert hidden_cell_sources(notebook) == ["glue('a', 1)"]
