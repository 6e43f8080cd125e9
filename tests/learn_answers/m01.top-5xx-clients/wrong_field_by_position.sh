# mistake: takes the status as the 9th space-separated field, which moves when the request is "-" or holds spaces
# fails: printed matches the reference
awk '$9 ~ /^5[0-9][0-9]$/ { print $1 }' "$1" | sort | uniq -c | sort -k1,1nr -k2,2 | head -n "$2" | awk '{ print $1, $2 }'
