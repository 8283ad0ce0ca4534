"""lib.notebook.glue: il valore arriva a myst-nb come numero di Python, senza comparire nella cella."""

import numpy as np
from IPython.core.interactiveshell import InteractiveShell

from lib.notebook import glue


def test_glue_publishes_plain_numbers(monkeypatch):
    published = []
    shell = InteractiveShell.instance()
    monkeypatch.setattr(shell.display_pub, "publish", lambda data, metadata=None, **kw: published.append((data, metadata)))
    glue("fattore", np.float64(0.9048))
    glue("passi", np.int64(23))
    (first, meta), (second, _) = published
    assert first == {"application/papermill.record/text/plain": "0.9048"}
    assert meta["scrapbook"]["name"] == "fattore"
    assert second == {"application/papermill.record/text/plain": "23"}


def test_glue_unwraps_zero_dimensional_arrays(monkeypatch):
    """Il massimo di una traiettoria è un array di dimensione 0 (di una sottoclasse): va pubblicato come numero."""
    from lib import GD, run

    published = []
    shell = InteractiveShell.instance()
    monkeypatch.setattr(shell.display_pub, "publish", lambda data, metadata=None, **kw: published.append(data))
    glue("massimo", run(GD(0.5), lambda w: 2 * w, 4.0, 3).max())
    assert published == [{"application/papermill.record/text/plain": "4.0"}]
