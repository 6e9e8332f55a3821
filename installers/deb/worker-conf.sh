#!/usr/bin/env bash
# Prints the worker configuration the .deb installs as /etc/xtremweb/xtremweb.worker.conf:
# xtremweb.worker.conf.in with the server, port and login filled in, followed by the activation
# policy section of conf/xtremweb.worker.conf, with its documentation, so that a volunteer who
# installed only the package can choose when the machine computes without the sources at hand.
# Usage (from the repository root): installers/deb/worker-conf.sh SERVER PORT LOGIN
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -eq 3 ] || { echo "usage: $0 SERVER PORT LOGIN" >&2; exit 2; }
sed -e "s|@SERVER@|$1|" -e "s|@PORT@|$2|" -e "s|@LOGIN@|$3|" installers/deb/xtremweb.worker.conf.in
echo
sed -n '/^## Activation policy/,/^## Keys of the manual/{/^## Keys of the manual/!p}' conf/xtremweb.worker.conf
