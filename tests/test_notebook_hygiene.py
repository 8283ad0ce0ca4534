"""Igiene dei notebook salvati nel repository.

Convenzione del libro: i notebook in ``chapters/`` si salvano senza output,
tranne le celle con il tag ``nbval-check-output``, che nbval confronta con
una nuova esecuzione (il tag, non il commento ``# NBVAL_CHECK_OUTPUT``: il
commento il lettore lo vedrebbe, e il pulsante «copia» lo copierebbe). Niente immagini e niente stato dei widget:
li rigenera la costruzione del libro.

Ogni controllo è una piccola funzione che riceve il notebook come dizionario
(il JSON del file ``.ipynb``) e restituisce l'elenco dei problemi trovati, in
italiano; un elenco vuoto significa notebook in regola. La seconda metà del
file verifica che ogni controllo sappia davvero fallire.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
CHAPTERS_DIR = "chapters"

# Il tag di cella che nbval legge; il commento equivalente resta vietato.
CHECK_OUTPUT_TAG = "nbval-check-output"
VISIBLE_MARKER = "NBVAL_CHECK_OUTPUT"

IMAGE_MIME_TYPES = ("image/png", "image/svg+xml", "image/jpeg")
WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"


# --------------------------------------------------------------------------
# Raccolta dei notebook
# --------------------------------------------------------------------------


def list_notebooks(root: Path = REPO_ROOT) -> list[Path]:
    """Notebook sotto ``chapters/`` che git conosce o conoscerà.

    In un repository git: i file tracciati più quelli nuovi non ignorati
    (``git ls-files --cached --others --exclude-standard``), così il controllo
    vale anche per i notebook non ancora committati. Fuori da git: glob.
    """
    try:
        result = subprocess.run(
            [
                "git", "ls-files", "-z", "--cached", "--others",
                "--exclude-standard", "--", CHAPTERS_DIR,
            ],
            cwd=root, capture_output=True, text=True, check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        paths = (root / CHAPTERS_DIR).rglob("*.ipynb")
    else:
        paths = (root / name for name in result.stdout.split("\0") if name)
    return sorted(
        p for p in paths
        if p.suffix == ".ipynb" and p.is_file()
        and ".ipynb_checkpoints" not in p.parts
    )


NOTEBOOKS = list_notebooks()


def load_notebook(path: Path) -> dict:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


# --------------------------------------------------------------------------
# Funzioni di supporto
# --------------------------------------------------------------------------


def cell_source(cell: dict) -> str:
    """Sorgente della cella come stringa (nel file può essere una lista di righe)."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def code_cells(nb: dict):
    """Coppie (numero della cella a partire da 1, cella) per le sole celle di codice."""
    for index, cell in enumerate(nb.get("cells", []), start=1):
        if cell.get("cell_type") == "code":
            yield index, cell


def is_checked(cell: dict) -> bool:
    """Vero se la cella ha il tag per il confronto degli output da nbval."""
    return CHECK_OUTPUT_TAG in cell.get("metadata", {}).get("tags", [])


# --------------------------------------------------------------------------
# I controlli
# --------------------------------------------------------------------------


def find_image_outputs(nb: dict) -> list[str]:
    """Output con immagini (PNG, SVG, JPEG): non vanno salvati nel notebook."""
    problems = []
    for index, cell in code_cells(nb):
        for output in cell.get("outputs", []):
            for mime in IMAGE_MIME_TYPES:
                if mime in output.get("data", {}):
                    problems.append(f"cella {index}: output con immagine {mime}")
    return problems


def find_widget_state(nb: dict) -> list[str]:
    """Stato dei widget salvato nei metadati del notebook."""
    widgets = nb.get("metadata", {}).get("widgets", {})
    if isinstance(widgets, dict) and WIDGET_STATE_MIME in widgets:
        return [f"metadati del notebook: stato dei widget ({WIDGET_STATE_MIME})"]
    return []


def find_widget_views(nb: dict) -> list[str]:
    """Output che mostrano un widget."""
    problems = []
    for index, cell in code_cells(nb):
        for output in cell.get("outputs", []):
            if WIDGET_VIEW_MIME in output.get("data", {}):
                problems.append(f"cella {index}: output con widget ({WIDGET_VIEW_MIME})")
    return problems


