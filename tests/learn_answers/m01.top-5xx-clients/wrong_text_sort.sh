# mistake: sorts the counts as text (no n), so 9 comes before 12
# fails: printed matches the reference
awk -F'"' '{ split($1, a, " "); split($3, b, " ") } b[1] ~ /^5[0-9][0-9]$/ { c[a[1]]++ } END { for (k in c) print c[k], k }' "$1" |
  LC_ALL=C sort -k1,1r -k2,2 | head -n "$2"
