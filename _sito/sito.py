"""Estensione Sphinx locale del libro: interfaccia in italiano, librerie JS in locale.

- Traduzioni: ``locales/it/LC_MESSAGES/sphinx.po`` (dominio ``sphinx``: Sphinx,
  tema pydata, modelli in ``templates/``) è letto da Sphinx tramite
  ``locale_dirs``; ``booktheme.po`` (dominio del tema sphinx-book-theme, che
  traduce i pulsanti di avvio) è compilato e registrato qui, *prima* del
  catalogo del tema, così da correggerne anche le traduzioni maldestre.
- Celle nascoste di myst-nb: il ``<summary>`` perde l'``aria-label`` inglese
  fisso nel codice di myst-nb; il nome accessibile diventa il testo visibile
  («Mostra il codice»).
- MathJax è servito da ``_static/mathjax/``, copiato dal pacchetto Python
  ``sphinx-mathjax-offline`` (fissato in ``requirements.txt``): se manca, la
  costruzione si ferma con un messaggio invece di produrre pagine senza formule.
  Niente gestore dei widget di Jupyter: sulle pagine statiche i cursori sono
  controlli HTML con fotogrammi precalcolati (``immagini.py``, ``cursori.js``).
- ``static/sito.css`` e ``static/sito.js``: colonna del testo più larga, formule
  che scorrono invece di uscire dalla pagina, codice e stampe che vanno a capo,
  suggerimenti che non restano sullo schermo al tatto, tema chiaro ↔ scuro,
  estratti della ricerca puliti, etichette dei pulsanti creati da
  sphinx-togglebutton e sphinx-copybutton.
- Script doppi (sphinx-thebe) tolti dalle pagine; dalle pagine tolti anche
  FontAwesome in JavaScript (le icone arrivano già con il CSS del tema) e
  l'indice di ricerca, che serve solo a ``search.html``.
- Virgolette: docutils per l'italiano usa ``«»“”`` e un apostrofo in fondo a
  una parola («po'», «nell'» prima di un collegamento) diventa ``”``; qui le
  virgolette semplici sono ``‘’``, e l'apostrofo resta ``’``.
- Soluzioni degli esercizi (sphinx-exercise): titolo «Soluzione
  dell'esercizio N» che apre la soluzione invece di portare all'esercizio,
  un rimando all'esercizio in fondo, identificatori unici.
- Bibliografia con lo stile italiano di ``bibliografia.py``.
- ``index.html``: un rinvio con titolo, collegamento e icona del sito
  (``templates/rinvio.html``), al posto del rinvio nudo di sphinx-external-toc.
"""

from __future__ import annotations

import gettext
import importlib.util
import shutil
import re
from pathlib import Path

import pybtex.plugin
from docutils import nodes
from markupsafe import Markup
from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput, visit_HideCellInput
from sphinx import locale
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.i18n import CatalogRepository
from sphinx_exercise.nodes import solution_node

# il modulo accanto a questo: Jupyter Book mette _sito in sys.path (local_extensions)
from bibliografia import NAME as BIBLIOGRAPHY_STYLE, StileItaliano

HERE = Path(__file__).resolve().parent
LOCALES = HERE / "locales"
# Il pacchetto Python che contiene MathJax 3 (es5) e, dentro la sua cartella
# static/mathjax/, le parti che il sito usa: il componente di mathjax_path,
# i moduli che carica al bisogno e i font.
MATHJAX_PACKAGE = "sphinx-mathjax-offline"
MATHJAX_PARTS = ("tex-mml-chtml.js", "input", "output/chtml", "ui", "a11y", "sre", "adaptors")
# Domini di traduzione dei temi, non letti da ``locale_dirs``.
THEME_DOMAINS = ("booktheme",)
ENGLISH_SUMMARY = '<summary aria-label="Toggle hidden content">'
# Virgolette italiane per docutils: doppie «», semplici ‘’ (la chiusa è
# l'apostrofo tipografico).
ITALIAN_QUOTES = "«»‘’"
# Script che le pagine non caricano (filtro Jinja ``senza_script`` nei modelli).
UNWANTED_SCRIPTS = ("fontawesome.js", "searchtools.js", "language_data.js", "searchindex.js")

logger = logging.getLogger(__name__)


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


def without_scripts(html: str) -> Markup:
    """Filtro Jinja: ``html`` senza i tag ``<script src=…>`` di ``UNWANTED_SCRIPTS``.

    Gli script da togliere stanno dentro blocchi dei modelli del tema
    (``css``, ``extrahead``), che si riusano con ``super()`` invece di copiarli.
    """
    names = "|".join(re.escape(name) for name in UNWANTED_SCRIPTS)
    pattern = rf'<script[^>]*\ssrc="[^"]*/(?:{names})(?:\?[^"]*)?"[^>]*>\s*</script>\n?'
    return Markup(re.sub(pattern, "", str(html)))


