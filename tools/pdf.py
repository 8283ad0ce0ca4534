"""Il libro in PDF, composto con LaTeX dagli stessi sorgenti del sito (``make pdf``).

Scrive in ``_build/pdf/``:

- ``libro.pdf``: il libro intero, con le soluzioni degli esercizi;
- ``libro-studenti.pdf``: l'edizione per gli studenti (``student_edition.py``,
  la stessa di ``make esercizi``), senza soluzioni.

Per ciascuno: il costruttore LaTeX di Jupyter Book 1 (``jupyter-book build
--builder latex``, con ``sphinx-jupyterbook-latex``; riesegue i notebook), poi
``latexmk`` con XeLaTeX nella cartella LaTeX. Ogni PDF ha il suo albero di
costruzione (``_build/libro/_build`` e ``_build/studenti/_build``), separato da
quello del sito: gli alberi dei documenti (``.doctrees``) del sito hanno le figure
in HTML, e il costruttore LaTeX, trovandoli aggiornati, non rieseguirebbe i
notebook. Il registro di XeLaTeX resta
accanto al ``.tex``; una copia di entrambi va in ``_build/pdf/`` (``tests/pdf`` li
controlla). Se il sito è già costruito
(``_build/html``), i due PDF vanno anche lì, dove il pulsante «Scarica» delle
pagine li offre (``_pdf/libro_pdf.py``).

Uso (dalla radice del repository; ``make pdf`` lo fa da sé)::

    python tools/pdf.py [--rigoroso]   # --rigoroso: ogni avviso di Sphinx è un errore
    python tools/pdf.py --controlla    # solo il controllo del TeX

Il controllo del TeX (programmi, pacchetti LaTeX, caratteri) usa solo la
libreria standard, così ``make`` lo fa prima di ogni lavoro lungo: se manca
qualcosa, da root con ``apt-get`` installa i pacchetti Debian, altrimenti dice
in una riga quali installare.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

from debian_packages import install

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
OUTPUT = BUILD / "pdf"
#: dove si prepara l'edizione per gli studenti da comporre (una copia del libro)
STUDENT_SOURCE = BUILD / "studenti"
#: l'albero di costruzione del PDF del libro (non quello del sito, ``_build``)
BOOK_BUILD = BUILD / "libro"

#: i due PDF: nome del file -> titolo sul frontespizio (None: quello di _config.yml)
BOOKS = {
    "libro": None,
    "libro-studenti": "Ottimizzazione delle reti neurali. Edizione per gli studenti",
}

#: programmi che servono -> pacchetto Debian che li porta
PROGRAMS = {
    "xelatex": "texlive-xetex",
    "xdvipdfmx": "texlive-xetex",
    "latexmk": "latexmk",
    "kpsewhich": "texlive-xetex",
    "fc-list": "fontconfig",
    # per i test e per guardare le pagine (pdftoppm)
    "pdftotext": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "pdffonts": "poppler-utils",
    "pdfimages": "poppler-utils",
    "pdftoppm": "poppler-utils",
}
#: un file TeX per pacchetto Debian che serve (cercato con kpsewhich)
TEX_FILES = {
    "ucharclasses.sty": "texlive-xetex",
    "polyglossia.sty": "texlive-latex-recommended",
    "hyph-it.tex": "texlive-lang-italian",
    "fncychap.sty": "texlive-latex-extra",
    "pgfplots.sty": "texlive-pictures",
    "rsfs10.tfm": "texlive-fonts-recommended",
    "latinmodern-math.otf": "fonts-lmodern",
}
#: caratteri di _config.yml (latex_elements.fontpkg) -> pacchetto Debian
FONTS = {
    "FreeSerif": "fonts-freefont-otf",
    "DejaVu Sans Mono": "fonts-dejavu-core",
}


def missing_packages() -> list[str]:
    """I pacchetti Debian che mancano per comporre il PDF (in ordine, senza ripetizioni)."""
    missing = [package for program, package in PROGRAMS.items() if shutil.which(program) is None]
    if shutil.which("kpsewhich"):
        for name, package in TEX_FILES.items():
            found = subprocess.run(["kpsewhich", name], capture_output=True, text=True).stdout.strip()
            if not found:
                missing.append(package)
    else:
        missing.extend(TEX_FILES.values())
    if shutil.which("fc-list"):
        for family, package in FONTS.items():
            found = subprocess.run(["fc-list", f":family={family}", "family"],
                                   capture_output=True, text=True).stdout.strip()
            if not found:
                missing.append(package)
    else:
        missing.extend(FONTS.values())
    return list(dict.fromkeys(missing))


def ensure_tex() -> str:
    """Controlla il TeX e, se si può, installa ciò che manca; restituisce l'errore in una riga.

    Stringa vuota: tutto presente (ora).
    """
    missing = missing_packages()
    if not missing:
        return ""
    reason = install(missing)
    if not reason:
        missing = missing_packages()
        if not missing:
            return ""
        reason = "dopo l'installazione mancano ancora"
    return (f"ERRORE: per il PDF mancano i pacchetti Debian {' '.join(missing)} ({reason}): "
            f"apt-get install {' '.join(missing)}")


def run(command: list[str], cwd: Path, log: Path) -> None:
    """Esegue ``command`` scrivendo l'output in ``log``; se fallisce, ne stampa la coda ed esce."""
    with open(log, "w", encoding="utf-8") as out:
        done = subprocess.run(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-40:]
        print("\n".join(tail), file=sys.stderr)
        raise SystemExit(f"ERRORE: `{' '.join(command)}` non è riuscito (codice {done.returncode}); "
                         f"registro completo: {log}")


