# mistake: counts fields from the end of the line ($(NF-3)), which moves when the user agent holds spaces
# fails: printed matches the reference
awk '$(NF-3) ~ /^5[0-9][0-9]$/ { print $1 }' "$1" | sort | uniq -c | sort -k1,1nr -k2,2 | head -n "$2" | awk '{ print $1, $2 }'
