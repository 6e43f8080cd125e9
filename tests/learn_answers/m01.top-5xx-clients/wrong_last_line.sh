# mistake: a while-read loop that stops before a last line with no newline, so its error is never counted
# fails: printed matches the reference
while IFS= read -r line; do
  rest=${line#*\"}; rest=${rest#*\"}
  set -- $rest "$@"
  case "$1" in 5[0-9][0-9]) echo "${line%% *}" ;; esac
  shift
done < "$1" | sort | uniq -c | sort -k1,1nr -k2,2 | head -n "$2" | awk '{ print $1, $2 }'
