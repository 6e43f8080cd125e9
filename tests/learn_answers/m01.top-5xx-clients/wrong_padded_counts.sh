# mistake: prints uniq -c's lines as they are, the counts padded with spaces
# fails: printed matches the reference
awk -F'"' '{ split($1, a, " "); split($3, b, " ") } b[1] ~ /^5[0-9][0-9]$/ { print a[1] }' "$1" |
  sort | uniq -c | sort -k1,1nr -k2,2 | head -n "$2"
