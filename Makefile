# The README's two commands: `make run` and `make test`. Everything they need is set up here.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# Debian packages the tests need: Qt's runtime libraries for the offscreen platform and QtWebEngine,
# a font, Xvfb for screenshots; a real WordPress (with MariaDB and PHP) and a real Secret Service
# (gnome-keyring) for the publishing tests; the freedesktop tools for the desktop integration tests.
DEB_TEST_PACKAGES := libgl1 libegl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 \
	libnss3 libasound2 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1 libxshmfence1 \
	libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 \
	libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core xvfb xauth trayer \
	wordpress mariadb-server php-cli php-mysql php-xml gnome-keyring dbus-daemon \
	desktop-file-utils xdg-utils gtk-update-icon-cache build-essential hugo jekyll python3-dev \
	hunspell-en-us hunspell-en-gb libenchant-2-2

.PHONY: run test lint screenshot deb-packages clean bench soak install-desktop uninstall-desktop translations

# The window's strings (tr / translate in editor/ui) into the template catalogue longhand.ts, the pseudo-locale
# en_XA made from it (every string bracketed and accented), compiled to the .qm the wheel ships.
TRANSLATIONS := resources/translations
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -locations none -no-obsolete $(wildcard editor/ui/*.py) -ts $(TRANSLATIONS)/longhand.ts
	$(PY) -m editor.core.pseudo_locale $(TRANSLATIONS)/longhand.ts $(TRANSLATIONS)/longhand_en_XA.ts
	$(VENV)/bin/pyside6-lrelease $(TRANSLATIONS)/longhand_en_XA.ts -qm $(TRANSLATIONS)/longhand_en_XA.qm

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip setuptools wheel
	$(PY) -m pip install --quiet -e '.[test,lint]'
	touch $@

run: $(STAMP)
	$(VENV)/bin/longhand $(ARGS)

# Longhand in the desktop's applications (launcher, icon, longhand:// links), running this checkout's .venv.
install-desktop: $(STAMP)
	$(VENV)/bin/longhand --install-desktop

uninstall-desktop: $(STAMP)
	$(VENV)/bin/longhand --uninstall-desktop

# Installs the Debian packages only when running as root on Debian and one of them is missing.
deb-packages:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  missing=$$(for p in $(DEB_TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	  if [ -n "$$missing" ]; then \
	    echo "Installing Debian packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  fi; \
	fi

# Habits: ruff (lint, import order, format) and mypy (strict on editor/core and editor/backends).
lint: $(STAMP)
	$(VENV)/bin/ruff check editor tests soak benchmarks docs
	$(VENV)/bin/ruff format --check editor tests soak benchmarks docs
	$(VENV)/bin/mypy

test: deb-packages $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

# A real window on a virtual X screen, with a real draft: the README's picture.
screenshot: deb-packages $(STAMP)
	xvfb-run -a -s "-screen 0 1400x900x24" $(PY) docs/make_screenshot.py docs/screenshot.png docs/inbox.png docs/dark.png

# Performance: drives the real window offscreen, prints a table and writes it into docs/performance.md
# ("Latest run"); exits non-zero when a target is missed (the table is written either way).
# `make bench DOCS=a.md,b.md` times those files' keystrokes instead of generated posts (docs left as they are).
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py $(if $(DOCS),--docs $(DOCS),--write-docs)

# Reliability: kill -9 while typing, exactly-once through a fault-injecting proxy, two runners, hostile
# comments, pulled posts naming local files, secrets, full disk; prints the table and writes
# docs/reliability.md. Needs root (a small tmpfs). `make soak SOAK_ARGS=--quick` for the small counts.
soak: deb-packages $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m soak.run $(SOAK_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache
