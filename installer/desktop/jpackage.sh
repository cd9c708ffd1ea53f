#!/usr/bin/env bash
# jpackage.sh: the desktop control station as a native application, with its own Java runtime.
#
#   installer/desktop/jpackage.sh [--type TYPE] [--version X.Y.Z] [--dest DIR]
#
#   --type     app-image (default: a folder to run in place), deb, rpm (Linux), msi, exe (Windows,
#              needs the WiX toolset), dmg, pkg (macOS). jpackage builds for the OS it runs on only.
#   --version  application version, digits and dots (default: the Maven version without -SNAPSHOT)
#   --dest     output folder (default: installer/target/desktop)
#
# Takes desktop-client/target/tb-desktop.jar (./mvnw -B -DskipTests -pl desktop-client -am package)
# and needs jpackage from a JDK 17+ (JAVA_HOME, or on PATH). Not part of ./mvnw verify: jlink makes
# a runtime image, which takes a minute.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
type=app-image
version=""
dest="$root/installer/target/desktop"

die() { echo "jpackage.sh: error: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case $1 in
    --type) type=${2:?--type needs a value}; shift 2 ;;
    --version) version=${2:?--version needs a value}; shift 2 ;;
    --dest) dest=${2:?--dest needs a folder}; shift 2 ;;
    -h | --help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

jpackage=jpackage
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ]; then jpackage="$JAVA_HOME/bin/jpackage"; fi
command -v "$jpackage" >/dev/null 2>&1 || die "jpackage not found: set JAVA_HOME to a JDK 17 or newer (not a JRE)"
jar="$root/desktop-client/target/tb-desktop.jar"
[ -f "$jar" ] || die "$jar is missing: build it with ./mvnw -B -DskipTests -pl desktop-client -am package"
if [ -z "$version" ]; then
  version=$(sed -n 's|^  <version>\([0-9.]*\).*</version>|\1|p' "$root/pom.xml" | head -1)
fi
[[ $version =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || die "--version $version: jpackage wants 1 to 3 numbers separated by dots"
if [ "$(uname)" = Darwin ] && [[ $version == 0* ]]; then
  die "--version $version: macOS application versions cannot start with 0; release 1.0.0 or later, or pass --version"
fi

input=$(mktemp -d)
trap 'rm -rf "$input"' EXIT
cp "$jar" "$input/"
mkdir -p "$dest"
rm -rf "${dest:?}/TradingBots"

args=(--type "$type" --name TradingBots --app-version "$version" --dest "$dest"
  --input "$input" --main-jar tb-desktop.jar --main-class io.tradingbots.desktop.Launcher
  --description "Trading Bots desktop control station" --vendor "Trading Bots"
  --java-options "-Xmx512m"
  --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands")
# The icon is a PNG, which jpackage takes on Linux; Windows (.ico) and macOS (.icns) keep its default.
if [ "$(uname)" = Linux ]; then
  args+=(--icon "$(dirname "${BASH_SOURCE[0]}")/icon.png")
fi
case $type in
  deb | rpm) args+=(--linux-package-name trading-bots --linux-shortcut --linux-menu-group Office) ;;
  msi | exe) args+=(--win-menu --win-shortcut --win-dir-chooser) ;;
  dmg | pkg) args+=(--mac-package-name "Trading Bots") ;;
  app-image) ;;
  *) die "--type $type: use app-image, deb, rpm, msi, exe, dmg or pkg" ;;
esac

echo "jpackage.sh: building $type $version in $dest"
"$jpackage" "${args[@]}"
ls -1 "$dest"
