"""Scarica le librerie JavaScript che il sito serve in locale.

MathJax (le formule), il gestore dei widget di Jupyter e require.js vengono
pubblicati con il sito invece di essere caricati da una CDN: le pagine
funzionano anche offline e i test nel browser non dipendono dalla rete.

``npm pack`` scarica dal registro npm solo l'archivio di ogni pacchetto, senza
dipendenze, verificandone l'integrità; da ciascun archivio si estraggono i
file che servono in ``_sito/vendor/<cartella>/``, che ``_config.yml`` pubblica
come ``_static/<cartella>/``. Uso: ``python3 _sito/librerie_js.py``
(``make`` lo fa da sé).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "vendor"

# pacchetto npm (versione fissata) -> (cartella di destinazione, prefisso da
# togliere, file o cartelle da estrarre dopo il prefisso)
PACKAGES = {
    "mathjax@3.2.2": (
        "mathjax",
        "package/es5/",
        ("tex-mml-chtml.js", "input/", "output/chtml/", "ui/", "a11y/", "sre/", "adaptors/"),
    ),
    "@jupyter-widgets/html-manager@1.0.15": (
        "widgets",
        "package/dist/",
        ("embed-amd.js", ".woff2", ".woff", ".ttf", ".eot", ".svg", "embed.js.LICENSE.txt"),
    ),
    "requirejs@2.3.8": ("widgets", "package/", ("require.js",)),
}


def wanted(name: str, prefix: str, patterns: tuple[str, ...]) -> str | None:
    """Percorso di destinazione di un membro dell'archivio, o None se non serve.

    Un modello che finisce con ``/`` è una cartella, uno che comincia con
    ``.`` un'estensione (solo al primo livello), gli altri nomi di file.
    """
    if not name.startswith(prefix):
        return None
    rest = name[len(prefix):]
    for pattern in patterns:
        if pattern.endswith("/") and rest.startswith(pattern):
            return rest
        if pattern.startswith(".") and "/" not in rest and rest.endswith(pattern):
            return rest
        if rest == pattern:
            return rest
    return None


def extract(archive: Path, target: Path, prefix: str, patterns: tuple[str, ...]) -> int:
    """Estrae dall'archivio npm i file richiesti; restituisce quanti."""
    count = 0
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            rest = wanted(member.name, prefix, patterns)
            if rest is None or not member.isfile():
                continue
            member.name = rest
            tar.extract(member, target, filter="data")
            count += 1
    return count


def main() -> int:
    if shutil.which("npm") is None:
        print("ERRORE: serve npm (Node.js) per scaricare MathJax e il gestore dei widget.",
              file=sys.stderr)
        return 1
    shutil.rmtree(VENDOR, ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        for spec, (folder, prefix, patterns) in PACKAGES.items():
            packed = subprocess.run(
                ["npm", "pack", "--silent", "--pack-destination", tmp, spec],
                check=True, capture_output=True, text=True,
            ).stdout.split()[-1]
            count = extract(Path(tmp) / packed, VENDOR / folder, prefix, patterns)
            if count == 0:
                print(f"ERRORE: nessun file estratto da {spec}.", file=sys.stderr)
                return 1
            print(f"{spec}: {count} file in {VENDOR.name}/{folder}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
