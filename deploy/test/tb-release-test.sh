#!/usr/bin/env bash
# Fast test of tb-release and tb-supervisor on their own, with fake releases whose bin/tb is a
# shell script (no JVM, no SSH): what the end-to-end test cannot see cheaply. Run by
# deploy-tests' TbReleaseScriptTest.
#
#   deploy/test/tb-release-test.sh WORKDIR
#
# Checks: a failed gate restores the database the failing release wrote to; only the newest
# TB_KEEP releases and backups stay (never current or previous); an installed release is not
# unpacked twice; the supervisor carries out a request file as the engine writes it and records
# who asked; history lines have the seven fields DeploymentService reads.
set -euo pipefail

work=$1
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$work/droplet"
passed=0

fail() { echo "check FAILED: $*" >&2; echo "$passed passed, 1 failed"; exit 1; }
ok() { passed=$((passed + 1)); echo "check: $*"; }
release() { TB_ROOT="$root" "$root/bin/tb-release" "$@"; }
cleanup() {
  set +e
  [ -x "$root/bin/tb-release" ] && release stop >/dev/null 2>&1
  [ -f "$root/run/supervisor.pid" ] && kill "$(cat "$root/run/supervisor.pid")" 2>/dev/null
}
trap cleanup EXIT

# A fake release: `tb engine --data-dir DIR` writes a marker into DIR/db, publishes a port and
# sleeps; `tb deploy wait` passes unless the release holds a FAIL file.
make_release() {
  local version=$1 dir="$work/build/tradingbots-engine-$1"
  mkdir -p "$dir/bin" "$dir/lib" "$dir/conf" "$work/dist"
  echo "version=$version" >"$dir/release.properties"
  touch "$dir/lib/tb-engine.jar"
  cat >"$dir/bin/tb" <<'EOF'
#!/usr/bin/env bash
set -euo pipefail
self="$(cd "$(dirname "$0")/.." && pwd)"
version=$(sed -n 's/^version=//p' "$self/release.properties")
case $1 in
  engine) mkdir -p "$3/db"; touch "$3/db/written-by-$version"; echo 1 >"$3/engine.port"; exec sleep 300 ;;
  deploy) if [ -f "$self/FAIL" ]; then echo "health gate: $version not SERVING (fake)"; exit 1; fi; echo "health gate: $version SERVING (fake)" ;;
esac
EOF
  chmod +x "$dir/bin/tb"
  [ "$version" != bad ] || touch "$dir/FAIL"
  tar czf "$work/dist/r-$version.tar.gz" -C "$work/build" "tradingbots-engine-$version"
  (cd "$work/dist" && sha256sum "r-$version.tar.gz" >"r-$version.tar.gz.sha256")
}
upload() { mkdir -p "$root/incoming"; cp "$work/dist/r-$1.tar.gz" "$work/dist/r-$1.tar.gz.sha256" "$root/incoming/"; }
deploy() { upload "$1"; release deploy "$root/incoming/r-$1.tar.gz" --by tester; }

TB_SUPERVISOR_POLL=0.2 bash "$here/install.sh" --mode process --root "$root" --keep 2 --port 1 >/dev/null
for v in 1 2 bad 4; do make_release "$v"; done

deploy 1 >/dev/null
deploy 2 >/dev/null
[ "$(readlink "$root/current")" = releases/2 ] || fail "2 is not current"
ok "two fake releases deployed"

if deploy bad >"$work/bad.log" 2>&1; then fail "a release failing its gate was deployed"; fi
[ "$(readlink "$root/current")" = releases/2 ] || fail "current is not back on 2"
[ ! -e "$root/data/db/written-by-bad" ] || fail "what the failed release wrote to the database is still there"
[ -e "$root/data/db/written-by-2" ] || fail "the database of 2 was not restored"
grep -q "rolled-back" "$root/deploy/history.tsv" || fail "history does not say rolled-back"
ok "failed gate: 2 back, the database as 2 left it (the failed release's write is gone)"

expect_refusal() { # expected message, tb-release args...
  local expected=$1 out
  shift
  if out=$(release "$@" 2>&1); then fail "tb-release $* succeeded"; fi
  printf '%s\n' "$out" | grep -q -- "$expected" || fail "tb-release $*: expected '$expected' in: $out"
  ok "refused: $expected"
}
upload bad
expect_refusal "release bad is already installed" deploy "$root/incoming/r-bad.tar.gz"
[ ! -e "$root/incoming/r-bad.tar.gz" ] || fail "a refused upload was left in incoming/"
expect_refusal "release 7 is not installed" rollback 7
expect_refusal "release 2 is already current" rollback 2
expect_refusal "is not a release version" rollback "../etc"

deploy 4 >/dev/null
[ ! -e "$root/releases/1" ] || fail "release 1 was kept beyond TB_KEEP=2"
[ -d "$root/releases/2" ] || fail "the previous release was pruned"
[ -d "$root/releases/4" ] || fail "the current release was pruned"
[ "$(find "$root/backups" -mindepth 1 -maxdepth 1 | wc -l)" -eq 2 ] || fail "backups were not pruned to 2"
ok "pruned to the newest releases and 2 backups, current and previous kept"

# The engine's DeploymentService writes exactly this; the supervisor must act on it.
printf 'version=2\nby=carol (desktop)\n' >"$root/deploy/requests/.r1.tmp"
mv "$root/deploy/requests/.r1.tmp" "$root/deploy/requests/r1.request"
for _ in $(seq 100); do [ -f "$root/deploy/requests/r1.done" ] && break; sleep 0.1; done
[ "$(cat "$root/deploy/requests/r1.done" 2>/dev/null)" = succeeded ] || fail "the supervisor did not carry out the request"
[ "$(readlink "$root/current")" = releases/2 ] || fail "the supervisor's rollback did not switch to 2"
tail -1 "$root/deploy/history.tsv" | grep -q "carol (desktop)	rollback	4	2	succeeded" || fail "history lacks who asked: $(tail -1 "$root/deploy/history.tsv")"
ok "the supervisor carried out a request file and recorded who asked"

awk -F'\t' 'NF != 7 { bad = 1 } END { exit bad }' "$root/deploy/history.tsv" || fail "a history line does not have 7 fields"
ok "every history line has the 7 fields"
echo "$passed passed, 0 failed"
