#!/usr/bin/env bash
# Build the web page with Debian 12's own Node.js 18 and compare the result with the committed
# bundle (rest_bridge/autobangumi_bridge/webui). Debian 12 ships nodejs 18; a newer Node on the
# developer's machine must not hide a build that only works there.
#
#   bash tools/web_node18.sh            # exit 0: Node 18 builds exactly the committed bundle
#   bash tools/web_node18.sh DIR        # compare with the bundle in DIR instead
#
# Debian's nodejs is fetched as .deb files (apt-get download) into .cache/node18 and unpacked
# there; nothing is installed on the system. Debian's build loads a few of its JavaScript
# dependencies from /usr/share/nodejs, so the build runs in a private mount namespace in which an
# overlay adds those files to /usr/share for that process only. Needs root (unshare, mount).
# Exit 2 means this machine cannot run the check (no root, no namespaces, no npm): say why.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="$ROOT/.cache/node18"
BUNDLE="${1:-$ROOT/rest_bridge/autobangumi_bridge/webui}"
PKGS=(nodejs libnode108 node-acorn node-cjs-module-lexer node-undici)
# Debian 12's nodejs: the security update first, the release itself if the mirror lacks it.
VERSIONS=("18.20.4+dfsg-1~deb12u3" "18.20.4+dfsg-1~deb12u2")

cannot() { echo "web_node18: cannot check here: $*" >&2; exit 2; }

[ "$(id -u)" = 0 ] || cannot "needs root (a private mount namespace)"
command -v unshare >/dev/null || cannot "no unshare"
NPM_CLI="$(dirname "$(readlink -f "$(command -v npm || echo /nonexistent)")")/npm-cli.js"
[ -f "$NPM_CLI" ] || cannot "no npm (its npm-cli.js is run by Node 18)"

fetch() {
    mkdir -p "$CACHE/debs"
    cd "$CACHE/debs"
    local v got=""
    for v in "${VERSIONS[@]}"; do
        if apt-get download -q "nodejs=$v" "libnode108=$v" >/dev/null 2>&1; then got=$v; break; fi
    done
    if [ -z "$got" ]; then
        apt-get update -q >/dev/null 2>&1 || true
        for v in "${VERSIONS[@]}"; do
            if apt-get download -q "nodejs=$v" "libnode108=$v" >/dev/null 2>&1; then got=$v; break; fi
        done
    fi
    [ -n "$got" ] || cannot "Debian's nodejs 18 packages are not downloadable"
    apt-get download -q node-acorn node-cjs-module-lexer node-undici >/dev/null 2>&1 \
        || cannot "Debian's node-acorn, node-cjs-module-lexer, node-undici are not downloadable"
    rm -rf "$CACHE/root"
    for deb in *.deb; do dpkg -x "$deb" "$CACHE/root"; done
    cd "$ROOT"
}

[ -x "$CACHE/root/usr/bin/node" ] || fetch
cat > "$CACHE/node" <<EOF
#!/bin/sh
LD_LIBRARY_PATH="$CACHE/root/usr/lib/x86_64-linux-gnu" exec "$CACHE/root/usr/bin/node" "\$@"
EOF
chmod +x "$CACHE/node"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# A copy of the page's sources without node_modules: the install is Node 18's own.
tar -C "$ROOT/web" --exclude=node_modules -cf - . | tar -C "$WORK" -xf -
mkdir -p "$WORK/bin"
ln -s "$CACHE/node" "$WORK/bin/node"

unshare -m sh -c 'mount -t overlay overlay -o "lowerdir=$1:/usr/share" /usr/share' _ "$CACHE/root/usr/share" \
    || cannot "no private mount namespace with an overlay here"

# The overlay puts Debian's /usr/share/nodejs over /usr/share for this process tree only.
unshare -m bash -euo pipefail -c '
    mount -t overlay overlay -o "lowerdir=$1/root/usr/share:/usr/share" /usr/share
    export PATH="$2/bin:$PATH"
    cd "$2"
    echo "web_node18: $(node --version)"
    node "$3" ci --no-audit --no-fund --loglevel=error >/dev/null
    node node_modules/typescript/bin/tsc --noEmit
    node node_modules/vite/bin/vite.js build --logLevel warn --outDir "$2/out" --emptyOutDir
' _ "$CACHE" "$WORK" "$NPM_CLI" || { echo "web_node18: the build failed with Node 18" >&2; exit 1; }

if diff -r --exclude=build-stamp.json "$WORK/out" "$BUNDLE"; then
    echo "web_node18: Node 18 builds exactly the committed bundle"
else
    echo "web_node18: Node 18 builds a different bundle (diff above)" >&2
    exit 1
fi
