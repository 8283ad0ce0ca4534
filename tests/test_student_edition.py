"""L'edizione per gli studenti (``make esercizi``): soluzioni marcate, tolte, e notebook che girano ancora.

Prima metà: ogni cella che appartiene a una soluzione (le celle
``{solution-start}`` … ``{solution-end}`` e quelle fra loro, e le direttive
``{solution}`` in una cella sola) porta il tag ``soluzione``, nessun'altra lo
porta, e ogni soluzione è un blocco a scomparsa (``:class: dropdown``), chiuso
finché il lettore non lo apre. Seconda metà: l'edizione costruita in una
cartella temporanea non contiene più nulla delle soluzioni, gli esercizi restano
completi e i notebook girano sotto nbval (circa 30 secondi: cinque kernel).
"""

from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import pytest
from student_edition import TAG, build
from test_notebook_hygiene import NOTEBOOKS, REPO_ROOT, cell_source, make_notebook

#: una direttiva di sphinx-exercise all'inizio di una riga (``` o ~~~ o :::)
DIRECTIVE = re.compile(r"^\s*(?:`{3,}|~{3,}|:{3,})\{((?:solution|exercise)(?:-start|-end)?)\}(.*)$", re.M)


def directives(cell: dict) -> list[str]:
    """I nomi delle direttive di esercizi e soluzioni nella cella (``solution-start``, ``exercise``, …)."""
    return [m.group(1) for m in DIRECTIVE.finditer(cell_source(cell))] if cell.get("cell_type") == "markdown" else []


def solution_cells(nb: dict) -> set[int]:
    """Gli indici (da 0) delle celle che appartengono a una soluzione."""
    inside, found = False, set()
    for index, cell in enumerate(nb["cells"]):
        kinds = directives(cell)
        if inside or any(kind.startswith("solution") for kind in kinds):
            found.add(index)
        if "solution-start" in kinds:
            inside = True
        if "solution-end" in kinds:
            inside = False
    return found


def is_tagged(cell: dict) -> bool:
    return TAG in cell.get("metadata", {}).get("tags", [])


def find_tagging_problems(nb: dict) -> list[str]:
    """Celle di una soluzione senza il tag, celle con il tag fuori da una soluzione."""
    solutions = solution_cells(nb)
    problems = []
    for index, cell in enumerate(nb["cells"]):
        if index in solutions and not is_tagged(cell):
            problems.append(f"cella {index + 1}: fa parte di una soluzione ma non ha il tag '{TAG}'")
        if index not in solutions and is_tagged(cell):
            problems.append(f"cella {index + 1}: ha il tag '{TAG}' ma non fa parte di una soluzione")
    return problems


def find_unbalanced(nb: dict, family: str) -> list[str]:
    """Un ``{family}-start`` senza il suo ``{family}-end`` (o viceversa), o due aperti insieme."""
    problems, open_at = [], None
    for index, cell in enumerate(nb["cells"], start=1):
        for kind in directives(cell):
            if kind == f"{family}-start":
                if open_at:
                    problems.append(f"cella {index}: {kind} mentre è aperto quello della cella {open_at}")
                open_at = index
            elif kind == f"{family}-end":
                if not open_at:
                    problems.append(f"cella {index}: {kind} senza {family}-start")
                open_at = None
    if open_at:
        problems.append(f"cella {open_at}: {family}-start senza {family}-end")
    return problems


def find_open_solutions(nb: dict) -> list[str]:
    """Soluzioni senza ``:class: dropdown``: sul sito sarebbero aperte fin dall'inizio."""
    problems = []
    for index, cell in enumerate(nb["cells"], start=1):
        source = cell_source(cell)
        for match in DIRECTIVE.finditer(source):
            if match.group(1) in ("solution", "solution-start"):
                options = source[match.end():].split("\n```")[0]
                if not re.search(r"^:class:.*\bdropdown\b", options, re.M):
                    problems.append(f"cella {index}: {match.group(1)} senza ':class: dropdown'")
    return problems


# --------------------------------------------------------------------------
# I capitoli del repository
# --------------------------------------------------------------------------

CHECKS = [find_tagging_problems, find_open_solutions,
          lambda nb: find_unbalanced(nb, "solution") + find_unbalanced(nb, "exercise")]


