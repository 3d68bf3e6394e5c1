# Sourced by the lan-sim tests after they set $lansim: unavailable() and the checks every one of
# them needs. A missing prerequisite fails the test when CI is set and skips it (exit 77)
# otherwise, saying why.
[ -x "$lansim" ] || lansim=/work/shared/tools/lan-sim

unavailable() {
    if [ -n "${CI:-}" ]; then
        echo "FAIL: $1 (required in CI)" >&2
        exit 1
    fi
    echo "SKIP: $1" >&2
    exit 77
}
[ "$(id -u)" -eq 0 ] || unavailable "needs root for network namespaces"
command -v ip >/dev/null || unavailable "iproute2 (ip) is not installed"
[ -x "$lansim" ] || unavailable "lan-sim not found"

# lan-sim's namespace names are global: one lan-sim test at a time on this machine, also across
# checkouts and build trees. The lock is held until the test exits.
command -v flock >/dev/null || unavailable "flock (util-linux) is not installed"
exec 9>"${TMPDIR:-/tmp}/udpchat-lansim.lock"
flock -w 200 9 || { echo "FAIL: another lan-sim test held the lock for 200 s" >&2; exit 1; }

# Waits up to $2 seconds for file $1 to contain the pattern $3; says what it has when it does not.
wait_for() {
    local file="$1" seconds="$2" pattern="$3" i
    for ((i = 0; i < seconds * 10; i++)); do
        grep -q -- "$pattern" "$file" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "FAIL: '$pattern' did not appear in $file within ${seconds}s:" >&2
    cat "$file" >&2
    return 1
}
