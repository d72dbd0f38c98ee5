# Shared by the command-line tests (sourced): BIN and DIR must be set; counts passes and failures.
#   expect_ok NAME ARGS...            the command succeeds
#   expect_fail NAME PATTERN ARGS...  it exits non-zero (not by a signal) with PATTERN on stderr
#   check NAME CONDITION              a shell condition on the last output ($DIR/out)
pass=0
fail=0

expect_fail() {
  local name="$1" pattern="$2"
  shift 2
  "$BIN" "$@" >"$DIR/out" 2>"$DIR/err"
  local rc=$?
  if [ $rc -ne 0 ] && [ $rc -lt 128 ] && grep -q -- "$pattern" "$DIR/err"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: exit $rc, stderr: $(cat "$DIR/err")"
  fi
}

expect_ok() {
  local name="$1"
  shift
  if "$BIN" "$@" >"$DIR/out" 2>"$DIR/err"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: stderr: $(cat "$DIR/err")"
  fi
}

check() {
  if eval "$2"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $1: $(tail -n 3 "$DIR/out")"
  fi
}
