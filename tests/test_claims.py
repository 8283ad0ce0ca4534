"""Il testo legato ai calcoli: numeri incollati con ``glue`` e affermazioni verificate con ``assert``.

Due abitudini del libro (il README le spiega a chi scrive):

- un numero del testo che viene da un calcolo si inserisce dal calcolo:
  ``glue("chiave", valore)`` in una cella di codice (:func:`lib.notebook.glue`),
  ``{glue:text}`chiave:.3f``` nel testo;
- un'affermazione su che cosa fa un'esecuzione («diverge», «finisce più in
  basso») si verifica con ``assert`` in una cella nascosta (tag ``remove-cell``)
  accanto all'esecuzione: la costruzione fallisce il giorno in cui smette di
  essere vera.

Qui si contano, capitolo per capitolo, i numeri incollati e le affermazioni
verificate, e si controlla che ogni chiave usata nel testo sia definita e ogni
chiave definita sia usata. :data:`MINIMUM` fissa quanti ne deve avere almeno
ogni capitolo: un capitolo riscritto che li perde fa fallire il test.
"""

from __future__ import annotations

import ast
import re

import pytest
from IPython.core.inputtransformer2 import TransformerManager

from test_notebook_hygiene import NOTEBOOKS, REPO_ROOT, cell_source, load_notebook

#: per capitolo (prefisso del file): (numeri incollati, affermazioni verificate) almeno
MINIMUM = {
    "01": (41, 61),
    "02": (56, 63),
    "03": (0, 0),
    "04": (44, 48),
    "05": (37, 69),
}

GLUE_CALL = re.compile(r"""\bglue\(\s*(["'])(?P<key>[^"']+)\1""")
# {glue}`k`, {glue:text}`k:.3f`, {glue:math}`k`, {glue:md}`k`, {glue:figure}`k`
GLUE_ROLE = re.compile(r"\{glue(?::(?:text|any|math|md|figure))?\}`(?P<key>[^`:]+)(?::[^`]*)?`")
GLUE_DIRECTIVE = re.compile(r"^```\{glue(?::\w+)?\}\s+(?P<key>\S+)", re.MULTILINE)
HIDDEN = "remove-cell"


def glue_definitions(nb: dict) -> list[str]:
    """Le chiavi passate a ``glue(...)`` nelle celle di codice."""
    return [m["key"] for cell in nb["cells"] if cell["cell_type"] == "code"
            for m in GLUE_CALL.finditer(cell_source(cell))]


def glue_references(nb: dict) -> list[str]:
    """Le chiavi usate nel testo (ruoli e direttive ``glue``), didascalie delle figure comprese."""
    keys = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            text = cell_source(cell)
            keys += [m["key"] for pattern in (GLUE_ROLE, GLUE_DIRECTIVE) for m in pattern.finditer(text)]
        else:  # la didascalia di una figura (metadati mystnb) è testo MyST anche lei
            caption = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("caption", "")
            keys += [m["key"] for m in GLUE_ROLE.finditer(caption)]
    return keys


def asserted_claims(nb: dict) -> int:
    """Le istruzioni ``assert`` nelle celle nascoste (tag ``remove-cell``)."""
    count = 0
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and HIDDEN in cell.get("metadata", {}).get("tags", []):
            source = TransformerManager().transform_cell(cell_source(cell))  # i comandi magici (%pip) in Python
            count += sum(isinstance(node, ast.Assert) for node in ast.walk(ast.parse(source)))
    return count


def chapter_id(path) -> str:
    return path.name[:2]


CHAPTERS = [p for p in NOTEBOOKS if chapter_id(p) in MINIMUM]


def test_every_chapter_has_a_minimum():
    """Un capitolo nuovo va aggiunto a MINIMUM, altrimenti nessuno ne conterebbe i numeri."""
    assert {chapter_id(p) for p in NOTEBOOKS} <= set(MINIMUM), "aggiungere il capitolo a MINIMUM"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_glued_keys_match(path):
    nb = load_notebook(path)
    defined, used = glue_definitions(nb), glue_references(nb)
    duplicated = sorted({k for k in defined if defined.count(k) > 1})
    assert not duplicated, f"chiavi incollate due volte: {duplicated}"
    assert not set(used) - set(defined), f"chiavi usate nel testo ma mai incollate: {sorted(set(used) - set(defined))}"
    assert not set(defined) - set(used), f"chiavi incollate ma mai usate nel testo: {sorted(set(defined) - set(used))}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_numbers_and_claims_are_tied_to_code(path):
    nb = load_notebook(path)
    glued, claims = len(set(glue_references(nb))), asserted_claims(nb)
    least_glued, least_claims = MINIMUM[chapter_id(path)]
    print(f"{path.name}: {glued} numeri incollati, {claims} affermazioni verificate")
    assert glued >= least_glued, f"{glued} numeri incollati nel testo, ne servono almeno {least_glued}"
    assert claims >= least_claims, f"{claims} affermazioni verificate (assert in celle remove-cell), ne servono almeno {least_claims}"


# --------------------------------------------------------------------------
# I conteggi sanno fallire
# --------------------------------------------------------------------------


def _nb(*cells):
    return {"cells": [{"cell_type": t, "source": s, "metadata": {"tags": tags}} for t, s, tags in cells]}


def test_counting():
    nb = _nb(
        ("code", 'glue("fattore", 0.9048)\nglue("passi", 23)', []),
        ("markdown", "Il fattore vale {glue:text}`fattore:.4f`, in {glue}`passi` passi.", []),
        ("code", "assert traj.diverged\nassert f < 1e-3, 'f resta alto'", [HIDDEN]),
        ("code", "assert visibile", []),  # non nascosta: non conta
    )
    assert glue_definitions(nb) == ["fattore", "passi"]
    assert glue_references(nb) == ["fattore", "passi"]
    assert asserted_claims(nb) == 2


def test_caption_reference():
    nb = {"cells": [{"cell_type": "code", "source": "fig()", "metadata": {
        "mystnb": {"figure": {"caption": "Il fattore è {glue:text}`fattore:.4f`.", "name": "fig-x"}}}}]}
    assert glue_references(nb) == ["fattore"]


def test_directive_reference():
    nb = _nb(("markdown", "```{glue:figure} curva\n:name: fig-curva\n```", []))
    assert glue_references(nb) == ["curva"]
