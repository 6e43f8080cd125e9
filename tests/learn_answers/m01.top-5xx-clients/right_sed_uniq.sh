# right: sed keeps the status and the client, grep the 5xx, then sort | uniq -c and a two-key sort
export LC_ALL=C
sed -E 's/^([^ ]+) [^"]*"[^"]*" ([0-9]+) .*/\2 \1/' "$1" |
  grep -E '^5[0-9]{2} ' |
  cut -d' ' -f2 |
  sort |
  uniq -c |
  sort -k1,1nr -k2,2 |
  awk -v n="$2" 'NR <= n { print $1, $2 }'
exit 0
