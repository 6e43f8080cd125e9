# mistake: drops the bad commit from hotfix with a rebase instead of adding its undo: the commits after it are copied, and no commit says what was undone
# fails: new_commits matches the reference
set -e
git switch -c hotfix main
git rebase --onto "$1^" "$1" hotfix
git push -u origin hotfix
