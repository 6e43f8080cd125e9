# m01.git-revert — undo a bad commit that was already pushed, without rewriting history.
#
# Run as: bash ex1_git_revert.sh BAD_COMMIT
#
# The grader runs this script inside a clone it builds for each case (the current folder):
# every branch is pushed to `origin`, and your main is origin's main. One commit broke
# something, and $1 is its full hash. It may be the last commit or have commits after it
# (they never touch what it changed, so undoing it applies cleanly), and it may be a merge: a
# feature branch merged into main. Whatever branch is checked out when the script starts:
#
#   1. create the branch `hotfix`, starting at main's tip, and switch to it;
#   2. on hotfix, undo the bad commit with one new commit that keeps git's own message
#      (Revert "<subject>" … This reverts commit <hash>.); undo a merge against main's side,
#      its first parent, so that everything the merge brought in goes;
#   3. push hotfix to origin, for review;
#   4. exit with status 0 and leave a clean work tree: nothing staged or modified, no untracked
#      file, nothing half done.
#
# main is not touched, here or on origin: others have pulled it, so nothing that was pushed
# may be rewritten (no reset, no rebase, no push --force).
#
# The grader sets your git identity, so no `git config` is needed. The script runs with bash,
# with no network and no terminal (git cannot open an editor), and must finish within 5 s.
# `aieng check` compares the repository's state after your script with the expected one.

# TODO: write the commands here.
