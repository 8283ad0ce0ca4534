"""Controlli sui due PDF del libro, costruiti da ``make pdf`` in ``_build/pdf``.

Si eseguono dopo ``tools/pdf.py`` (``make test``, fase 5, se c'è il TeX).
Nessun test viene saltato: se i PDF mancano, ogni test fallisce chiedendo di
costruirli. Si leggono il PDF (testo con ``pdftotext``, caratteri con
``pdffonts``, metadati con ``pdfinfo``, oggetti grezzi per lingua e immagini),
il registro di XeLaTeX e il ``.tex`` a cui rimandano i suoi numeri di riga, e i
notebook da cui ciascun PDF è nato (per contare figure, esercizi e soluzioni).
"""

from __future__ import annotations

import re
import subprocess
import zlib
from functools import lru_cache
from pathlib import Path

import nbformat
import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
PDF_DIR = REPO_ROOT / "_build" / "pdf"
HTML_DIR = REPO_ROOT / "_build" / "html"
CONFIG = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))

#: nome del PDF -> cartella dei capitoli da cui è composto
BOOKS = {
    "libro": REPO_ROOT / "chapters",
    "libro-studenti": REPO_ROOT / "_build" / "studenti" / "chapters",
}
#: rappresentazioni testuali di oggetti Python finite sulla pagina al posto di figure e pannelli
LEAKED_REPRS = ("VBox(", "HBox(", "interactive(", "<Figure size", "Output()", "<function ")
#: numero di pagine plausibile per il libro (oggi sono un centinaio)
PAGES = range(40, 400)


def toc_documents() -> list[str]:
    """I documenti di ``_toc.yml`` nell'ordine del libro (la radice per prima)."""
    toc = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [entry["file"] for part in toc["parts"] for entry in part["chapters"]]


def title_of(chapters: Path, document: str) -> str:
    """Il titolo (la prima riga ``# …``) di un documento del libro, ``.md`` o ``.ipynb``."""
    path = chapters / Path(document).name
    if path.with_suffix(".md").is_file():
        source = path.with_suffix(".md").read_text(encoding="utf-8")
    else:
        notebook = nbformat.read(path.with_suffix(".ipynb"), as_version=4)
        source = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    return re.search(r"^# (.+)$", source, re.M).group(1).strip()


def require(path: Path) -> Path:
    if not path.is_file():
        pytest.fail(f"manca {path.relative_to(REPO_ROOT)}: costruire prima i PDF con `make pdf`")
    return path


@lru_cache(maxsize=None)
def text(name: str) -> str:
    """Il testo del PDF con gli spazi (anche gli a capo) ridotti a uno solo."""
    raw = subprocess.run(["pdftotext", str(require(PDF_DIR / f"{name}.pdf")), "-"],
                         capture_output=True, text=True, check=True).stdout
    return " ".join(raw.split())


@lru_cache(maxsize=None)
def log(name: str) -> str:
    return require(PDF_DIR / f"{name}-xelatex.log").read_text(encoding="utf-8", errors="replace")


