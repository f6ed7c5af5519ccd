#!/usr/bin/env bash
# Every text the app draws has a node in the accessible mirror (docs/accessibility.md): outside the
# widget layer (web/widgets.cpp), a raw ImGui text call or draw-list text must be recorded for the
# probe within the next three lines, or say on its own line why it needs no node of its own
# ("// a11y: ..."). Drawn text without a node is read by no screen reader and fails this check,
# which names the file and line. Usage: text_has_node.sh WEB_SOURCE_DIR
set -euo pipefail
dir=${1:?usage: text_has_node.sh WEB_SOURCE_DIR}
status=0
for file in "$dir"/*.cpp; do
  [[ $(basename "$file") == widgets.cpp ]] && continue
  awk -v file="$file" '
    { line[NR] = $0 }
    END {
      for (i = 1; i <= NR; ++i) {
        if (line[i] !~ /ImGui::Text(Unformatted|Wrapped|Colored|Disabled)?\(|->AddText\(/) continue
        if (line[i] ~ /\/\/ a11y: /) continue
        ok = 0
        for (j = i + 1; j <= i + 3 && j <= NR; ++j) if (line[j] ~ /probe::record/) ok = 1
        if (!ok) { printf "%s:%d: text drawn without a mirror node: %s\n", file, i, line[i]; bad = 1 }
      }
      exit bad
    }' "$file" || status=1
done
(( status == 0 )) && echo "every drawn text in $dir has a mirror node"
exit $status
