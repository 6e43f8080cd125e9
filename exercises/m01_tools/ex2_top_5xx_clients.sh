# m01.top-5xx-clients — which clients see the most server errors? A pipeline over an access log.
#
# Run as: bash ex2_top_5xx_clients.sh ACCESS_LOG N
#
# ACCESS_LOG is a web server's access log in the "combined" format, one request per line:
#
#   203.0.113.7 - alice [10/Oct/2024:13:55:36 +0000] "GET /predict HTTP/1.1" 503 162 "-" "curl/8.5.0"
#   client        user  time                          request, in quotes      status, size,
#                                                                             referer, user agent
#
# Print the N clients with the most 5xx responses (a status from 500 to 599), one per line, as
# COUNT CLIENT: one space between them, nothing before. The most first; equal counts in the
# byte order of the client, the order `LC_ALL=C sort` gives ("10.0.0.10" before "10.0.0.2").
# Fewer than N clients had a 5xx: print them all. None did, or the log is empty: print nothing.
# In every case, exit with status 0.
#
# The grader runs your script on logs it makes at each check, holding what real logs hold:
# - IPv6 clients as well as IPv4 ones (2001:db8::7);
# - a request that is "-" (the client sent none) or that holds spaces ("GET /a b HTTP/1.1"),
#   and user agents that hold spaces ("Mozilla/5.0 (X11; Linux x86_64)"); neither ever holds
#   a double quote;
# - sizes and URLs that look like a status ("GET /page/503", a size of 502): only the status
#   counts;
# - Windows line endings (CRLF), and a last line with no newline after it.
#
# The point is the shell's own tools: awk, sort, uniq, grep, sed, cut, head.

# TODO: write the pipeline here.
