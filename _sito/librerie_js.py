"""Scarica con npm il gestore dei widget di Jupyter e require.js, serviti dal sito.

PROVVISORIO: servono solo finché le pagine statiche mostrano i widget con il
gestore di ipywidgets (``embed-amd.js``); quando i cursori useranno i
fotogrammi precalcolati, si cancellano questo file, la regola ``vendor`` del
Makefile, ``nb_ipywidgets_js`` in ``_config.yml`` e la riserva sulla CDN in
``sito.py`` (``local_widgets``). MathJax non passa di qui: viene dal pacchetto
Python ``sphinx-mathjax-offline`` (``requirements.txt``, vedi ``sito.py``).

``npm pack`` scarica dal registro npm solo l'archivio di ogni pacchetto, senza
dipendenze, verificandone l'integrità; da ciascun archivio si estraggono i
file che servono in ``_sito/vendor/widgets/``, che ``_config.yml`` pubblica
come ``_static/widgets/``. Uso: ``python3 _sito/librerie_js.py`` (``make`` lo
fa da sé). Funziona con ogni Python ≥ 3.8: l'estrazione non usa il ``filter``
di ``tarfile`` (che esiste solo da Python 3.11.4).
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
# togliere, file da estrarre dopo il prefisso)
PACKAGES = {
    "@jupyter-widgets/html-manager@1.0.15": (
        "widgets",
        "package/dist/",
        ("embed-amd.js", ".woff2", ".woff", ".ttf", ".eot", ".svg", "embed.js.LICENSE.txt"),
    ),
    "requirejs@2.3.8": ("widgets", "package/", ("require.js",)),
}


def wanted(name: str, prefix: str, patterns: tuple[str, ...]) -> str | None:
    """Nome di destinazione di un membro dell'archivio, o None se non serve.

    Si prendono solo file al primo livello dopo ``prefix``: un modello che
    comincia con ``.`` è un'estensione, gli altri sono nomi di file.
    """
    if not name.startswith(prefix):
        return None
    rest = name[len(prefix):]
    if "/" in rest or "\\" in rest or rest in ("", ".", ".."):
        return None
    if any(rest.endswith(p) if p.startswith(".") else rest == p for p in patterns):
        return rest
    return None


def extract(archive: Path, target: Path, prefix: str, patterns: tuple[str, ...]) -> int:
    """Copia dall'archivio npm i file regolari richiesti in ``target``; restituisce quanti.

    Si leggono solo i contenuti dei file (niente collegamenti, permessi o
    proprietari dall'archivio) e si scrivono con nomi senza cartelle.
    """
    target.mkdir(parents=True, exist_ok=True)
    count = 0
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            rest = wanted(member.name, prefix, patterns)
            if rest is None or not member.isfile():
                continue
            source = tar.extractfile(member)
            if source is None:
                continue
            with source, open(target / rest, "wb") as destination:
                shutil.copyfileobj(source, destination)
            count += 1
    return count


def main() -> int:
    if shutil.which("npm") is None:
        print("ERRORE: manca npm (Debian: apt-get install npm), che per ora scarica il gestore "
              "dei widget del sito.", file=sys.stderr)
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
