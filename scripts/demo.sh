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
# Month 1 and 2 on a file of your own: here, a Telco copy with known faults.
step data corrupt telco_churn --seed 1 -o "$OUT/telco-dirty.csv"
step clean "$OUT/telco-dirty.csv" -o "$OUT/telco-clean.csv" --report "$OUT/clean.html"
step explore "$OUT/telco-clean.csv" --target churn -s female -s senior_citizen -o "$OUT/explore.html"
# Learn mode: start an exercise, see what an unsolved one says, ask for a hint, take a quiz.
export AIENG_WORKSPACE="$OUT/workspace"
step learn
step learn start m01.parse-numbers
step check m01.parse-numbers || true   # the starter is not solved yet: this is what a failure looks like
step hint m01.parse-numbers
step quiz m03 --seed 7 --answers 1=d,2=4,3=a,4=c,5=0.6,6=0.5,7=c   # the letters of the order seed 7 shows
# Month 6 outside `aieng run`: the churn pipeline's config, a draft contract of a file.
step pipeline init "$OUT/pipeline.toml"
step pipeline contract "$OUT/telco-clean.csv" -o "$OUT/contract.toml"
step run
step run all
# `aieng run all` ran month 6's pipeline: the MLflow store now holds its run and the champion.
step experiments list

cat <<DONE

Demo outputs, in $OUT:
  telco_churn_card.html   the Telco churn data card with a plot per column (open it in a browser)
  telco_churn.parquet     the dataset, typed as its card says
  progress.json           the demo's progress, as 'aieng progress import' reads it
  telco-dirty.csv         a Telco copy with known faults (truth in telco-dirty.csv.truth.csv)
  telco-clean.csv         it cleaned, with .changes.json (every change) and .flags.csv; clean.html
  explore.html            month 2's analysis of the cleaned copy, with the bias audit
  workspace/              your exercise files (aieng learn start …)
  home/runs/index.html    the portfolio: every built month's report with its headline numbers
  home/runs/mNN/…/report.html   each month's report
  home/                   the demo's AIENG_HOME (progress.db, learn.db, runs/)
DONE
