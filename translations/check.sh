#!/usr/bin/env bash
# Fails when a catalogue is out of date with the sources: a source string without a translation
# (new, or changed), or a translation whose string is gone.
#   check.sh LUPDATE SOURCES_LIST TS...
set -euo pipefail
lupdate="$1"; sources="$2"; shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for ts in "$@"; do
    copy="$work/$(basename "$ts")"
    cp "$ts" "$copy"
    # The English catalogue holds plural forms only.
    only=()
    case "$ts" in *_en.ts) only=(-pluralonly) ;; esac
    "$lupdate" -silent "${only[@]}" -locations none -no-ui-lines "@$sources" -ts "$copy"
    problems=$(python3 - "$copy" <<'PY'
import sys
import xml.etree.ElementTree as ET
bad = []
for context in ET.parse(sys.argv[1]).getroot().iter('context'):
    name = context.findtext('name')
    for message in context.iter('message'):
        t = message.find('translation')
        kind = t.get('type') if t is not None else 'missing'
        if kind in ('unfinished', 'vanished', 'obsolete', 'missing'):
            state = {'unfinished': 'untranslated', 'vanished': 'obsolete'}.get(kind, kind)
            bad.append(f"  {state}: {name}: {message.findtext('source')!r}")
print("\n".join(bad))
PY
)
    if [ -n "$problems" ]; then
        echo "$(basename "$ts") is not up to date with the sources:"
        echo "$problems"
        echo "Run: cmake --build build/dev --target update_translations, then translate."
        status=1
    else
        echo "$(basename "$ts"): every string translated, none obsolete"
    fi
done
exit "$status"