def find_visible_markers(nb: dict) -> list[str]:
    """Celle con il commento ``# NBVAL_CHECK_OUTPUT``, che il lettore vedrebbe: si usa il tag."""
    return [
        f"cella {index}: commento '{VISIBLE_MARKER}' nel codice "
        f"(toglierlo e dare alla cella il tag '{CHECK_OUTPUT_TAG}')"
        for index, cell in code_cells(nb)
        if VISIBLE_MARKER in cell_source(cell)
    ]


def find_unchecked_outputs(nb: dict) -> list[str]:
    """Celle con output salvati ma senza il tag ``nbval-check-output``."""
    return [
        f"cella {index}: ha output salvati ma non il tag "
        f"'{CHECK_OUTPUT_TAG}' (cancellare gli output o dare il tag alla cella)"
        for index, cell in code_cells(nb)
        if cell.get("outputs") and not is_checked(cell)
    ]


def find_checked_cells_without_output(nb: dict) -> list[str]:
    """Celle marcate senza output o senza numero di esecuzione: nbval le salterebbe in silenzio."""
    problems = []
    for index, cell in code_cells(nb):
        if not is_checked(cell):
            continue
        if not cell.get("outputs"):
            problems.append(
                f"cella {index}: con il tag '{CHECK_OUTPUT_TAG}' ma senza output "
                "salvato (eseguirla e salvare il notebook)"
            )
        if cell.get("execution_count") is None:
            problems.append(
                f"cella {index}: con il tag '{CHECK_OUTPUT_TAG}' ma senza "
                "execution_count (nbval non la confronterebbe)"
            )
    return problems


def find_missing_cell_ids(nb: dict) -> list[str]:
    """Celle senza ``id`` in un notebook nbformat >= 4.5.

    nbformat lo segnala con ``MissingIDFieldWarning``, che con
    ``filterwarnings = error`` fa fallire la raccolta di nbval: meglio dirlo qui
    con un messaggio chiaro. JupyterLab aggiunge gli id al salvataggio.
    """
    if (nb.get("nbformat", 0), nb.get("nbformat_minor", 0)) < (4, 5):
        return []
    return [
        f"cella {index}: manca il campo 'id' (richiesto da nbformat 4.5; "
        "riaprire e salvare il notebook in JupyterLab)"
        for index, cell in enumerate(nb.get("cells", []), start=1)
        if not cell.get("id")
    ]


CHECKS = [
    find_missing_cell_ids,
    find_image_outputs,
    find_widget_state,
    find_widget_views,
    find_visible_markers,
    find_unchecked_outputs,
    find_checked_cells_without_output,
]


# --------------------------------------------------------------------------
# Test sui notebook del repository
# --------------------------------------------------------------------------


def test_there_are_notebooks():
    """Senza notebook i test parametrizzati sarebbero saltati in silenzio."""
    assert NOTEBOOKS, f"nessun notebook trovato sotto {REPO_ROOT / CHAPTERS_DIR}"


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
@pytest.mark.parametrize(
    "path", NOTEBOOKS, ids=lambda path: path.relative_to(REPO_ROOT).as_posix()
)
def test_notebook_hygiene(path: Path, check):
    problems = check(load_notebook(path))
    assert not problems, (
        f"{path.relative_to(REPO_ROOT)}:\n  - " + "\n  - ".join(problems)
    )


# --------------------------------------------------------------------------
# Ogni controllo sa fallire: notebook minimi in memoria
# --------------------------------------------------------------------------


