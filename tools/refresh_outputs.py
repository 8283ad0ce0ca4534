"""Riesegue i notebook e salva solo gli output che nbval deve confrontare.

Uso (dalla radice del repository, anche tramite ``make output``)::

    python tools/refresh_outputs.py chapters/01-discesa-del-gradiente.ipynb

Ogni notebook viene eseguito da capo nella sua cartella; poi si tengono output e
numero di esecuzione delle sole celle con il tag ``nbval-check-output`` e si
cancellano tutti gli altri, insieme allo stato dei widget e agli orari di
esecuzione che il kernel annota nei metadati delle celle.
"""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

TAG = "nbval-check-output"


def refresh(path):
    """Esegue il notebook ``path`` e lo riscrive con i soli output controllati."""
    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code" and TAG not in cell.metadata.get("tags", []):
            cell.outputs, cell.execution_count = [], None
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        refresh(name)
        print(f"aggiornato: {name}")