def add_template_filters(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.builder.templates.environment.filters["senza_script"] = without_scripts


def italian_quotes(app: Sphinx) -> None:
    """Virgolette semplici ‘’ per l'italiano: un apostrofo resta un apostrofo.

    Con l'insieme di docutils ``«»“”`` la virgoletta semplice di chiusura è
    ``”``, e ogni apostrofo che docutils non distingue da una chiusura (in
    fondo a una parola, o prima di un collegamento o di una formula) diventa
    ``”``: «un po”», «nell”arena». Le impostazioni di ``env.settings`` sono
    quelle con cui docutils legge ogni pagina.
    """
    app.env.settings["smartquotes_locales"] = [("it", ITALIAN_QUOTES)]


class ExercisesAndSolutions(SphinxPostTransform):
    """Esercizi e soluzioni di sphinx-exercise: titoli che aprono, id unici.

    sphinx-exercise intitola una soluzione «Soluzione a» + un collegamento
    «Esercizio 1 (titolo)»: un clic sul testo blu porta all'esercizio e la
    soluzione resta chiusa. Qui il titolo è testo («Soluzione dell'esercizio 1
    (titolo)»), e il clic apre la soluzione (sphinx-togglebutton); il
    collegamento all'esercizio passa in fondo alla soluzione. Il contenuto di
    ogni esercizio e di ogni soluzione ha un identificatore fisso
    (``exercise-content``, ``solution-content``), ripetuto nella pagina:
    diventa «<etichetta>-contenuto».
    """

    # dopo sphinx-exercise: 21 compone i titoli delle soluzioni, 22 i rimandi
    default_priority = 23
    formats = ("html",)
    FIXED_IDS = ("exercise-content", "solution-content")

    def run(self, **kwargs) -> None:
        for section in self.document.findall(nodes.section):
            owner = section.parent
            if owner is not None and set(section["ids"]) & set(self.FIXED_IDS):
                label = owner.get("label") or "-".join(owner["ids"][:1])
                section["ids"] = [nodes.make_id(f"{label}-contenuto")]
        for solution in self.document.findall(solution_node):
            title = solution.children[0]
            link = next(iter(title.findall(nodes.reference)), None)
            if not isinstance(title, nodes.title) or link is None or not link.children:
                continue
            # «Esercizio 1» e, se c'è, « (titolo dell'esercizio)»
            name, *subtitle = link.children
            exercise = name.astext().strip()
            heading = nodes.title("", f"Soluzione dell’{exercise[:1].lower()}{exercise[1:]}")
            heading += [child.deepcopy() for child in subtitle]
            solution.children[0] = heading
            heading.parent = solution
            back = nodes.reference("", f"Torna all’{exercise[:1].lower()}{exercise[1:]}",
                                   internal=True, refuri=link["refuri"])
            solution += nodes.paragraph("", "", back, classes=["sito-torna-esercizio"])


def mathjax_folder() -> Path:
    """La cartella di MathJax nel pacchetto ``sphinx-mathjax-offline``.

    Il pacchetto si chiama con i trattini anche come modulo: lo si trova senza
    importarlo (importarlo non serve, si copiano solo i suoi file).
    """
    spec = importlib.util.find_spec(MATHJAX_PACKAGE)
    folder = Path(spec.origin).parent / "static" / "mathjax" if spec and spec.origin else None
    if folder is None or not (folder / MATHJAX_PARTS[0]).is_file():
        raise ExtensionError(
            f"Manca MathJax (pacchetto Python {MATHJAX_PACKAGE}): "
            "eseguire `pip install -r requirements.txt`."
        )
    return folder


def check_mathjax(app: Sphinx) -> None:
    """Ferma subito la costruzione HTML se manca MathJax, prima di eseguire i notebook."""
    if app.builder.format == "html":
        mathjax_folder()


def copy_mathjax(app: Sphinx, exception) -> None:
    """Copia in ``_static/mathjax/`` le parti di MathJax che il sito usa (circa 7 MB su 24)."""
    if exception is not None or app.builder.format != "html":
        return
    source, target = mathjax_folder(), Path(app.outdir, "_static", "mathjax")
    for part in MATHJAX_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part, dirs_exist_ok=True)
        else:
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / part, target / part)


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
    app.connect("builder-inited", check_mathjax)
    app.connect("build-finished", copy_mathjax)
    app.connect("builder-inited", add_template_filters)
    app.connect("builder-inited", italian_quotes)
    app.add_post_transform(ExercisesAndSolutions)
    pybtex.plugin.register_plugin("pybtex.style.formatting", BIBLIOGRAPHY_STYLE, StileItaliano)
    app.add_css_file("sito.css")
    app.add_js_file("sito.js", priority=400)
    # per ultima, dopo chi aggiunge script alla pagina
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
