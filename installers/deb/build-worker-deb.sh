#!/usr/bin/env bash
# Builds target/deb/xtremweb-worker_<version>_<arch>.deb with jpackage: the worker with its own
# Java runtime in /opt/xtremweb-worker, a systemd service running it as the unprivileged user
# "xtremweb", its configuration in /etc/xtremweb (kept on upgrade) and the pinned server
# certificate. Usage (from the repository root, after `bin/xwmvn -o -q -pl worker -am package -DskipTests`):
#   installers/deb/build-worker-deb.sh --server HOST --cert xwserver.pem [--port 4325] [--login worker]
#                                      [--password-file FILE] [--version 1.0.0]
# Then: dpkg -i target/deb/xtremweb-worker_*.deb  (needs fakeroot and dpkg-deb to build).
# -XX:-UsePerfData: no /tmp/hsperfdata_xtremweb left behind (dpkg --purge leaves nothing of the worker).
# Without --password-file, write the worker's password into /etc/xtremweb/worker.password after
# installing and `systemctl restart xtremweb-worker`.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bin/xtremwebconf.sh

server="" cert="" port=4325 login=worker passwordFile="" version=1.0.0
while [ $# -gt 0 ]; do
  case "$1" in
    --server) server=$2; shift 2 ;;
    --cert) cert=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --login) login=$2; shift 2 ;;
    --password-file) passwordFile=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    *) echo "unknown option $1; see the usage at the top of $0" >&2; exit 2 ;;
  esac
done
[ -n "$server" ] || { echo "--server HOST is required: the server the worker connects to" >&2; exit 2; }
[ -r "$cert" ] || { echo "--cert FILE is required: the server's certificate (var/server/keystore/xwserver.pem)" >&2; exit 2; }
[ -z "$passwordFile" ] || [ -r "$passwordFile" ] || { echo "cannot read the password file $passwordFile" >&2; exit 2; }
xw_select_java
command -v fakeroot >/dev/null && command -v dpkg-deb >/dev/null \
  || { echo "jpackage needs fakeroot and dpkg-deb to build a .deb: apt-get install fakeroot dpkg-dev" >&2; exit 1; }
lib=worker/target/lib
jar=$(ls "$lib"/xtremweb-worker-*.jar 2>/dev/null | head -1)
[ -n "$jar" ] || { echo "no worker jar in $lib: run bin/xwmvn -o -q -pl worker -am package -DskipTests first" >&2; exit 1; }

work=target/deb/work
rm -rf "$work" && mkdir -p "$work/input" "$work/content/xtremweb" "$work/resources"
cp "$lib"/*.jar "$work/input/"
content="$work/content/xtremweb"
cp "$cert" "$content/xwserver.pem"
cp installers/deb/xtremweb-worker.service "$content/"
[ -z "$passwordFile" ] || install -m 600 "$passwordFile" "$content/worker.password"
installers/deb/worker-conf.sh "$server" "$port" "$login" > "$content/xtremweb.worker.conf"
cp installers/deb/resources/postinst installers/deb/resources/prerm installers/deb/resources/postrm "$work/resources/"

"$JAVA_HOME/bin/jpackage" --type deb --dest target/deb \
  --name xtremweb-worker --app-version "$version" --vendor "XtremWeb" \
  --description "XtremWeb desktop grid worker: computes for the grid when the machine is not used" \
  --linux-package-name xtremweb-worker --linux-deb-maintainer "xtremweb@localhost" --linux-app-category science \
  --install-dir /opt \
  --input "$work/input" --main-jar "$(basename "$jar")" --main-class xtremweb.worker.WorkerMain \
  --java-options "-Dxw.home=/var/lib/xtremweb-worker --enable-native-access=ALL-UNNAMED -XX:-UsePerfData" \
  --add-modules java.base,java.logging,java.naming,java.net.http,java.management,java.xml,jdk.crypto.ec,jdk.unsupported,java.sql \
  --app-content "$content" \
  --resource-dir "$work/resources"
ls -l target/deb/*.deb
