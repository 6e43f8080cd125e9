# mistake: sort -rn on the whole line, which puts equal counts in reverse order of the client (10.0.0.9 before 10.0.0.2)
# fails: printed matches the reference
awk -F'"' '{ split($1, a, " "); split($3, b, " ") } b[1] ~ /^5[0-9][0-9]$/ { print a[1] }' "$1" |
  sort | uniq -c | sort -rn | head -n "$2" | awk '{ print $1, $2 }'
