# Makefile del libro "Ottimizzazione delle reti neurali" (GNU make).
#
#   make book   costruisce il libro in _build/html
#   make pdf    il libro in PDF, con e senza soluzioni, in _build/pdf (LaTeX)
#   make test   test della libreria e dei notebook, costruzione rigorosa, controlli sull'HTML
#   make lab    apre JupyterLab sul repository
#   make clean  cancella _build
#   make output riesegue i notebook e salva gli output controllati da nbval
#   make bench  misure dei cursori: kernel, fotogrammi del sito, browser (BENCH_OPTS=--clone: anche make test)
#   make esercizi  scrive in esercizi/ i capitoli senza soluzioni, per gli studenti
#
# Al primo uso crea l'ambiente virtuale .venv con $(PYTHON3) (Python >= 3.11 con i
# moduli venv ed ensurepip; un altro con `make PYTHON3=/percorso/python3.13`) e vi
# installa requirements.txt (compreso il pacchetto `lib` in modalità modificabile).
# Prima di ogni lavoro lungo controlla che ci sia ciò che serve, e se manca qualcosa
# lo dice in una riga.

# Bash con pipefail: un comando che fallisce in una pipeline fa fallire la ricetta.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

VENV := .venv
PY := $(VENV)/bin/python
JB := $(VENV)/bin/jupyter-book
PYTHON3 ?= python3

# File che segna l'ambiente come installato e aggiornato.
STAMP := $(VENV)/.installato

# pytest con codice di uscita 5 ("nessun test raccolto") fallisce comunque,
# ma con un messaggio esplicito invece di un anonimo "Error 5".
define pytest
$(PY) -m pytest $(1) || { rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "ERRORE: pytest non ha raccolto nessun test ($(strip $(1)))." >&2; fi; \
	  exit $$rc; }
endef

.PHONY: book pdf test lab clean setup output controlla-python controlla-tex

# Controlli preliminari, un istante prima di ogni lavoro lungo: se manca qualcosa,
# una riga in italiano dice che cosa installare e make si ferma.
# Python serve solo per creare .venv (se c'è già, non si guarda).
controlla-python:
	@if ! $(PY) -m pip --version >/dev/null 2>&1; then \
	  command -v $(PYTHON3) >/dev/null 2>&1 || { echo "ERRORE: manca $(PYTHON3): serve Python >= 3.11 (Debian: apt-get install python3 python3-venv), oppure make PYTHON3=/percorso/python3." >&2; exit 1; }; \
	  $(PYTHON3) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { echo "ERRORE: $(PYTHON3) è Python $$($(PYTHON3) -c 'import platform; print(platform.python_version())' 2>/dev/null); ne serve uno >= 3.11: make PYTHON3=/percorso/python3.11" >&2; exit 1; }; \
	  $(PYTHON3) -c 'import venv, ensurepip' 2>/dev/null || { echo "ERRORE: a $(PYTHON3) mancano i moduli venv ed ensurepip: installare il pacchetto Debian python3-venv (apt-get install python3-venv)." >&2; exit 1; }; \
	fi
# Il TeX per il PDF (programmi, pacchetti LaTeX, caratteri): da root lo installa
# con apt-get, altrimenti dice quali pacchetti Debian installare. Con il Python di
# .venv se c'è già, altrimenti con quello di sistema (tools/pdf.py --controlla usa
# solo la libreria standard).
controlla-tex: controlla-python
	@$(if $(wildcard $(PY)),$(PY),$(PYTHON3)) tools/pdf.py --controlla
# Costruzione del libro (incrementale: Sphinx rilegge solo le pagine cambiate,
# che vengono rieseguite perché _config.yml usa execute_notebooks: force).
book: $(STAMP)
	$(JB) build .
	@echo "Libro costruito: apri _build/html/index.html"

# Il libro in PDF: _build/pdf/libro.pdf e _build/pdf/libro-studenti.pdf (tools/pdf.py);
# se il sito è già costruito, anche in _build/html/ per il pulsante «Scarica».
pdf: controlla-tex $(STAMP)
	$(PY) tools/pdf.py