def make_notebook(*cells: dict, metadata: dict | None = None) -> dict:
    cells = [{"id": f"c{i}", **cell} for i, cell in enumerate(cells)]
    return {
        "cells": cells,
        "metadata": metadata or {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def code_cell(source: str, outputs: list | None = None,
              execution_count: int | None = None, tags: list | None = None) -> dict:
    return {
        "cell_type": "code",
        "execution_count": execution_count,
        "metadata": {"tags": tags} if tags else {},
        "outputs": outputs or [],
        "source": source.splitlines(keepends=True),
    }


def stream_output(text: str) -> dict:
    return {"output_type": "stream", "name": "stdout", "text": [text]}


def display_output(data: dict) -> dict:
    return {"output_type": "display_data", "data": data, "metadata": {}}


CLEAN_NOTEBOOK = make_notebook(
    {"cell_type": "markdown", "metadata": {}, "source": ["# Titolo"]},
    code_cell("x = 1\n"),
    code_cell("print(3)\n", [stream_output("3\n")], 4, tags=[CHECK_OUTPUT_TAG]),
    metadata={"kernelspec": {"name": "python3"}},
)


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
def test_clean_notebook_passes(check):
    assert check(CLEAN_NOTEBOOK) == []


@pytest.mark.parametrize("mime", IMAGE_MIME_TYPES)
def test_image_output_is_found(mime):
    nb = make_notebook(
        code_cell("plot()\n", [display_output({mime: "xxx", "text/plain": "<Figure>"})], 1,
                  tags=[CHECK_OUTPUT_TAG])
    )
    assert find_image_outputs(nb) == [f"cella 1: output con immagine {mime}"]


def test_widget_state_is_found():
    nb = make_notebook(
        code_cell("x = 1\n"),
        metadata={"widgets": {WIDGET_STATE_MIME: {"state": {}, "version_major": 2}}},
    )
    assert len(find_widget_state(nb)) == 1


def test_widget_view_is_found():
    nb = make_notebook(
        code_cell("x = 1\n"),
        code_cell("slider\n", [display_output({WIDGET_VIEW_MIME: {"model_id": "abc"}})], 2,
                  tags=[CHECK_OUTPUT_TAG]),
    )
    problems = find_widget_views(nb)
    assert len(problems) == 1 and problems[0].startswith("cella 2:")


def test_unchecked_output_is_found():
    nb = make_notebook(code_cell("print(1)\n", [stream_output("1\n")], 1))
    assert len(find_unchecked_outputs(nb)) == 1


def test_visible_marker_is_found():
    """Il commento non conta come marca (nbval lo leggerebbe, ma il lettore lo vede): serve il tag."""
    nb = make_notebook(code_cell("# NBVAL_CHECK_OUTPUT\nprint(1)\n", [stream_output("1\n")], 1))
    assert len(find_visible_markers(nb)) == 1
    assert len(find_unchecked_outputs(nb)) == 1


@pytest.mark.parametrize(
    ("outputs", "execution_count", "expected"),
    [
        ([], None, 2),                     # né output né numero di esecuzione
        ([], 1, 1),                        # manca l'output
        ([stream_output("2\n")], None, 1),  # manca il numero di esecuzione
    ],
)
def test_checked_cell_without_output_is_found(outputs, execution_count, expected):
    nb = make_notebook(code_cell("print(2)\n", outputs, execution_count, tags=[CHECK_OUTPUT_TAG]))
    assert len(find_checked_cells_without_output(nb)) == expected


def test_missing_cell_id_is_found():
    nb = make_notebook(code_cell("x = 1\n"), code_cell("y = 2\n"))
    del nb["cells"][1]["id"]
    assert find_missing_cell_ids(nb) == [
        "cella 2: manca il campo 'id' (richiesto da nbformat 4.5; "
        "riaprire e salvare il notebook in JupyterLab)"
    ]
    nb["nbformat_minor"] = 4  # prima della 4.5 gli id non esistono
    assert find_missing_cell_ids(nb) == []


def test_list_notebooks_outside_git(tmp_path):
    """Fuori da un repository git si ricorre al glob."""
    (tmp_path / CHAPTERS_DIR / ".ipynb_checkpoints").mkdir(parents=True)
    (tmp_path / CHAPTERS_DIR / "a.ipynb").write_text("{}")
    (tmp_path / CHAPTERS_DIR / ".ipynb_checkpoints" / "a-checkpoint.ipynb").write_text("{}")
    (tmp_path / CHAPTERS_DIR / "b.md").write_text("")
    assert list_notebooks(tmp_path) == [tmp_path / CHAPTERS_DIR / "a.ipynb"]
