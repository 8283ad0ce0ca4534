"""Scrive l'edizione per gli studenti: i capitoli senza le soluzioni e senza output.

Uso (dalla radice del repository, anche tramite ``make esercizi``)::

    python tools/student_edition.py esercizi chapters/*.ipynb

Le celle delle soluzioni portano il tag :data:`TAG` (lo controlla
``tests/test_student_edition.py``): le toglie il ``TagRemovePreprocessor`` di
nbconvert, mentre il ``ClearOutputPreprocessor`` cancella output, numeri di
esecuzione e metadati dell'esecuzione. Restano gli esercizi, con le celle da
completare e le celle di verifica.
"""

import sys
from pathlib import Path

from nbconvert.exporters import NotebookExporter
from traitlets.config import Config

#: il tag delle celle che appartengono a una soluzione
TAG = "soluzione"


def build(destination, notebooks):
    """Scrive in ``destination`` la versione senza soluzioni di ogni notebook; restituisce i percorsi scritti."""
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {TAG}
    config.ClearOutputPreprocessor.enabled = True
    config.ClearOutputPreprocessor.remove_metadata_fields = {"collapsed", "scrolled", "execution"}
    exporter = NotebookExporter(config=config)
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    written = []
    for path in map(Path, notebooks):
        body, _ = exporter.from_filename(str(path))
        target = destination / path.name
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    for target in build(sys.argv[1], sys.argv[2:]):
        print(f"scritto: {target}")
