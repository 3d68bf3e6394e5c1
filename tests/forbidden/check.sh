#!/usr/bin/env bash
# Fails when product code uses an API that can turn untrusted text into markup, open URLs or
# files from it, share our UDP port with another process, or block the GUI thread.
#
#   check.sh ALLOWLIST DIR...
#
# ALLOWLIST lines are "path-suffix|pattern|why"; a hit whose file ends with path-suffix and whose
# pattern matches is accepted. Comment lines (//) are ignored.
set -euo pipefail
allowlist="$1"; shift

patterns=(
    'setHtml|insertHtml|toHtml\('
    'Qt::RichText|Qt::AutoText|Qt::MarkdownText|setMarkdown'
    '\bQTextEdit\b|\bQTextBrowser\b'
    'QDesktopServices|openUrl|openExternalLinks'
    'QToolTip::showText'
    'QMessageBox::(information|warning|critical|question)\('
    'ShareAddress|ReuseAddressHint'
    'waitForReadyRead|waitForBytesWritten|waitForConnected|waitForDisconnected|waitForFinished|waitForStarted'
    'QHostInfo::fromName'
    'fromUtf8\([^,)]*constData\(\)\)|fromLatin1\([^,)]*constData\(\)\)|fromLocal8Bit\([^,)]*constData\(\)\)'
)

status=0
for pattern in "${patterns[@]}"; do
    while IFS= read -r hit; do
        [ -n "$hit" ] || continue
        file="${hit%%:*}"
        code="${hit#*:*:}"
        case "$(echo "$code" | sed 's/^[[:space:]]*//')" in //*|\**|/\**) continue ;; esac
        allowed=0
        while IFS='|' read -r suffix allowed_pattern _why; do
            [ -n "$suffix" ] && [ "${suffix:0:1}" != "#" ] || continue
            if [[ "$file" == *"$suffix" ]] && echo "$code" | grep -qE "$allowed_pattern"; then
                allowed=1
            fi
        done < "$allowlist"
        if [ "$allowed" -eq 0 ]; then
            echo "forbidden API: $hit"
            status=1
        fi
    done < <(grep -rnE --include='*.cpp' --include='*.h' --include='*.ui' "$pattern" "$@" || true)
done
[ "$status" -eq 0 ] && echo "forbidden API check: clean ($*)"
exit "$status"
