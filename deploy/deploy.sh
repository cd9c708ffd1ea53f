#!/usr/bin/env bash
# deploy.sh: put an engine release on a droplet over SSH, behind the droplet's health gate.
#
#   deploy/deploy.sh [options] USER@HOST
#
#   --tarball FILE   release tarball (default: installer/target/tradingbots-engine-*.tar.gz);
#                    FILE.sha256 must be beside it (the build writes it)
#   --root DIR       release root on the droplet (default /srv/trading-bots)
#   --port N         SSH port (default 22)
#   --identity FILE  SSH private key (default: ssh's own choice)
#   --install ARGS   first prepare the droplet: upload deploy/ and run install.sh ARGS there
#                    (as root, or with sudo -n), e.g. --install "--mode systemd"
#   --install-only   prepare the droplet and stop there
#
# Environment: DEPLOY_SSH_OPTS extra ssh options (e.g. "-o UserKnownHostsFile=FILE"),
# DEPLOY_ACTOR the name recorded in the droplet's history (default: local user@host).
#
# The old release keeps running while the tarball uploads and unpacks; the droplet's tb-release
# then backs up the database, switches, and rolls back by itself if the new engine does not
# pass its health gate. The exit code is tb-release's: 0 only when the new version serves.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tarball=""
root=/srv/trading-bots
port=22
identity=""
install_args=""
install=false
install_only=false
dest=""

die() { echo "deploy.sh: error: $*" >&2; exit 1; }
say() { echo "deploy.sh: $*"; }

while [ $# -gt 0 ]; do
  case $1 in
    --tarball) tarball=${2:?--tarball needs a file}; shift 2 ;;
    --root) root=${2:?--root needs a directory}; shift 2 ;;
    --port) port=${2:?--port needs a number}; shift 2 ;;
    --identity) identity=${2:?--identity needs a key file}; shift 2 ;;
    --install) install=true; install_args=${2?--install needs its arguments (may be "")}; shift 2 ;;
    --install-only) install=true; install_only=true; shift ;;
    -h | --help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [ -z "$dest" ] || die "one destination only (got $dest and $1)"; dest=$1; shift ;;
  esac
done
[ -n "$dest" ] || die "no destination: deploy/deploy.sh [options] USER@HOST (see --help)"
[[ $dest == *@* ]] || die "destination $dest: use USER@HOST"
[[ $root =~ ^/[A-Za-z0-9._/-]+$ ]] || die "--root $root: use an absolute path of letters, digits, '.', '_', '-'"
[ -z "$identity" ] || [ -r "$identity" ] || die "--identity $identity: no such readable key file"

if ! $install_only; then
  if [ -z "$tarball" ]; then
    shopt -s nullglob
    found=("$here"/../installer/target/tradingbots-engine-*.tar.gz)
    shopt -u nullglob
    [ ${#found[@]} -eq 1 ] || die "found ${#found[@]} tarballs in installer/target: build one (./mvnw -B -DskipTests package) or pass --tarball"
    tarball=${found[0]}
  fi
  [ -f "$tarball" ] || die "--tarball $tarball: no such file"
  [ -f "$tarball.sha256" ] || die "no checksum file $tarball.sha256 beside the tarball: refusing an unverified release"
  (cd "$(dirname "$tarball")" && sha256sum --status -c "$(basename "$tarball").sha256" 2>/dev/null) \
    || die "checksum mismatch for $(basename "$tarball"): it is not the file that was built; nothing was uploaded"
fi

ssh_cmd=(ssh -p "$port" -o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=15)
[ -z "$identity" ] || ssh_cmd+=(-i "$identity" -o IdentitiesOnly=yes)
# shellcheck disable=SC2206 # extra options are meant to split into words
[ -z "${DEPLOY_SSH_OPTS:-}" ] || ssh_cmd+=(${DEPLOY_SSH_OPTS})
actor=${DEPLOY_ACTOR:-"$(id -un)@$(hostname) (deploy.sh)"}

# One connection first, to tell an unreachable host from a refused key before anything moves.
if ! out=$("${ssh_cmd[@]}" "$dest" true 2>&1 </dev/null); then
  last=$(printf '%s\n' "$out" | grep -v '^\s*$' | tail -1)
  case $out in
    *"Permission denied"* | *"Too many authentication failures"*)
      die "$dest refused the SSH key ($last): check --identity and the droplet's authorized_keys" ;;
    *"Host key verification failed"* | *"REMOTE HOST IDENTIFICATION HAS CHANGED"*)
      die "the host key of ${dest#*@} is unknown or changed ($last): check known_hosts" ;;
    *) die "cannot reach ${dest#*@} on SSH port $port ($last)" ;;
  esac
fi

q_root=$(printf '%q' "$root")
if $install; then
  say "preparing $dest:$root (install.sh $install_args)"
  # shellcheck disable=SC2016 # expanded on the droplet
  tar czf - -C "$here" install.sh remote systemd | "${ssh_cmd[@]}" "$dest" \
    'set -e; d=$(mktemp -d); trap "rm -rf \"\$d\"" EXIT; tar xzf - -C "$d";
     if [ "$(id -u)" = 0 ]; then run=(); else run=(sudo -n); fi
     "${run[@]}" bash "$d/install.sh" --root '"$q_root"' '"$install_args" \
    || die "install.sh failed on $dest (see above)"
  $install_only && exit 0
fi

name=$(basename "$tarball")
q_name=$(printf '%q' "$name")
q_actor=$(printf '%q' "$actor")
start=$(date +%s)
say "uploading $name to $dest:$root/incoming"
"${ssh_cmd[@]}" "$dest" "test -x $q_root/bin/tb-release || { echo 'no $root/bin/tb-release: prepare the droplet with --install first' >&2; exit 3; }
  mkdir -p $q_root/incoming && cat > $q_root/incoming/$q_name.part && mv $q_root/incoming/$q_name.part $q_root/incoming/$q_name" <"$tarball" \
  || die "upload to $dest failed (see above); the running release was not touched"
"${ssh_cmd[@]}" "$dest" "cat > $q_root/incoming/$q_name.sha256" <"$tarball.sha256" \
  || die "upload of the checksum to $dest failed; the running release was not touched"
say "switching (the droplet backs up the database and checks health)"
if "${ssh_cmd[@]}" "$dest" "$q_root/bin/tb-release deploy $q_root/incoming/$q_name --by $q_actor" </dev/null; then
  say "done in $(($(date +%s) - start)) s"
else
  code=$?
  die "the deployment failed (exit $code, reason above); the droplet runs what tb-release reported"
fi
