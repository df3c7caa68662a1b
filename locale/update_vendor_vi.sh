#!/bin/sh
# Refresh locale/vi/LC_MESSAGES/{django,djangojs}.po from the installed django-viewflow and
# django-filter packages (run after upgrading either of them), keep every existing
# translation, then recompile the .mo files. New strings come out untranslated: the
# script lists them at the end; translate them in the .po and run it again.
#
#   sh locale/update_vendor_vi.sh            (from the project root; needs GNU gettext)
#
# Do NOT run `manage.py makemessages -l vi` / `makemessages -a`: makemessages only scans
# the project, so it would mark every viewflow/django-filter entry obsolete.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
OUT=$ROOT/locale/vi/LC_MESSAGES
SITE=$("$PY" -c 'import importlib.util as u, os; print(os.path.dirname(os.path.dirname(u.find_spec("viewflow").origin)))')
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

cat > "$TMP/extract_settings.py" <<'EOF'
SECRET_KEY = "extract-only"
USE_I18N = True
INSTALLED_APPS = []
LOCALE_PATHS = []
EOF

# 1. msgids of the python code and templates (domain "django") of both packages.
for pkg in viewflow django_filters; do
    mkdir -p "$TMP/$pkg/locale"
    cp -r "$SITE/$pkg" "$TMP/$pkg/"
    rm -rf "$TMP/$pkg/$pkg/locale" "$TMP/$pkg/$pkg/static"
    (cd "$TMP/$pkg" && PYTHONPATH="$TMP" DJANGO_SETTINGS_MODULE=extract_settings \
        "$PY" -m django makemessages -l vi >/dev/null)
done
msgcat --use-first -o "$TMP/vendor.po" \
    "$TMP/viewflow/locale/vi/LC_MESSAGES/django.po" \
    "$TMP/django_filters/locale/vi/LC_MESSAGES/django.po"

# 2. Keep the supplementary Django-core entries (references start with django/).
msggrep -N 'django/*' -N 'django/*/*' -N 'django/*/*/*' -N 'django/*/*/*/*' \
    -N 'django/*/*/*/*/*' -N 'django/*/*/*/*/*/*' -o "$TMP/django_gaps.po" "$OUT/django.po" || true

msgmerge --quiet --no-fuzzy-matching -o "$TMP/merged.po" "$OUT/django.po" "$TMP/vendor.po"
msgattrib --no-obsolete -o "$TMP/merged.po" "$TMP/merged.po"
if [ -s "$TMP/django_gaps.po" ]; then
    # A supplement entry wins over a vendor entry with the same msgid. This also settles
    # a msgid used with a plural by Django and without one by viewflow ("Please correct
    # the error below."), a pair msgcat refuses: the vendor entry is dropped.
    msgexec -i "$TMP/django_gaps.po" sh -c '[ -z "$MSGEXEC_MSGID" ] || printf "%s\n" "$MSGEXEC_MSGID"' \
        | sed 's#[][\.*^$+?(){}|]#\\&#g; s#.*#^&$#' > "$TMP/gap_msgids"
    msggrep -v -K -E -f "$TMP/gap_msgids" -o "$TMP/merged.po" "$TMP/merged.po"
    msgcat --use-first -o "$OUT/django.po" "$TMP/merged.po" "$TMP/django_gaps.po"
else
    cp "$TMP/merged.po" "$OUT/django.po"
fi

# 3. viewflow's bundled JavaScript (domain "djangojs"; used only if a JavaScriptCatalog
#    view named "javascript-catalog" is mounted). The bundle calls gettext as gt() and
#    pgettext as K(); re-check these aliases after an upgrade.
xgettext -L JavaScript --from-code=UTF-8 --keyword= --keyword=gt --keyword=K:1c,2 \
    -o "$TMP/js.pot" "$SITE/viewflow/static/viewflow/js/viewflow.min.js"
msgmerge --quiet --no-fuzzy-matching --no-location -o "$TMP/js.po" "$OUT/djangojs.po" "$TMP/js.pot"
msgattrib --no-obsolete -o "$OUT/djangojs.po" "$TMP/js.po"

# 4. Compile and report what still needs a translation.
for f in django djangojs; do
    msgfmt --check --statistics -o "$OUT/$f.mo" "$OUT/$f.po"
    msgattrib --untranslated --no-obsolete "$OUT/$f.po" | grep '^msgid "..*"' || true
done