@lru_cache(maxsize=None)
def info(name: str) -> dict[str, str]:
    """I campi di ``pdfinfo`` (Title, Author, Pages, Page size, …)."""
    out = subprocess.run(["pdfinfo", str(require(PDF_DIR / f"{name}.pdf"))],
                         capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


@lru_cache(maxsize=None)
def objects(name: str) -> bytes:
    """Il PDF con i suoi flussi compressi (FlateDecode) decompressi, per cercarvi gli oggetti."""
    data = require(PDF_DIR / f"{name}.pdf").read_bytes()
    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        try:
            parts.append(zlib.decompress(data[match.end():end]))
        except zlib.error:
            pass  # un flusso non compresso con Flate (immagini, caratteri): non contiene oggetti
    return b"".join(parts)


def source_cells(name: str):
    for path in sorted(BOOKS[name].glob("*.ipynb")):
        yield from nbformat.read(path, as_version=4).cells


def count_directives(name: str, kind: str) -> int:
    """Quante direttive ``{kind}`` (o ``{kind}-start``) nelle celle di testo dei capitoli."""
    pattern = re.compile(rf"^\s*(?:`{{3,}}|:{{3,}}|~{{3,}})\{{{kind}(?:-start)?\}}", re.M)
    return sum(len(pattern.findall(cell.source)) for cell in source_cells(name) if cell.cell_type == "markdown")


def verbatim_lines(tex: str) -> set[int]:
    """I numeri di riga del ``.tex`` dentro un ambiente ``sphinxVerbatim`` (celle di codice e output)."""
    inside, lines = False, set()
    for number, line in enumerate(tex.splitlines(), start=1):
        if r"\begin{sphinxVerbatim}" in line:
            inside = True
        if inside:
            lines.add(number)
        if r"\end{sphinxVerbatim}" in line:
            inside = False
    return lines


names = pytest.mark.parametrize("name", list(BOOKS))


# --------------------------------------------------------------------------
# La composizione
# --------------------------------------------------------------------------


@names
def test_no_latex_error_or_undefined_reference(name):
    problems = [line for line in log(name).splitlines()
                if line.startswith("!") or re.search(r"undefined|Rerun to get|Missing character", line)]
    assert not problems, f"{name}: il registro di XeLaTeX segnala\n  " + "\n  ".join(problems[:20])


@names
def test_no_unresolved_reference_in_the_text(name):
    assert "??" not in text(name), f"{name}: un rimando non risolto («??») nel testo"


def overfull_code(latex_log: str, tex: str) -> list[str]:
    """Le righe troppo larghe (Overfull \\hbox) che cadono in un ambiente ``sphinxVerbatim``."""
    verbatim, lines = verbatim_lines(tex), tex.splitlines()
    found = []
    for width, first, last, line in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\) "
                                               r"(?:in paragraph at lines (\d+)--(\d+)|detected at line (\d+))",
                                               latex_log):
        first, last = int(first or line), int(last or line)
        if any(n in verbatim for n in range(first, last + 1)):
            found.append(f"{float(width):.1f} pt alla riga {first}: {lines[first - 1][:70]}")
    return found


@names
def test_code_stays_inside_the_margin(name):
    """Nessuna riga di codice o di output più larga della pagina (le righe lunghe vanno a capo)."""
    in_code = overfull_code(log(name), require(PDF_DIR / f"{name}.tex").read_text(encoding="utf-8"))
    assert not in_code, f"{name}: codice oltre il margine\n  " + "\n  ".join(in_code)


def test_overfull_code_is_found():
    tex = "testo\n\\begin{sphinxVerbatim}[x]\nuna riga lunghissima\n\\end{sphinxVerbatim}\naltro testo\n"
    latex_log = ("Overfull \\hbox (3.1pt too wide) in paragraph at lines 5--5\n"
                 "Overfull \\hbox (12.5pt too wide) in paragraph at lines 3--3\n")
    assert overfull_code(latex_log, tex) == ["12.5 pt alla riga 3: una riga lunghissima"]
    assert overfull_code(latex_log.replace("3--3", "1--1"), tex) == []


# --------------------------------------------------------------------------
# Il contenuto
# --------------------------------------------------------------------------


@names
def test_every_chapter_in_toc_order(name):
    """Indice, introduzione, ogni capitolo di ``_toc.yml`` (bibliografia e glossario compresi), in ordine."""
    body = text(name)
    titles = ["Introduzione"] + [title_of(BOOKS[name], document) for document in toc_documents()[1:]]
    position = body.index("Indice")
    for title in titles:
        found = body.find(title, position)
        assert found >= 0, f"{name}: nell'indice manca (o è fuori posto) «{title}»"
        position = found
    # e ognuno anche nel testo, oltre che nell'indice
    missing = [title for title in titles if body.count(title) < 2]
    assert not missing, f"{name}: capitoli solo nell'indice: {missing}"


