"""Pacchetti Debian installati con apt-get, per i comandi che ne hanno bisogno (il TeX, Chromium).

Solo la libreria standard: lo usano ``tools/pdf.py --controlla`` prima che l'ambiente
virtuale esista e i test del browser (``tests/html/browser.py``).
"""

import os
import shutil
import subprocess


def install(packages: list[str]) -> str:
    """Installa ``packages`` con ``apt-get`` (da root); restituisce un motivo se non si può.

    Stringa vuota: installati.
    """
    if shutil.which("apt-get") is None:
        return "manca apt-get"
    if os.geteuid() != 0:
        return "serve l'utente root"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"],
                    ["apt-get", "install", "-y", "--no-install-recommends", *packages]):
        if subprocess.run(command, env=env, capture_output=True).returncode != 0:
            return f"`{' '.join(command[:3])} …` non è riuscito"
    return ""
