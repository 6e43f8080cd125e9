# mistake: picks the client with an IPv4 pattern, so IPv6 clients are never counted
# fails: printed matches the reference
grep -E '" 5[0-9]{2} ' "$1" | grep -oE '^([0-9]{1,3}\.){3}[0-9]{1,3}' | sort | uniq -c | sort -k1,1nr -k2,2 | head -n "$2" | awk '{ print $1, $2 }'
