# mistake: set -o pipefail with a grep that finds nothing on an empty log (or one without 5xx): grep exits 1, so the script does
# fails: your script exits with status 0
set -euo pipefail
grep -E '^[^"]*"[^"]*" 5[0-9]{2} ' "$1" | cut -d' ' -f1 | sort | uniq -c | sort -k1,1nr -k2,2 | head -n "$2" | awk '{ print $1, $2 }'
