#!/usr/bin/env bash
# install.sh: prepare a host (Ubuntu droplet) to run Trading Bots releases. Safe to run again.
#
#   sudo deploy/install.sh [--root DIR] [--user NAME] [--port PORT] [--mode systemd|process]
#                          [--health-timeout S] [--keep N] [--authorized-key FILE] [--java FILE]
#
#   --root DIR      release root (default /srv/trading-bots, or $TB_ROOT)
#   --user NAME     service user that owns the root and runs the engine (default tradingbots);
#                   also the user to deploy as over SSH (add a key with --authorized-key)
#   --port PORT     engine gRPC port, bound to 127.0.0.1 only (default 50051)
#   --mode M        systemd (default): units trading-bots and trading-bots-supervisor, Java 17
#                   from apt, the service user, a sudoers rule so that user may start and stop
#                   the engine unit. process: no systemd, no user, no packages; the supervisor
#                   runs as a background process of the current user (tests, containers).
#   --java FILE     java to run releases with (default: the one on PATH; installed if missing)
#
# Layout: DIR/{releases/<version>,current,data,backups,deploy,etc,bin,run}. Secrets go in
# DIR/etc/engine.env (mode 0600, owner the service user), read by the engine at start only.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root=${TB_ROOT:-/srv/trading-bots}
user=tradingbots
port=50051
mode=systemd
health_timeout=60
keep=5
authorized_key=""
java=""

die() { echo "install.sh: error: $*" >&2; exit 1; }
say() { echo "install.sh: $*"; }

while [ $# -gt 0 ]; do
  case $1 in
    --root) root=${2:?--root needs a directory}; shift 2 ;;
    --user) user=${2:?--user needs a name}; shift 2 ;;
    --port) port=${2:?--port needs a number}; shift 2 ;;
    --mode) mode=${2:?--mode needs systemd or process}; shift 2 ;;
    --health-timeout) health_timeout=${2:?}; shift 2 ;;
    --keep) keep=${2:?}; shift 2 ;;
    --authorized-key) authorized_key=${2:?}; shift 2 ;;
    --java) java=${2:?--java needs the path of a java executable}; shift 2 ;;
    -h | --help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
number_in() { [[ $1 =~ ^[0-9]+$ ]] && [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }
number_in "$port" 1 65535 || die "--port $port: use 1-65535"
number_in "$health_timeout" 5 3600 || die "--health-timeout $health_timeout: use 5 to 3600 seconds"
number_in "$keep" 2 100 || die "--keep $keep: keep 2 to 100 releases (at least current and previous)"
case $root in /*) ;; *) die "--root $root: use an absolute path" ;; esac
[ -f "$here/remote/tb-release" ] || die "run install.sh from a checkout of deploy/ (remote/tb-release is missing beside it)"

java_ok() {
  local v
  [ -n "$java" ] || java=$(command -v java || true)
  [ -n "$java" ] || return 1
  v=$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  [ -n "$v" ] && [ "$v" -ge 17 ]
}

if [ "$mode" = systemd ]; then
  [ "$(id -u)" = 0 ] || die "run as root (sudo): it creates a user, systemd units and installs Java"
  command -v systemctl >/dev/null 2>&1 || die "systemctl not found: use --mode process on a host without systemd"
  if ! java_ok; then
    say "installing Java 17 (openjdk-17-jre-headless)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
    java=""
    java_ok || die "Java 17 was installed but java -version does not say so"
  fi
  if ! id -u "$user" >/dev/null 2>&1; then
    say "creating service user $user"
    useradd --system --home-dir "$root" --shell /bin/bash "$user"
  fi
elif [ "$mode" = process ]; then
  java_ok || die "Java 17 or newer is needed (java -version)"
  user=$(id -un)
else
  die "--mode $mode: use systemd or process"
fi

mkdir -p "$root"/{releases,backups,data,deploy/requests,etc,bin,run}
install -m 0755 "$here/remote/tb-release" "$root/bin/tb-release"
install -m 0755 "$here/remote/tb-supervisor" "$root/bin/tb-supervisor"

conf="$root/etc/deploy.conf"
cat >"$conf.new" <<EOF
# Written by deploy/install.sh; read by tb-release and tb-supervisor.
TB_MODE=$mode
TB_PORT=$port
TB_HEALTH_TIMEOUT=$health_timeout
TB_KEEP=$keep
TB_MIN_FREE_MB=${TB_MIN_FREE_MB:-300}
TB_SERVICE=trading-bots
# 1: start each new release once on a scratch directory before the switch (faster start and stop)
TB_WARM_UP=${TB_WARM_UP:-1}
JAVA=$java
EOF
mv "$conf.new" "$conf"

env_file="$root/etc/engine.env"
if [ ! -f "$env_file" ]; then
  (umask 077 && cat >"$env_file" <<'EOF'
# Secrets for the engine (exchange API keys, later), as NAME=value lines.
# Readable by the service user only; never commit or print this file.
EOF
  )
fi
chmod 0600 "$env_file"

if [ -n "$authorized_key" ]; then
  mkdir -p "$root/.ssh"
  grep -qxF "$(cat "$authorized_key")" "$root/.ssh/authorized_keys" 2>/dev/null || cat "$authorized_key" >>"$root/.ssh/authorized_keys"
  chmod 0700 "$root/.ssh"
  chmod 0600 "$root/.ssh/authorized_keys"
fi

if [ "$mode" = systemd ]; then
  chown -R "$user:$user" "$root"
  chown root:root "$root/bin/tb-release" "$root/bin/tb-supervisor" "$conf"
  for unit in trading-bots trading-bots-supervisor; do
    sed -e "s|@TB_ROOT@|$root|g" -e "s|@TB_USER@|$user|g" "$here/systemd/$unit.service" >"/etc/systemd/system/$unit.service"
  done
  # The service user (who deploys over SSH, and runs the supervisor) may start and stop the engine.
  cat >/etc/sudoers.d/trading-bots <<EOF
$user ALL=(root) NOPASSWD: /usr/bin/systemctl start trading-bots, /usr/bin/systemctl stop trading-bots, /usr/bin/systemctl is-active trading-bots
EOF
  chmod 0440 /etc/sudoers.d/trading-bots
  systemctl daemon-reload
  systemctl enable --now trading-bots-supervisor >/dev/null
  systemctl enable trading-bots >/dev/null
  if [ -L "$root/current" ]; then systemctl start trading-bots; fi
else
  # No systemd: the supervisor runs as a background process, restarted by running install.sh again.
  pid=$(cat "$root/run/supervisor.pid" 2>/dev/null || true)
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
    TB_ROOT="$root" setsid "$root/bin/tb-supervisor" >>"$root/deploy/supervisor.log" 2>&1 </dev/null &
    echo $! >"$root/run/supervisor.pid"
  fi
  if [ -L "$root/current" ]; then TB_ROOT="$root" "$root/bin/tb-release" start; fi
fi
say "ready: $root ($mode mode, engine on 127.0.0.1:$port, user $user)"
say "deploy with: deploy/deploy.sh $user@<this host>$( [ "$root" = /srv/trading-bots ] || echo " --root $root")"
