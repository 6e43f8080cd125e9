# mistake: reverts with --no-commit and never commits: the undo stays staged, nothing is pushed but main's commits
# fails: new_commits matches the reference
set -e
git switch -c hotfix main
if git rev-parse -q --verify "$1^2" >/dev/null; then
  git revert --no-commit -m 1 "$1"
else
  git revert --no-commit "$1"
fi
git push -u origin hotfix
