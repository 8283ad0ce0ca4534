"""L'autoverifica della regolazione: accetta una buona scelta, e ogni diagnosi è raggiungibile."""

import ast

import pytest
from checks_helpers import assert_verdict
from test_notebook_hygiene import REPO_ROOT, cell_source, load_notebook

from lib.checks import check_tuning
from lib.checks.tuning import STARTING, STEPS, TARGET

# GD: per f − f* < 1e-3 in 50 passi serve (1 − 0.2η)^100 · 2.5 < 1e-3 e |1 − 4η|^100 · 8 < 1e-3,
# cioè 0.376 < η < 0.478 (a mano, dai fattori del capitolo 1); 0.45 sta nella finestra.
GOOD = {
    "GD": {"eta": 0.45}, "Momentum": {"eta": 0.4, "beta": 0.5}, "Adagrad": {"eta": 1.0},
    "RMSProp": {"eta": 0.1, "gamma": 0.99}, "Adadelta": {"gamma": 0.9, "eps": 0.01},
    "Adam": {"eta": 0.3, "beta1": 0.5, "beta2": 0.99},
}


def verdict_for(name, params):
    return check_tuning({**GOOD, name: params})


def test_the_exercise_is_the_one_in_the_text():
    assert (STEPS, TARGET) == (50, 1e-3)


def test_the_starting_values_fail_for_every_optimizer():
    verdict = check_tuning(STARTING)
    assert_verdict(verdict, False, "6 su 6")
    assert verdict.message.count("✗") == 6


def test_the_exercise_starts_from_the_starting_values():
    """La cella da completare del capitolo 5 è proprio STARTING (il testo dice che non basta a nessuno)."""
    nb = load_notebook(REPO_ROOT / "chapters" / "05-confronto.ipynb")
    first = next(cell_source(c) for c in nb["cells"]
                 if c["cell_type"] == "code" and cell_source(c).startswith("choices = {"))
    assert ast.literal_eval(first.split("=", 1)[1].strip()) == STARTING


def test_a_good_choice_passes():
    verdict = check_tuning(GOOD)
    assert_verdict(verdict, True, "Tutti sotto 0.001 in 50 passi")
    assert verdict.message.count("✓") == 6


@pytest.mark.parametrize("eta, ok", [(0.36, False), (0.39, True), (0.47, True), (0.49, False)])
def test_gd_window_derived_by_hand(eta, ok):
    assert verdict_for("GD", {"eta": eta}).ok is ok


@pytest.mark.parametrize("choices, expected", [
    ([1, 2], "choices deve essere un dizionario"),
    ({**GOOD, "SGD": {"eta": 0.1}}, "Ottimizzatore sconosciuto 'SGD'"),
    ({k: v for k, v in GOOD.items() if k != "Adam"}, "Mancano Adam"),
])
def test_malformed_choices(choices, expected):
    assert_verdict(check_tuning(choices), False, expected)


@pytest.mark.parametrize("name, params, expected", [
    ("GD", 0.45, "servono gli iperparametri in un dizionario"),
    ("Momentum", {"eta": 0.4, "momentum": 0.9}, "iperparametro sconosciuto momentum; quelli ammessi sono eta, beta"),
    ("Momentum", {"eta": 0.4, "beta": 1.5}, "valore non ammesso: beta deve essere un numero in [0, 1)"),
    ("GD", {"eta": 0.6}, "diverge al passo"),
    # |1 − 4·0.51| = 1.04: w₂ cresce come 1.04^k, in 50 passi non esplode ma il costo sale
    ("GD", {"eta": 0.51}, "il costo finale è più alto di quello iniziale"),
    ("Momentum", {"eta": 0.4, "beta": 0.95}, "il costo oscilla"),
    ("GD", {"eta": 0.001}, "troppo piano: aumentate η"),
    ("Adadelta", {"gamma": 0.9, "eps": 1e-6}, "troppo piano: aumentate ε"),
])
def test_every_diagnosis_is_reachable(name, params, expected):
    verdict = verdict_for(name, params)
    assert_verdict(verdict, False)
    line = next(line for line in verdict.message.splitlines() if f"{name}:" in line)
    assert line.startswith("  ✗") and expected in line
    assert "su 6" in verdict.message.splitlines()[0]
