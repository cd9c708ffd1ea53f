#!/usr/bin/env bash
# shellcheck disable=SC2029 # the droplet's paths are known on this side: expanding them here is meant
# End-to-end test of the deployment: a temporary directory is the droplet, reached through a real
# OpenSSH server on 127.0.0.1 that this script starts (its own host key, a client key made here).
# Run by deploy-tests' DeployEndToEndIT; needs root (sshd), /usr/sbin/sshd and a JDK.
#
#   deploy/test/e2e.sh TARBALL ENGINE_JAR WORKDIR SSH_PORT ENGINE_PORT CLOSED_PORT
#
# Steps: install (process mode: no systemd here), deploy v1, deploy v2, bad inputs (unreachable
# host, wrong key, bad checksum, already-current version, rollback to a version not installed,
# full disk) that must leave v2 running, deploy a v3 whose database migration fails (the gate
# fails; v2 and its database must come back by themselves), then roll back to v1 through the
# gRPC API (tb deploy rollback). Prints "check: ..." per assertion, the timings as "bench: ...",
# and "N passed, N failed" at the end; exits non-zero on the first failed check.
set -euo pipefail

tarball=$1 engine_jar=$2 work=$3 ssh_port=$4 engine_port=$5 closed_port=$6
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
java_bin=$(command -v "$java_bin")
jar_tool="$(dirname "$(readlink -f "$java_bin")")/jar"
droplet="$work/droplet"
passed=0

fail() { echo "check FAILED: $*" >&2; echo "$passed passed, 1 failed"; exit 1; }
ok() { passed=$((passed + 1)); echo "check: $*"; }
tb() { "$java_bin" -Xmx128m -XX:TieredStopAtLevel=1 -jar "$engine_jar" "$@"; }
running_version() { tb info --target "127.0.0.1:$engine_port" --data-dir "$droplet/data" 2>/dev/null | sed -n 's/.*"version": "\(.*\)".*/\1/p'; }
engine_pid() { cat "$droplet/run/engine.pid"; }

mkdir -p "$work/ssh" "$work/dist" /run/sshd
chmod 700 "$work/ssh"

cleanup() {
  set +e
  [ -x "$droplet/bin/tb-release" ] && TB_ROOT="$droplet" "$droplet/bin/tb-release" stop >/dev/null 2>&1
  [ -f "$droplet/run/supervisor.pid" ] && kill "$(cat "$droplet/run/supervisor.pid")" 2>/dev/null
  [ -f "$work/ssh/sshd.pid" ] && kill "$(cat "$work/ssh/sshd.pid")" 2>/dev/null
}
trap cleanup EXIT

# --- sshd on 127.0.0.1 ---------------------------------------------------------------------------
ssh-keygen -q -t ed25519 -N '' -f "$work/ssh/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/ssh/client_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/ssh/wrong_key"
cp "$work/ssh/client_key.pub" "$work/ssh/authorized_keys"
echo "[127.0.0.1]:$ssh_port $(cat "$work/ssh/host_key.pub")" >"$work/ssh/known_hosts"
cat >"$work/ssh/sshd_config" <<EOF
Port $ssh_port
ListenAddress 127.0.0.1
HostKey $work/ssh/host_key
PidFile $work/ssh/sshd.pid
AuthorizedKeysFile $work/ssh/authorized_keys
AllowUsers $(id -un)
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
EOF
/usr/sbin/sshd -f "$work/ssh/sshd_config" -D -e 2>"$work/ssh/sshd.log" &
export DEPLOY_SSH_OPTS="-o UserKnownHostsFile=$work/ssh/known_hosts -o StrictHostKeyChecking=yes"
ssh_opts=(-p "$ssh_port" -i "$work/ssh/client_key" -o "UserKnownHostsFile=$work/ssh/known_hosts" -o StrictHostKeyChecking=yes -o BatchMode=yes)
export DEPLOY_ACTOR="e2e-test"
dest="$(id -un)@127.0.0.1"
deploy() { "$here/deploy.sh" --port "$ssh_port" --identity "$work/ssh/client_key" --root "$droplet" "$@" "$dest"; }
for _ in $(seq 100); do
  ssh "${ssh_opts[@]}" "$dest" true 2>/dev/null && break
  sleep 0.1
done