# Le cinque fasi dei test, in ordine; la prima che fallisce ferma tutto. La quinta (il PDF)
# solo se c'è il TeX: da root lo si installa; altrimenti è saltata dicendo perché.
test: $(STAMP)
	@echo "== 1/5 Test della libreria e igiene dei notebook =="
	time $(call pytest,tests --ignore=tests/html --ignore=tests/pdf)
	@echo "== 2/5 nbval: esecuzione di ogni notebook (celle con il tag nbval-check-output confrontate) =="
	time $(call pytest,--nbval-lax --nbval-current-env chapters/)
	@echo "== 3/5 Costruzione rigorosa (-W -n --keep-going), da zero =="
# Si cancella _build: tutti i notebook vengono rieseguiti (niente cache)
# e Sphinx rilegge ogni pagina, quindi riemette ogni avviso.
	rm -rf _build
	time $(JB) build . -W -n --keep-going
	@echo "== 4/5 Controlli sull'HTML costruito =="
	time $(call pytest,tests/html)
	@echo "== 5/5 Il libro in PDF (rigoroso) e i suoi controlli =="
	if $(PY) tools/pdf.py --controlla; then \
	  time $(PY) tools/pdf.py --rigoroso; \
	  time $(call pytest,tests/pdf); \
	else echo "Fase 5 saltata: senza il TeX il PDF non è controllato."; fi
	@echo "Tutti i test sono passati."

# JupyterLab con radice nel repository. Opzioni in più con LAB_OPTS,
# ad esempio in un container come root: make lab LAB_OPTS=--allow-root
LAB_OPTS ?=
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(LAB_OPTS)

clean:
	rm -rf _build

# Riesegue i notebook e vi salva solo gli output delle celle con il tag nbval-check-output
# (dopo aver modificato un capitolo o lib/ in modo che cambi un numero controllato).
output: $(STAMP)
	$(PY) tools/refresh_outputs.py chapters/*.ipynb

# Edizione per gli studenti: i capitoli senza le celle con il tag `soluzione`
# (tolte dal TagRemovePreprocessor di nbconvert) e senza output, in esercizi/.
.PHONY: esercizi
esercizi: $(STAMP)
	rm -rf esercizi
	$(PY) tools/student_edition.py esercizi chapters/*.ipynb
	@echo "Edizione per gli studenti in esercizi/: distribuitela insieme a lib/ (vedi README)."

# Misure dei cursori (non sono test, tools/bench.py): ogni movimento di ogni cursore nel kernel,
# in multipli di un metro misurato nella stessa esecuzione; i fotogrammi del sito di ogni pannello;
# nel browser, dal movimento all'immagine dipinta (sul sito già costruito, se c'è). BENCH_OPTS=--clone
# misura anche make test su un clone pulito (alcuni minuti: crea l'ambiente da zero).
BENCH_OPTS ?=
.PHONY: bench
# Un obiettivo mancato fa fallire make bench, ma dopo tutte le misure (anche la prima pittura).
bench: $(STAMP)
	@status=0; $(PY) tools/bench.py $(BENCH_OPTS) || status=$$?; \
	if [ -d _build/html ]; then $(PY) tools/prima_pittura.py --senza-gzip --prove 1 && $(PY) tools/prima_pittura.py || status=$$?; \
	else echo "Prima pittura: non misurata (serve il sito costruito: make book)."; fi; \
	exit $$status

# Alias: solo installazione/aggiornamento dell'ambiente.
setup: $(STAMP)

# Crea .venv se manca, aggiorna pip e installa le dipendenze; si ripete quando
# cambiano requirements.txt o pyproject.toml.
$(STAMP): requirements.txt pyproject.toml | controlla-python
# un .venv senza pip (creazione interrotta) si ricrea da capo
	$(PY) -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV) && $(PYTHON3) -m venv $(VENV); }
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -r requirements.txt
	touch $@