@pytest.mark.parametrize("check", CHECKS, ids=["tag", "dropdown", "bilanciate"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_chapter_solutions(path, check):
    problems = check(nbformat.read(path, as_version=4))
    assert not problems, f"{path.name}:\n  - " + "\n  - ".join(problems)


def test_every_chapter_has_a_solution_and_a_checked_code_exercise():
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert solution_cells(nb), path.name
        assert any("from lib.checks import" in cell.source for cell in nb.cells if not is_tagged(cell)), path.name


# --------------------------------------------------------------------------
# Ogni controllo sa fallire
# --------------------------------------------------------------------------


def markdown(source: str, tagged: bool = False) -> dict:
    return {"cell_type": "markdown", "metadata": {"tags": [TAG]} if tagged else {}, "source": source}


def code(source: str, tagged: bool = False) -> dict:
    return {"cell_type": "code", "metadata": {"tags": [TAG]} if tagged else {}, "source": source,
            "outputs": [], "execution_count": None}


START = "```{solution-start} es\n:class: dropdown\n```"
END = "```{solution-end}\n```"
ONE_CELL = "```{solution} es\n:class: dropdown\n\nTesto.\n```"

GOOD = make_notebook(markdown("```{exercise} E\n:label: es\n```"), markdown(START, True), code("x = 1", True),
                     markdown(END, True), markdown(ONE_CELL, True), code("y = 2"))


def test_a_well_tagged_notebook_passes():
    assert [check(GOOD) for check in CHECKS] == [[], [], []]
    assert solution_cells(GOOD) == {1, 2, 3, 4}


@pytest.mark.parametrize("index", [1, 2, 3, 4])
def test_an_untagged_solution_cell_is_found(index):
    nb = make_notebook(*GOOD["cells"])
    nb["cells"][index]["metadata"] = {}
    assert find_tagging_problems(nb) == [f"cella {index + 1}: fa parte di una soluzione ma non ha il tag '{TAG}'"]


def test_a_tagged_cell_outside_a_solution_is_found():
    nb = make_notebook(*GOOD["cells"][:5], code("y = 2", tagged=True))
    assert find_tagging_problems(nb) == [f"cella 6: ha il tag '{TAG}' ma non fa parte di una soluzione"]


def test_an_open_solution_is_found():
    nb = make_notebook(markdown("```{solution-start} es\n```"), markdown(ONE_CELL.replace("dropdown", "tip")))
    assert find_open_solutions(nb) == ["cella 1: solution-start senza ':class: dropdown'",
                                       "cella 2: solution senza ':class: dropdown'"]


def test_unbalanced_directives_are_found():
    nb = make_notebook(markdown("```{exercise-start} A\n```"), markdown("```{exercise-start} B\n```"))
    assert find_unbalanced(nb, "exercise") == ["cella 2: exercise-start mentre è aperto quello della cella 1",
                                               "cella 2: exercise-start senza exercise-end"]
    assert find_unbalanced(make_notebook(markdown(END)), "solution") == ["cella 1: solution-end senza solution-start"]


# --------------------------------------------------------------------------
# L'edizione costruita
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Una cartella con l'edizione per gli studenti, costruita con lo stesso script di ``make esercizi``."""
    folder = tmp_path_factory.mktemp("esercizi")
    build(folder, NOTEBOOKS)
    return folder


@pytest.fixture(scope="module")
def edition(folder):
    """Coppie (capitolo, sua versione per gli studenti)."""
    return [(nbformat.read(path, as_version=4), nbformat.read(folder / path.name, as_version=4))
            for path in NOTEBOOKS]


def test_no_solution_survives(edition):
    for original, student in edition:
        removed = [original.cells[i] for i in sorted(solution_cells(original))]
        kept = {cell.id: cell.source for cell in student.cells}
        assert len(student.cells) == len(original.cells) - len(removed)
        assert not solution_cells(student) and not any(map(is_tagged, student.cells))
        assert not any(cell.id in kept or cell.source in kept.values() for cell in removed)
        assert all(not cell.get("outputs") and cell.get("execution_count") is None
                   for cell in student.cells if cell.cell_type == "code")


def test_exercises_survive_whole(edition):
    for original, student in edition:
        exercise_cells = [cell.source for cell in original.cells
                          if not is_tagged(cell) and (directives(cell) or "lib.checks" in cell.source)]
        assert exercise_cells and exercise_cells == [cell.source for cell in student.cells
                                                     if directives(cell) or "lib.checks" in cell.source]
        assert find_unbalanced(student, "exercise") == []


def test_student_notebooks_run_under_nbval(folder):
    """Le celle che verificano un esercizio non scritto non falliscono: il verdetto lo dice a parole."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(REPO_ROOT / "pyproject.toml"),
         "--rootdir", str(folder), "--nbval-lax", "--nbval-current-env", str(folder)],
        capture_output=True, text=True, cwd=folder,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