# --- releases v1, v2, v3 from the one built tarball ----------------------------------------------
# Same jar; release.properties names the version. v3 adds a migration that fails half-way, after
# creating a table: only the database backup brings v2's database back.
make_release() {
  local version=$1 dir
  dir=$(mktemp -d "$work/build.XXXXXX")
  tar xzf "$tarball" -C "$dir"
  mv "$dir"/* "$dir/tradingbots-engine-$version"
  sed -i "s/^version=.*/version=$version/" "$dir/tradingbots-engine-$version/release.properties"
  if [ "$version" = 3.0.0 ]; then
    mkdir -p "$dir/extra/db/migration"
    printf 'CREATE TABLE v3_marker (id INT);\nINSERT INTO no_such_table VALUES (1);\n' >"$dir/extra/db/migration/V99__v3_breaks.sql"
    "$jar_tool" uf "$dir/tradingbots-engine-$version/lib/tb-engine.jar" -C "$dir/extra" db/migration/V99__v3_breaks.sql
  fi
  tar czf "$work/dist/tradingbots-engine-$version.tar.gz" -C "$dir" "tradingbots-engine-$version"
  (cd "$work/dist" && sha256sum "tradingbots-engine-$version.tar.gz" >"tradingbots-engine-$version.tar.gz.sha256")
  rm -rf "$dir"
}
for v in 1.0.0 2.0.0 3.0.0; do make_release "$v"; done

# --- install and two good deployments ------------------------------------------------------------
deploy --install "--mode process --port $engine_port --health-timeout 40 --java $java_bin" --install-only
[ -x "$droplet/bin/tb-release" ] || fail "install.sh did not install $droplet/bin/tb-release"
[ "$(stat -c %a "$droplet/etc/engine.env")" = 600 ] || fail "engine.env is not 0600"
ok "install.sh laid out the droplet (engine.env 0600, supervisor running)"

t0=$(date +%s.%N)
deploy --tarball "$work/dist/tradingbots-engine-1.0.0.tar.gz" | tee "$work/deploy-v1.log"
[ "$(running_version)" = 1.0.0 ] || fail "v1 is not serving after its deployment"
ok "v1 deployed and serving"

t0=$(date +%s.%N)
deploy --tarball "$work/dist/tradingbots-engine-2.0.0.tar.gz" | tee "$work/deploy-v2.log"
t1=$(date +%s.%N)
[ "$(running_version)" = 2.0.0 ] || fail "v2 is not serving after its deployment"
[ "$(readlink "$droplet/current")" = releases/2.0.0 ] || fail "current does not point at releases/2.0.0"
compgen -G "$droplet/backups/*-1.0.0/db" >/dev/null || fail "no database backup of v1 was taken"
echo "bench: deploy_healthy_seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
echo "bench: $(grep -o 'engine down for [0-9.]* s' "$work/deploy-v2.log" | sed 's/engine down for \([0-9.]*\) s/switch_downtime_seconds=\1/')"
ok "v2 deployed over v1 (database backed up, current switched)"

# --- bad input: each leaves v2 running, untouched ------------------------------------------------
v2_pid=$(engine_pid)
expect_failure() { # label, expected message, command...
  local label=$1 expected=$2 out
  shift 2
  if out=$("$@" 2>&1); then fail "$label: succeeded but should not"; fi
  printf '%s\n' "$out" | grep -q -- "$expected" || fail "$label: expected '$expected' in: $out"
  ok "$label: refused ($(printf '%s\n' "$out" | grep -- "$expected" | tail -1 | cut -c1-150))"
}
expect_failure "unreachable host" "cannot reach 127.0.0.1 on SSH port $closed_port" \
  "$here/deploy.sh" --port "$closed_port" --identity "$work/ssh/client_key" --root "$droplet" --tarball "$work/dist/tradingbots-engine-3.0.0.tar.gz" "$dest"
expect_failure "wrong key" "refused the SSH key" \
  "$here/deploy.sh" --port "$ssh_port" --identity "$work/ssh/wrong_key" --root "$droplet" --tarball "$work/dist/tradingbots-engine-3.0.0.tar.gz" "$dest"
