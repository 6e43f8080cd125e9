# right: checkout -b from origin/main, counts the parents with cat-file, reverts with --no-commit then commits with git's prepared message
bad="$1"
git checkout -q -b hotfix origin/main || exit 1
parents=$(git cat-file -p "$bad" | grep -c '^parent ')
if [ "$parents" -gt 1 ]; then
  git revert --no-commit -m 1 "$bad" || exit 1
else
  git revert --no-commit "$bad" || exit 1
fi
git commit --quiet --no-edit || exit 1
git push --quiet -u origin HEAD
