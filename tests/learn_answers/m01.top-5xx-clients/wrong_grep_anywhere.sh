# mistake: greps for " 5xx " anywhere on the line, so a size of 503 or a URL /page/502 counts as an error
# fails: printed matches the reference
grep -E ' 5[0-9]{2} ' "$1" | cut -d' ' -f1 | sort | uniq -c | sort -k1,1nr -k2,2 | head -n "$2" | awk '{ print $1, $2 }'
