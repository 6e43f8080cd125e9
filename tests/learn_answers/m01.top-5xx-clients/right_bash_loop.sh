# right: plain bash, a while-read loop that also reads a last line without newline, an associative array, printf into sort
declare -A errors=()
while IFS= read -r line || [[ -n "$line" ]]; do
  client=${line%% *}
  after=${line#*\"}          # past the opening quote of the request
  after=${after#*\"}         # past its closing quote: " 503 162 ..."
  read -r status _ <<< "$after"
  if [[ $status =~ ^5[0-9][0-9]$ ]]; then
    errors[$client]=$(( ${errors[$client]:-0} + 1 ))
  fi
done < "$1"
for client in "${!errors[@]}"; do
  printf '%s %s\n' "${errors[$client]}" "$client"
done | LC_ALL=C sort -k1,1nr -k2,2 | sed -n "1,${2}p"
