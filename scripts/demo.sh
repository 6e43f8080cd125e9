#!/usr/bin/env bash
# `make demo`: a tour of what aieng does today, on the real bundled data, ending with every
# built month's project (`aieng run all`).
# Everything it writes goes to demo-output/ (its own AIENG_HOME too), so your real progress
# in ~/.aieng is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${DEMO_OUT:-$PWD/demo-output}"
export AIENG_HOME="$OUT/home"
rm -rf "$OUT"
mkdir -p "$OUT"

step() {
    printf '\n\033[1m$ aieng %s\033[0m\n' "$*"
    .venv/bin/aieng "$@"
}

step roadmap
step roadmap show m01
step data list
step data show telco_churn --report "$OUT/telco_churn_card.html"
step data export telco_churn -o "$OUT/telco_churn.parquet"
step progress mark m01.git m01.linux done
step progress mark prog.skills.error-handling learning
step next
step progress
step progress export "$OUT/progress.json"
step run
step run all

cat <<DONE

Demo outputs, in $OUT:
  telco_churn_card.html   the Telco churn data card with a plot per column (open it in a browser)
  telco_churn.parquet     the dataset, typed as its card says
  progress.json           the demo's progress, as 'aieng progress import' reads it
  home/runs/index.html    the portfolio: every built month's report with its headline numbers
  home/runs/m03/…/report.html   month 3's report (linear regression from scratch)
  home/                   the demo's AIENG_HOME (progress.db, runs/)
DONE
