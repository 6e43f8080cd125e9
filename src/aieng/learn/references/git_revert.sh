# The package's answer to m01.git-revert: undo a commit that was pushed, without rewriting history.
#
# $1 is the full hash of the commit that broke something. Stop at the first command that fails
# (-e), on a variable never set (-u), and in a pipeline too (pipefail): a half-done fix that
# looks done is worse than an error.
set -euo pipefail
bad=$1

# The fix gets a branch of its own, started at main — not wherever HEAD happens to be: a branch
# created with no start point begins at HEAD, and would carry that branch's work into the fix.
git switch --create hotfix main

# `git revert` adds a commit that undoes the bad one; the commits after it stay as they are, and
# so does every hash others have pulled. A merge has two parents, so git must be told which side
# to keep: --mainline 1, main's (the first parent), which undoes all that the merge brought in
# (git before 2.21 refuses --mainline for a commit that is not a merge, hence the test).
# --no-edit keeps git's message ("Revert …", "This reverts commit <hash>."); git would open an
# editor for it only when run from a terminal, but a script says what it wants.
if git rev-parse --quiet --verify "$bad^2" >/dev/null; then
    git revert --no-edit --mainline 1 "$bad"
else
    git revert --no-edit "$bad"
fi

# Publish the fix for review. main is not touched: nothing anyone pulled is rewritten, so nobody
# needs a force-push (or to repair their clone after one).
git push --set-upstream origin hotfix
