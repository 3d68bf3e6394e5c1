#!/usr/bin/env bash
# Fails when an include crosses the layers the wrong way (docs/architecture.md):
#   core/        only core/ (and Qt without widgets: the build enforces that part)
#   ui/FEATURE/  core/, ui/common/ and its own feature folder; never another feature or the shell
#   ui/common/   core/ and ui/common/
#   ui/*.{h,cpp} (the shell) core/ and ui/
#   app/         core/, ui/ and app/
#   cli/         core/ and cli/ (its own includes are plain names)
#
#   layers.sh ROOT
set -euo pipefail
root="$1"
status=0
while IFS= read -r hit; do
    file="${hit%%:*}"
    rel="${file#"$root"/}"
    include=$(echo "$hit" | sed -E 's/.*#include "([^"]+)".*/\1/')
    case "$include" in ui_*.h | *.moc) continue ;; esac
    ok=0
    case "$rel" in
        core/*) [[ "$include" == core/* ]] && ok=1 ;;
        ui/common/*) [[ "$include" == core/* || "$include" == ui/common/* ]] && ok=1 ;;
        ui/*/*)
            feature=$(echo "$rel" | cut -d/ -f2)
            [[ "$include" == core/* || "$include" == ui/common/* || "$include" == "ui/$feature/"* ]] && ok=1
            ;;
        ui/*) [[ "$include" == core/* || "$include" == ui/* ]] && ok=1 ;;
        app/*) [[ "$include" == core/* || "$include" == ui/* || "$include" == app/* ]] && ok=1 ;;
        cli/*) [[ "$include" == core/* || "$include" != */* ]] && ok=1 ;;
        *) ok=1 ;;
    esac
    if [ "$ok" -eq 0 ]; then
        echo "layering: $rel includes \"$include\""
        status=1
    fi
done < <(grep -rnE --include='*.cpp' --include='*.h' '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' \
             "$root/core" "$root/ui" "$root/app" "$root/cli" 2>/dev/null || true)
[ "$status" -eq 0 ] && echo "layering: clean ($root)"
exit "$status"
