# mistake: uniq -c without sorting first, so a client's lines count once per run of adjacent lines
# fails: printed matches the reference
awk -F'"' '{ split($1, a, " "); split($3, b, " ") } b[1] ~ /^5[0-9][0-9]$/ { print a[1] }' "$1" |
  uniq -c | sort -k1,1nr -k2,2 | head -n "$2" | awk '{ print $1, $2 }'
