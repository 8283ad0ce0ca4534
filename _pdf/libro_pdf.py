"""Estensione Sphinx locale per il libro in PDF (``make pdf``, ``tools/pdf.py``).

- Sito: il pulsante «Scarica» di ogni pagina offre, prima delle voci del tema,
  il libro in PDF (``libro.pdf``, con le soluzioni) e l'edizione per gli
  studenti (``libro-studenti.pdf``), pubblicati accanto alle pagine.
- PDF: l'elenco delle fonti resta nel capitolo «Bibliografia», dove il libro lo
  mette; Sphinx lo sposterebbe in fondo al documento, dopo il glossario,
  lasciando il capitolo vuoto (``_pdf/libro.sty`` gli toglie il titolo che
  LaTeX gli darebbe).
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform

#: i PDF pubblicati con il sito: (file, testo, suggerimento, icona)
PDF_FILES = (
    ("libro.pdf", "Libro in PDF", "Il libro intero in PDF, con le soluzioni", "fas fa-book"),
    ("libro-studenti.pdf", "PDF per gli studenti", "Il libro in PDF senza le soluzioni degli esercizi",
     "fas fa-user-graduate"),
)


def add_pdf_buttons(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Mette i due PDF in testa al menu «Scarica» di sphinx-book-theme."""
    pathto = context.get("pathto")
    for button in context.get("header_buttons", []):
        if button.get("label") == "download-buttons":
            button["buttons"][:0] = [
                {"type": "link", "url": pathto(name, 1), "text": text, "tooltip": tooltip, "icon": icon,
                 "label": f"download-{name.removesuffix('.pdf')}-button"}
                for name, text, tooltip, icon in PDF_FILES
            ]


class BibliographyInItsChapter(SphinxPostTransform):
    """Riporta l'elenco delle fonti nel documento della direttiva ``bibliography``.

    Gira dopo ``BibliographyTransform`` di Sphinx (priorità 750), che raccoglie le
    voci in un nodo ``thebibliography`` in fondo al documento unito; le voci
    ricordano il documento da cui vengono (``docname``).
    """

    default_priority = 800
    builders = ("latex",)

    def run(self, **kwargs) -> None:
        for bibliography in list(self.document.findall(thebibliography)):
            citations = list(bibliography.findall(nodes.citation))
            docname = citations[0].get("docname") if citations else None
            chapter = next((section for start in self.document.findall(addnodes.start_of_file)
                            if start.get("docname") == docname
                            for section in start.findall(nodes.section)), None)
            if chapter is not None:
                bibliography.parent.remove(bibliography)
                chapter.append(bibliography)


def setup(app: Sphinx) -> dict:
    app.add_post_transform(BibliographyInItsChapter)
    # dopo sphinx-book-theme, che crea il menu «Scarica» (priorità 501)
    app.connect("html-page-context", add_pdf_buttons, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
