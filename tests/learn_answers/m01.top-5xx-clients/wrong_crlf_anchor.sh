# mistake: anchors the line's pattern at its end ($), which a Windows line ending (\r) never matches
# fails: printed matches the reference
grep -E '^[^ ]+ [^"]*"[^"]*" 5[0-9]{2} [0-9-]+ "[^"]*" "[^"]*"$' "$1" | cut -d' ' -f1 | sort | uniq -c | sort -k1,1nr -k2,2 | head -n "$2" | awk '{ print $1, $2 }'
