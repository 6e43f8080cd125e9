# mistake: moves main back past the bad commit (reset --hard) and force-pushes it: the commits after it are gone from origin
# fails: history_kept matches the reference
set -e
git switch main
git reset --hard "$1^"
git push --force origin main
git switch -c hotfix
git push -u origin hotfix
