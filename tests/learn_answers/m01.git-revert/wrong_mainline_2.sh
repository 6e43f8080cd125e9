# mistake: reverts a merge against its second parent (the feature's side), which undoes main's own work instead of the feature
# fails: files matches the reference
set -e
git switch -c hotfix main
if git rev-parse -q --verify "$1^2" >/dev/null; then
  git revert --no-edit -m 2 "$1"
else
  git revert --no-edit "$1"
fi
git push -u origin hotfix
