# mistake: never says which parent to keep, so git refuses to revert a merge
# fails: your script exits with status 0
set -e
git switch -c hotfix main
git revert --no-edit "$1"
git push -u origin hotfix
