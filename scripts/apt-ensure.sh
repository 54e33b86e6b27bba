#!/usr/bin/env bash
# Installs the given Debian packages if they are not installed yet, quietly: apt's output goes to a
# log that is printed only when something fails. Idempotent and cheap when everything is present
# (no `apt-get update` then). Needs root (or passwordless sudo) and apt; on a machine without apt it
# only warns, so a developer who installed the tools another way is not blocked.
#
#   bash scripts/apt-ensure.sh postgresql chromium
#
# Can also be sourced; it then defines `apt_ensure PKG...`.

apt_pkg_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

apt_ensure() {
  local missing=() pkg
  for pkg in "$@"; do
    if command -v dpkg-query >/dev/null 2>&1; then
      apt_pkg_installed "$pkg" || missing+=("$pkg")
    elif ! command -v "$pkg" >/dev/null 2>&1; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-ensure: missing ${missing[*]} and no apt-get here; install them yourself" >&2
    return 1
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "apt-ensure: missing ${missing[*]}; run as root or install them: apt-get install ${missing[*]}" >&2
      return 1
    fi
  fi

  echo "apt-ensure: installing ${missing[*]} (apt-get update + install; this can take a few minutes)" >&2
  local log rc=0 start=$SECONDS
  log=$(mktemp /tmp/parley-apt.XXXXXX.log)
  local opts=(-o Acquire::Retries=5 -o Acquire::http::Timeout=60 -o DPkg::Lock::Timeout=600
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  {
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${opts[@]}" update &&
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${opts[@]}" install -y \
        --no-install-recommends "${missing[@]}"
  } </dev/null >"$log" 2>&1 || rc=$?
  if [ $rc -ne 0 ]; then
    # apt can fail on a transient mirror error; one more try after a pause.
    echo "apt-ensure: apt-get failed (exit $rc); retrying once in 15 s" >&2
    sleep 15
    rc=0
    {
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${opts[@]}" update &&
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${opts[@]}" install -y \
          --no-install-recommends "${missing[@]}"
    } </dev/null >>"$log" 2>&1 || rc=$?
  fi
  if [ $rc -ne 0 ]; then
    echo "apt-ensure: installing ${missing[*]} failed (exit $rc); last lines of $log:" >&2
    tail -n 40 "$log" >&2
    return $rc
  fi
  for pkg in "${missing[@]}"; do
    if command -v dpkg-query >/dev/null 2>&1 && ! apt_pkg_installed "$pkg"; then
      echo "apt-ensure: $pkg still not installed after apt-get; see $log" >&2
      return 1
    fi
  done
  rm -f "$log"
  echo "apt-ensure: installed ${missing[*]} in $((SECONDS - start)) s" >&2
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -uo pipefail
  apt_ensure "$@"
fi
