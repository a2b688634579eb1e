#!/usr/bin/env bash
# Installs the Debian packages ticketflow needs to build, test and run.
# Idempotent and non-interactive: it installs only what is missing, so a second run does nothing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost-dev libboost-date-time-dev
  nlohmann-json3-dev
  libhowardhinnant-date-dev
  libsqlite3-dev libpq-dev postgresql libsodium-dev libcurl4-openssl-dev libzip-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-dev python3-pytest python3-pybind11 pybind11-dev
  python3-pip python3-setuptools python3-wheel
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
