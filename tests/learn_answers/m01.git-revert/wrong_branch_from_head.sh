# mistake: creates hotfix without a start point, so it starts at whatever branch is checked out (wip), not at main
# fails: new_commits matches the reference
set -e
git switch -c hotfix
if git rev-parse -q --verify "$1^2" >/dev/null; then
  git revert --no-edit -m 1 "$1"
else
  git revert --no-edit "$1"
fi
git push -u origin hotfix
