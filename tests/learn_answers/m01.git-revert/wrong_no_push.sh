# mistake: makes the right revert on hotfix but never pushes it, so nobody can review it
# fails: origin matches the reference
set -e
git switch -c hotfix main
if git rev-parse -q --verify "$1^2" >/dev/null; then
  git revert --no-edit -m 1 "$1"
else
  git revert --no-edit "$1"
fi
