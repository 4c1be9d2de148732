#!/usr/bin/env bash
# Install the system tools the project needs (Debian packages) when they are
# missing: automatically as root, otherwise with one message saying what to run.
set -euo pipefail

declare -A PACKAGE=([wrk]=wrk [valgrind]=valgrind [taskset]=util-linux [unshare]=util-linux [ip]=iproute2 [curl]=curl [chromium]=chromium [h2load]=nghttp2-client)
missing=()
for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("${PACKAGE[$tool]:-$tool}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "Missing system tools. Install them first, e.g.: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
