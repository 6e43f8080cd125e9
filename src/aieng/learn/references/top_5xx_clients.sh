# The package's answer to m01.top-5xx-clients: the N clients with the most server errors.
#
# Run as: bash top_5xx_clients.sh ACCESS_LOG N. Stop at the first failure (-e), on an unset
# variable (-u), and when any command of a pipeline fails, not only its last (pipefail).
set -euo pipefail
log=$1
n=$2

# Fields are found from the quotes, never by position from the start of the line: the request
# ("GET /a HTTP/1.1") is the text between the first two quotes, and it can be "-" or hold
# spaces, which shifts every field after it. With -F'"', $1 is `client - user [time] ` and $3
# is ` status size `: the client is $1's first word and the status $3's first word, whatever
# the request held. A line that ends in \r (Windows) changes only the last field, the user
# agent, which is never read; awk reads a last line that has no newline like any other.
awk -F'"' '
    { split($1, head, " "); split($3, tail, " ") }
    tail[1] ~ /^5[0-9][0-9]$/ { errors[head[1]]++ }
    END { for (client in errors) print errors[client], client }
' "$log" |
    # The count as a number, most first; equal counts by the client, in byte order (LC_ALL=C:
    # another locale may ignore the dots and colons). No line at all is fine: exit status 0.
    LC_ALL=C sort -k1,1nr -k2,2 |
    # The first N. Not `head`: it exits after N lines, and sort, still writing to it, would be
    # killed by SIGPIPE — a failure that pipefail reports, on large logs only.
    awk -v n="$n" 'NR <= n'
