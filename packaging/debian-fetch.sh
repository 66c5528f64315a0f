#!/usr/bin/env bash
# Fetches Debian source and binary packages by name, with a private apt configuration so that the
# machine's own apt sources (and what `apt-get install` would pick) are never touched. apt checks
# every file it fetches against the checksums of the suite's signed index (Release → Sources /
# Packages), signed by the keys in debian-archive-keyring, and refuses a mismatch.
#
#   bash packaging/debian-fetch.sh source   SUITE DEST PKG...   # unpacked source trees in DEST
#   bash packaging/debian-fetch.sh dsc      SUITE DEST PKG...   # the same, not unpacked
#   bash packaging/debian-fetch.sh orig     SUITE DEST PKG...   # only the upstream tarball(s)
#   bash packaging/debian-fetch.sh download SUITE DEST PKG...   # .deb files in DEST
#
# SUITE is a Debian release name (bookworm, trixie); its -updates and -security suites are searched
# too, so a security update is picked up by name. Every fetch prints "fetched PKG VERSION".
# The apt state lives in $DEBIAN_FETCH_STATE (default build/debian-apt/SUITE); it is refreshed when
# older than a day.
set -euo pipefail

if [ $# -lt 4 ]; then
  echo "usage: bash packaging/debian-fetch.sh source|dsc|orig|download SUITE DEST PKG..." >&2
  exit 2
fi
ACTION="$1" SUITE="$2" DEST="$3"
shift 3
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org}"
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$KEYRING" ] || { echo "missing $KEYRING (apt-get install debian-archive-keyring)" >&2; exit 2; }

STATE="${DEBIAN_FETCH_STATE:-$ROOT/build/debian-apt}/$SUITE"
mkdir -p "$STATE/lists/partial" "$STATE/cache/archives/partial" "$STATE/preferences.d" "$DEST"
for kind in deb deb-src; do
  echo "$kind [signed-by=$KEYRING] $MIRROR/debian $SUITE main"
  echo "$kind [signed-by=$KEYRING] $MIRROR/debian $SUITE-updates main"
  echo "$kind [signed-by=$KEYRING] $MIRROR/debian-security $SUITE-security main"
done >"$STATE/sources.list"
cat >"$STATE/apt.conf" <<EOF
Dir::Etc::sourcelist "$STATE/sources.list";
Dir::Etc::sourceparts "-";
Dir::Etc::preferencesparts "$STATE/preferences.d";
Dir::State::lists "$STATE/lists";
Dir::Cache "$STATE/cache";
APT::Architecture "amd64";
APT::Architectures { "amd64"; };
APT::Sandbox::User "root";
Acquire::Retries "3";
EOF
export APT_CONFIG="$STATE/apt.conf"
if [ -z "$(find "$STATE/lists" -maxdepth 1 -name '*Sources' -mmin -1440 2>/dev/null)" ]; then
  apt-get update -qq
fi

# The upstream tarball(s) of one source version, checked against the SHA-256 sums of the suite's
# signed Sources index (as apt-get source does for every file it fetches).
fetch_orig() {
  local pkg="$1" version="$2" record dir sum size name
  record="$(apt-cache showsrc "$pkg" | awk -v v="$version" '
    /^Package:/ {keep = 0} /^Version:/ {keep = ($2 == v)} keep')"
  dir="$(sed -n 's/^Directory: //p' <<<"$record" | head -1)"
  local n=0
  while read -r sum size name; do
    case "$name" in *.orig.tar.* | *.orig-*.tar.*) ;; *) continue ;; esac
    case "$name" in *.asc) continue ;; esac
    curl -fsS --retry 3 -o "$name.part" "$MIRROR/debian/$dir/$name" || { rm -f "$name.part"; return 1; }
    if [ "$(sha256sum "$name.part" | cut -d' ' -f1)" != "$sum" ]; then
      echo "checksum mismatch: $name" >&2
      rm -f "$name.part"
      exit 1
    fi
    mv "$name.part" "$name"
    n=$((n + 1))
  done < <(sed -n '/^Checksums-Sha256:/,/^[^ ]/p' <<<"$record" | sed -n 's/^ //p')
  [ "$n" -gt 0 ]
}

# The mirror may list a version (say a security update) whose files it does not serve yet: each
# package is fetched at the newest version that downloads, older ones tried in turn, and the
# version taken is printed. PKG=VERSION asks for exactly that version.
cd "$DEST"
for spec in "$@"; do
  pkg="${spec%%=*}"
  if [ "$spec" != "$pkg" ]; then
    versions="${spec#*=}"
  elif [ "$ACTION" = download ]; then
    versions="$(apt-cache madison "$pkg" | awk -F'|' '$3 ~ /Packages/ {gsub(/ /, "", $2); print $2}' | sort -urV)"
  else
    versions="$(apt-cache showsrc "$pkg" | sed -n 's/^Version: //p' | sort -urV)"
  fi
  [ -n "$versions" ] || { echo "no package $pkg in $SUITE" >&2; exit 1; }
  got=""
  for version in $versions; do
    case "$ACTION" in
      source) apt-get source -qq "$pkg=$version" >/dev/null 2>&1 && got="$version" ;;
      dsc) apt-get source -qq --download-only "$pkg=$version" >/dev/null 2>&1 && got="$version" ;;
      orig) fetch_orig "$pkg" "$version" && got="$version" ;;
      download) apt-get download -qq "$pkg=$version" >/dev/null 2>&1 && got="$version" ;;
      *) echo "unknown action $ACTION" >&2; exit 2 ;;
    esac
    [ -n "$got" ] && break
    echo "note: $pkg $version is listed but not served; trying an older version" >&2
  done
  [ -n "$got" ] || { echo "could not fetch $pkg ($versions) from $SUITE" >&2; exit 1; }
  echo "fetched $pkg $got ($SUITE)"
done