def student_source() -> Path:
    """Copia del libro con i capitoli dell'edizione per gli studenti, in ``_build/studenti``."""
    import yaml
    from student_edition import build

    shutil.rmtree(STUDENT_SOURCE, ignore_errors=True)
    chapters = STUDENT_SOURCE / "chapters"
    shutil.copytree(ROOT / "chapters", chapters, ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
    build(chapters, sorted((ROOT / "chapters").glob("*.ipynb")))
    for name in ("_toc.yml", "references.bib"):
        shutil.copy2(ROOT / name, STUDENT_SOURCE / name)
    for name in ("_sito", "_pdf"):
        shutil.copytree(ROOT / name, STUDENT_SOURCE / name, ignore=shutil.ignore_patterns("__pycache__"))
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["latex"]["latex_documents"].update(targetname="libro-studenti.tex", title=BOOKS["libro-studenti"])
    (STUDENT_SOURCE / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return STUDENT_SOURCE


def compose(name: str, source: Path, build: Path, strict: bool) -> Path:
    """Il PDF ``name`` dai sorgenti in ``source``, costruito in ``build/_build``: LaTeX con Jupyter Book, poi latexmk."""
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [str(jupyter_book), "build", str(source), "--builder", "latex", "--path-output", str(build)]
    if strict:
        command += ["-W", "-n", "--keep-going"]
    latex = build / "_build" / "latex"
    OUTPUT.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    run(command, cwd=ROOT, log=OUTPUT / f"{name}-sphinx.log")
    run(["latexmk", "-pdfxe", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error", f"{name}.tex"],
        cwd=latex, log=OUTPUT / f"{name}-latexmk.log")
    target = OUTPUT / f"{name}.pdf"
    shutil.copy2(latex / f"{name}.pdf", target)
    # per tests/pdf: il registro di XeLaTeX e il sorgente a cui rimandano i suoi numeri di riga
    shutil.copy2(latex / f"{name}.log", OUTPUT / f"{name}-xelatex.log")
    shutil.copy2(latex / f"{name}.tex", OUTPUT / f"{name}.tex")
    print(f"{target.relative_to(ROOT)}: {time.perf_counter() - start:.0f} s")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--controlla", action="store_true", help="solo il controllo del TeX")
    parser.add_argument("--rigoroso", action="store_true", help="ogni avviso di Sphinx è un errore")
    args = parser.parse_args()
    error = ensure_tex()
    if error:
        print(error, file=sys.stderr)
        return 1
    if args.controlla:
        return 0
    students = student_source()
    written = [compose("libro", ROOT, BOOK_BUILD, args.rigoroso),
               compose("libro-studenti", students, students, args.rigoroso)]
    site = BUILD / "html"
    if site.is_dir():
        for path in written:
            shutil.copy2(path, site / path.name)
        print(f"PDF copiati anche in {site.relative_to(ROOT)}/, per il pulsante «Scarica» del sito.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
