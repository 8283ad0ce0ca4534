"""Estensione Sphinx locale del libro: interfaccia in italiano, librerie JS in locale.

- Traduzioni: ``locales/it/LC_MESSAGES/sphinx.po`` (dominio ``sphinx``: Sphinx,
  tema pydata, modelli in ``templates/``) è letto da Sphinx tramite
  ``locale_dirs``; ``booktheme.po`` (dominio del tema sphinx-book-theme, che
  traduce i pulsanti di avvio) è compilato e registrato qui, *prima* del
  catalogo del tema, così da correggerne anche le traduzioni maldestre.
- Celle nascoste di myst-nb: il ``<summary>`` perde l'``aria-label`` inglese
  fisso nel codice di myst-nb; il nome accessibile diventa il testo visibile
  («Mostra il codice»).
- MathJax, il gestore dei widget e require.js sono serviti da ``_static``
  (cartella ``vendor/``, scaricata da ``librerie_js.py``): se mancano, la
  costruzione si ferma con un messaggio invece di produrre pagine senza formule.
- ``static/sito.css`` e ``static/sito.js``: colonna del testo più larga, formule
  e codice che scorrono invece di uscire dalla pagina, etichette dei pulsanti
  creati da sphinx-togglebutton, posizione dei font del gestore dei widget.
- Script doppi (sphinx-thebe) tolti dalle pagine.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput, visit_HideCellInput
from sphinx import locale
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.i18n import CatalogRepository

HERE = Path(__file__).resolve().parent
LOCALES = HERE / "locales"
VENDOR = HERE / "vendor"
VENDOR_FILES = ("mathjax/tex-mml-chtml.js", "widgets/embed-amd.js", "widgets/require.js")
# Domini di traduzione dei temi, non letti da ``locale_dirs``.
THEME_DOMAINS = ("booktheme",)
ENGLISH_SUMMARY = '<summary aria-label="Toggle hidden content">'


def compile_catalogs(language: str) -> None:
    """Compila in ``.mo`` i cataloghi ``.po`` nuovi o modificati."""
    repo = CatalogRepository(str(HERE), [LOCALES.name], language, "utf-8")
    for catalog in repo.catalogs:
        if catalog.is_outdated():
            catalog.write_mo(language)


def prefer_catalog(domain: str, language: str) -> None:
    """Mette le traduzioni del libro davanti a quelle del tema per ``domain``.

    ``Sphinx.add_message_catalog`` aggiungerebbe il catalogo solo come riserva
    di quello del tema (registrato prima): qui è il tema a fare da riserva.
    """
    ours = gettext.translation(domain, localedir=str(LOCALES), languages=[language])
    theirs = locale.translators.get(("general", domain))
    if theirs is not None:
        ours.add_fallback(theirs)
    locale.translators[("general", domain)] = ours


def visit_hidden_cell(self, node: HideCodeCellNode) -> None:
    """Come myst-nb, ma senza l'etichetta inglese sul ``<summary>``."""
    start = len(self.body)
    visit_HideCellInput(self, node)
    self.body[start:] = [part.replace(ENGLISH_SUMMARY, "<summary>") for part in self.body[start:]]


def drop_duplicate_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Ogni script una volta sola.

    sphinx-thebe e sphinx-togglebutton aggiungono a ogni pagina due volte i
    loro script in linea; la seconda copia di ``const THEBE_JS_URL = …`` è un
    errore JavaScript.
    """
    def key(script) -> tuple:
        # lo stesso script in linea ha nome None o "" secondo chi l'ha registrato
        return script.filename or "", script.priority, sorted(script.attributes.items())

    scripts = context.get("script_files", [])
    unique = []
    for script in scripts:
        if key(script) not in map(key, unique):
            unique.append(script)
    # sul posto: è la lista del costruttore, a cui altri aggiungono script
    scripts[:] = unique


def check_vendor(app: Sphinx) -> None:
    """Ferma la costruzione HTML se mancano le librerie JavaScript locali."""
    if app.builder.format != "html":
        return
    missing = [name for name in VENDOR_FILES if not (VENDOR / name).is_file()]
    if missing:
        raise ExtensionError(
            f"Mancano le librerie JavaScript locali ({', '.join(missing)}): "
            "eseguire `make vendor` oppure `python3 _sito/librerie_js.py`."
        )


def absolute_locale_dirs(app: Sphinx, config) -> None:
    """Rende assoluti i percorsi di ``locale_dirs``.

    Sphinx cerca il catalogo JavaScript (``sphinx.js``) relativo alla cartella
    di lavoro, non a quella del libro: con percorsi assoluti lo trova anche
    quando si costruisce il libro da un'altra cartella.
    """
    config.locale_dirs = [str(Path(app.confdir, folder)) for folder in config.locale_dirs]


def setup(app: Sphinx) -> dict:
    language = app.config.language or "it"
    compile_catalogs(language)
    for domain in THEME_DOMAINS:
        prefer_catalog(domain, language)
    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_HideCellInput))
    app.connect("config-inited", absolute_locale_dirs)
    app.connect("builder-inited", check_vendor)
    app.add_css_file("sito.css")
    # prima di require.js e del gestore dei widget (priorità 500), che configura
    app.add_js_file("sito.js", priority=400)
    # per ultima, dopo chi aggiunge script alla pagina (myst-nb: i widget)
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