mkdir -p "$work/bad"
cp "$work/dist/tradingbots-engine-3.0.0.tar.gz" "$work/bad/"
(cd "$work/bad" && sha256sum "$work/dist/tradingbots-engine-1.0.0.tar.gz" | sed "s|  .*|  tradingbots-engine-3.0.0.tar.gz|" >tradingbots-engine-3.0.0.tar.gz.sha256)
expect_failure "bad checksum (checked before upload)" "checksum mismatch" deploy --tarball "$work/bad/tradingbots-engine-3.0.0.tar.gz"
ssh "${ssh_opts[@]}" "$dest" "mkdir -p $droplet/incoming && cat > $droplet/incoming/tradingbots-engine-3.0.0.tar.gz" <"$work/bad/tradingbots-engine-3.0.0.tar.gz"
ssh "${ssh_opts[@]}" "$dest" "cat > $droplet/incoming/tradingbots-engine-3.0.0.tar.gz.sha256" <"$work/bad/tradingbots-engine-3.0.0.tar.gz.sha256"
expect_failure "bad checksum (checked on the droplet)" "checksum mismatch" \
  ssh "${ssh_opts[@]}" "$dest" "$droplet/bin/tb-release deploy $droplet/incoming/tradingbots-engine-3.0.0.tar.gz"
expect_failure "version already current" "release 2.0.0 is already current" deploy --tarball "$work/dist/tradingbots-engine-2.0.0.tar.gz"
expect_failure "rollback to a version not installed" "release 9.9.9 is not installed" \
  tb deploy rollback --to 9.9.9 --target "127.0.0.1:$engine_port" --data-dir "$droplet/data"
cp "$droplet/etc/deploy.conf" "$work/deploy.conf.saved"
echo "TB_MIN_FREE_MB=100000000" >>"$droplet/etc/deploy.conf"
expect_failure "full disk" "not enough disk space" deploy --tarball "$work/dist/tradingbots-engine-3.0.0.tar.gz"
cp "$work/deploy.conf.saved" "$droplet/etc/deploy.conf"
[ "$(engine_pid)" = "$v2_pid" ] || fail "the v2 engine was restarted by bad input"
[ "$(running_version)" = 2.0.0 ] || fail "v2 no longer serves after bad input"
[ ! -e "$droplet/releases/3.0.0" ] || fail "a refused release was left installed"
ok "after all bad input the same v2 engine (pid $v2_pid) still serves"

# --- v3 fails its health gate: automatic rollback to v2 with its database --------------------------
if deploy --tarball "$work/dist/tradingbots-engine-3.0.0.tar.gz" >"$work/deploy-v3.log" 2>&1; then
  cat "$work/deploy-v3.log"
  fail "the deployment of v3 succeeded but its migration fails"
fi
cat "$work/deploy-v3.log"
grep -q "failed its health gate" "$work/deploy-v3.log" || fail "deploy.sh did not say that the health gate failed"
[ "$(running_version)" = 2.0.0 ] || fail "v2 is not serving after the failed v3 deployment"
[ "$(readlink "$droplet/current")" = releases/2.0.0 ] || fail "current does not point back at v2"
grep -q "database restored from" "$work/deploy-v3.log" || fail "the database was not restored"
echo "bench: $(grep -o 'serving [0-9.]* s after the failed gate' "$work/deploy-v3.log" | sed 's/serving \([0-9.]*\) s.*/rollback_after_failed_gate_seconds=\1/')"
ok "v3 failed its gate; v2 came back by itself with its database"

# --- rollback to v1 through the gRPC API (DeploymentService -> supervisor) -----------------------
tb deploy rollback --to 1.0.0 --timeout 120 --target "127.0.0.1:$engine_port" --data-dir "$droplet/data" | tee "$work/rollback.log"
[ "$(running_version)" = 1.0.0 ] || fail "v1 is not serving after the rollback"
status=$(tb deploy status --json --target "127.0.0.1:$engine_port" --data-dir "$droplet/data")
printf '%s\n' "$status" >"$work/status.json"
for expected in '"runningVersion": "1.0.0"' '"managed": true' 'DEPLOYMENT_RESULT_ROLLED_BACK' '"actor": "e2e-test"' '(tb deploy rollback)'; do
  grep -qF "$expected" "$work/status.json" || fail "GetDeployment lacks $expected: $status"
done
ok "rolled back to v1 through DeploymentService.Rollback; GetDeployment shows releases and history"
tb deploy status --target "127.0.0.1:$engine_port" --data-dir "$droplet/data"

TB_ROOT="$droplet" "$droplet/bin/tb-release" stop
ok "engine stopped"
echo "$passed passed, 0 failed"
