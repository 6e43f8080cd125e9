# mistake: reverts HEAD, the last commit, instead of the commit given in $1
# fails: new_commits matches the reference
set -e
git switch -c hotfix main
git revert --no-edit HEAD
git push -u origin hotfix
