"""Le immagini che i notebook producono per il sito: dal notebook ai file di ``_images/``.

(Qui si registrano anche ``cursori.js`` e ``cursori.css``, che mostrano i fotogrammi dei cursori.)

Durante la costruzione il kernel di ogni notebook sa, dalla variabile
d'ambiente ``LIBRO_FORMATO`` (vedi :mod:`lib.display`), se sta producendo il
sito o il PDF. Per il sito le figure e i fotogrammi dei cursori arrivano come
HTML con le immagini dentro, in ``data:`` URI; qui, prima di scrivere ogni
pagina, ogni ``data:`` URI diventa un file di ``_images/`` (il nome è
l'impronta del contenuto: un'immagine uguale in due pagine è un file solo) e
l'HTML lo richiama per indirizzo. Così la pagina resta leggera e il browser
scarica un'immagine solo quando serve.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

#: la variabile d'ambiente letta da lib.display (il kernel la eredita dal processo di Sphinx)
FORMAT_ENV = "LIBRO_FORMATO"
DATA_URI = re.compile(r"data:image/(?P<type>png|webp|jpeg);base64,(?P<data>[A-Za-z0-9+/=]+)")
EXTENSIONS = {"png": "png", "webp": "webp", "jpeg": "jpg"}
FOLDER = "_images"


def announce_format(app: Sphinx) -> None:
    """Dice ai kernel che eseguiranno i notebook se si costruisce il sito (``html``) o il PDF (``latex``)."""
    os.environ[FORMAT_ENV] = app.builder.format


def write_image(folder: Path, match: re.Match) -> str:
    """Scrive l'immagine di un ``data:`` URI in ``folder`` e ne restituisce il nome del file."""
    data = base64.b64decode(match["data"])
    name = f"{hashlib.sha256(data).hexdigest()[:20]}.{EXTENSIONS[match['type']]}"
    target = folder / name
    if not target.exists():
        target.write_bytes(data)
    return name


def externalize(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Nell'HTML grezzo della pagina sostituisce ogni ``data:`` URI con l'indirizzo di un file."""
    if app.builder.format != "html":
        return
    folder = Path(app.outdir, FOLDER)
    folder.mkdir(parents=True, exist_ok=True)
    page = app.builder.get_target_uri(docname)
    for node in list(doctree.findall(nodes.raw)):
        if "html" not in node.get("format", "").split() or "data:image/" not in node.astext():
            continue
        text = DATA_URI.sub(lambda m: relative_uri(page, f"{FOLDER}/{write_image(folder, m)}"), node.astext())
        node.replace_self(nodes.raw("", text, format=node["format"]))


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", announce_format)
    app.connect("doctree-resolved", externalize)
    app.add_js_file("cursori.js", loading_method="defer")
    app.add_css_file("cursori.css")