# I pannelli con i cursori vanno nel PDF come la loro figura ai valori iniziali (lib.widgets.Panel).
@names
def test_no_leaked_repr(name):
    leaked = [r for r in LEAKED_REPRS if r in text(name)]
    assert not leaked, f"{name}: rappresentazioni testuali al posto di figure o pannelli: {leaked}"


@names
def test_every_figure_has_its_caption_and_picture(name):
    """Tante didascalie «Figura N.M:» quante celle con ``mystnb.figure``; almeno un'immagine per figura."""
    figures = sum(1 for cell in source_cells(name) if cell.cell_type == "code" and "figure" in cell.metadata.get("mystnb", {}))
    captions = len(re.findall(r"Figura \d+\.\d+:", text(name)))
    pictures = len(re.findall(rb"/Subtype\s*/(?:Image|Form)\b", objects(name)))
    assert figures > 10 and captions == figures, f"{name}: {captions} didascalie per {figures} figure"
    assert pictures >= figures, f"{name}: {pictures} immagini per {figures} figure"


def test_exercises_with_solutions_in_the_book():
    exercises, solutions = count_directives("libro", "exercise"), count_directives("libro", "solution")
    assert exercises > 5 and solutions > 5
    assert len(re.findall(r"Soluzione a Esercizio \d+", text("libro"))) == solutions


def test_no_solution_in_the_student_edition():
    assert count_directives("libro-studenti", "solution") == 0
    assert "Soluzione" not in text("libro-studenti"), "libro-studenti: una soluzione nel PDF per gli studenti"
    # gli stessi esercizi del libro
    exercise = r"Esercizio \d+ \("
    assert len(re.findall(exercise, text("libro-studenti"))) == count_directives("libro", "exercise")


# --------------------------------------------------------------------------
# Il file
# --------------------------------------------------------------------------


@names
def test_metadata_and_size(name):
    fields = {key: value.strip() for key, value in info(name).items()}
    assert fields["Title"].startswith(CONFIG["title"]), fields["Title"]
    assert fields["Author"] == CONFIG["author"]
    assert int(fields["Pages"]) in PAGES, f"{name}: {fields['Pages']} pagine"
    assert "(A4)" in fields["Page size"], fields["Page size"]
    assert re.search(rb"/Lang\s*\(it", objects(name)), f"{name}: manca la lingua (/Lang it) nel catalogo del PDF"


@names
def test_fonts_are_embedded(name):
    out = subprocess.run(["pdffonts", str(require(PDF_DIR / f"{name}.pdf"))],
                         capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    # colonne: nome, tipo…, emb, sub, uni, oggetto, generazione
    not_embedded = [line.split()[0] for line in out if line.split()[-5] != "yes"]
    assert out and not not_embedded, f"{name}: caratteri non incorporati: {not_embedded}"


def test_student_pdf_is_smaller():
    assert int(info("libro-studenti")["Pages"]) < int(info("libro")["Pages"])


# --------------------------------------------------------------------------
# Sul sito
# --------------------------------------------------------------------------


@names
def test_published_with_the_site(name):
    published = HTML_DIR / f"{name}.pdf"
    assert published.is_file(), f"manca {published.relative_to(REPO_ROOT)}: `make pdf` dopo la costruzione del sito"
    assert published.read_bytes() == require(PDF_DIR / f"{name}.pdf").read_bytes()


@pytest.mark.parametrize("document", toc_documents())
def test_download_button_offers_the_pdfs(document):
    page = HTML_DIR / f"{document}.html"
    html = page.read_text(encoding="utf-8")
    for name in BOOKS:
        href = Path("../" * document.count("/")) / f"{name}.pdf"
        assert f'href="{href.as_posix()}"' in html, f"{page.name}: il pulsante «Scarica» non offre {name}.pdf"
