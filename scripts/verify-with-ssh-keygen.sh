#!/usr/bin/env bash
# Checks every signature of leertuin decision records with ssh-keygen alone, without leertuin.
#
#   scripts/verify-with-ssh-keygen.sh [-f allowed_signers] record.md...
#
# A record carries one or more signature blocks: the author's, then one per countersignature.
# Each block signs every byte before its `<!-- leertuin-signature` line, with line endings as LF
# (so a record that gained CRLF line endings still checks). The author's principal is the
# front matter's `signer.principal`; a countersigner's is in the `<!-- leertuin-review {...} -->`
# line just before its block. Prints one line per signature; exits 0 when every signature of every
# record checks, 1 when any does not, 2 on a usage error. Needs bash, POSIX tools and ssh-keygen.
# It checks signatures and trust only; `leertuin verify` also replays the path to the outcome.
set -u

signers=allowed_signers
usage() { echo "usage: $0 [-f allowed_signers] record.md..." >&2; exit 2; }
while getopts f: opt; do
  case $opt in
    f) signers=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || usage
[ -r "$signers" ] || { echo "$0: cannot read $signers (give one with -f)" >&2; exit 2; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

failed=0
for record in "$@"; do
  if ! sed 's/\r$//' "$record" > "$tmp/lf" 2>/dev/null; then
    echo "$record: FAILED: cannot read the file"; failed=1; continue
  fi
  marks=$(grep -n -x '<!-- leertuin-signature' "$tmp/lf" | cut -d: -f1)
  if [ -z "$marks" ]; then
    echo "$record: FAILED: no signature"; failed=1; continue
  fi
  k=0
  for n in $marks; do
    k=$((k + 1))
    head -n $((n - 1)) "$tmp/lf" > "$tmp/signed"
    tail -n +$((n + 1)) "$tmp/lf" | sed '/^-->$/q' | sed '$d' > "$tmp/sig"
    if [ $k -eq 1 ]; then
      # signer.principal in the front matter (between the first two `---` lines).
      who=$(sed -n '2,/^---$/p' "$tmp/signed" | sed -n '/^signer:$/,/^[^ ]/s/^  principal: "\(.*\)"$/\1/p' | head -n 1)
    else
      who=$(grep '^<!-- leertuin-review {' "$tmp/signed" | tail -n 1 | sed -n 's/.*"principal":"\([^"]*\)".*/\1/p')
    fi
    if [ -z "$who" ]; then
      echo "$record: signature $k FAILED: no principal found"; failed=1; continue
    fi
    if ssh-keygen -Y verify -f "$signers" -I "$who" -n leertuin-record -s "$tmp/sig" < "$tmp/signed" > "$tmp/out" 2>&1; then
      echo "$record: signature $k ok ($who)"
    else
      echo "$record: signature $k FAILED ($who): $(head -n 1 "$tmp/out")"; failed=1
    fi
  done
done
exit $failed
