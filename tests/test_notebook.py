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
