# mistake: reverts on main and pushes main, then branches hotfix from there: main was to stay as it was, for review
# fails: branches matches the reference
set -e
git switch main
if git rev-parse -q --verify "$1^2" >/dev/null; then
  git revert --no-edit -m 1 "$1"
else
  git revert --no-edit "$1"
fi
git push origin main
git switch -c hotfix
git push -u origin hotfix
