"""L'estensione del sito (``_sito/``): le parti che si provano senza costruire il libro."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from pybtex.database import parse_string

SITO = Path(__file__).resolve().parents[2] / "_sito"
sys.path.insert(0, str(SITO))

from bibliografia import StileItaliano  # noqa: E402 (dopo il percorso di _sito)
from sito import without_scripts  # noqa: E402

ENTRIES = r"""
@inproceedings{atti,
  author = {Rossi, Anna and Bianchi, Bruno and Verdi, Carla},
  editor = {Neri, Dario and Gialli, Elena},
  title = {Un metodo},
  booktitle = {Proceedings of Something},
  pages = {1--9},
  year = {2020},
  url = {https://example.org/a}
}
@incollection{raccolta,
  author = {Rossi, Anna},
  editor = {Neri, Dario},
  title = {Un capitolo},
  booktitle = {Un libro},
  publisher = {Editore},
  chapter = {3},
  year = {2019}
}
@techreport{rapporto,
  author = {Rossi, Anna and Bianchi, Bruno},
  title = {Un rapporto},
  institution = {Istituto},
  year = {2018}
}
@phdthesis{tesi,
  author = {Verdi, Carla},
  title = {Una tesi},
  school = {Università},
  year = {2017}
}
@book{libro,
  editor = {Neri, Dario and Gialli, Elena},
  title = {Un volume},
  publisher = {Editore},
  volume = {2},
  series = {Collana},
  edition = {Second},
  year = {2016}
}
"""


@pytest.fixture(scope="module")
def formatted() -> dict[str, str]:
    data = parse_string(ENTRIES, "bibtex")
    entries = StileItaliano().format_entries(data.entries.values())
    return {entry.key: entry.text.render_as("text") for entry in entries}


def test_bibliography_style_is_italian(formatted):
    text = " ".join(formatted.values())
    for english in (r" and ", r"\bIn (?!rete:)", r"URL:", r"editor", r"pages", r"Technical Report",
                    r"PhD thesis", r"\bedition", r"Volume"):
        assert not re.search(english, text), (english, text)
    assert formatted["atti"].startswith("Anna Rossi, Bruno Bianchi e Carla Verdi. Un metodo. "
                                        "Atti di Proceedings of Something, a cura di Dario Neri "
                                        "e Elena Gialli, pagine 1–9. 2020.")
    assert "pagine 1–9" in formatted["atti"]
    assert "In rete: https://example.org/a" in formatted["atti"]
    assert "Nel volume Un libro, a cura di Dario Neri, capitolo 3. Editore" in formatted["raccolta"]
    assert "capitolo 3" in formatted["raccolta"]
    assert "Rapporto tecnico, Istituto, 2018." in formatted["rapporto"]
    assert "Tesi di dottorato, Università, 2017." in formatted["tesi"]
    assert formatted["libro"].startswith("A cura di Dario Neri e Elena Gialli. Un volume. "
                                         "Vol. 2 di Collana. Editore, second edizione, 2016.")


def test_without_scripts():
    html = ('<script defer src="../_static/scripts/fontawesome.js?digest=1"></script>\n'
            '<link rel="preload" as="script" href="../_static/scripts/bootstrap.js" />\n'
            '<script src="../_static/searchtools.js"></script>\n'
            '<script src="../searchindex.js"></script>\n'
            '<script src="../_static/sito.js?v=2"></script>\n')
    assert str(without_scripts(html)) == (
        '<link rel="preload" as="script" href="../_static/scripts/bootstrap.js" />\n'
        '<script src="../_static/sito.js?v=2"></script>\n')
