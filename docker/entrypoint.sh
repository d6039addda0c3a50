#!/bin/sh
# The image's entrypoint: make the config and data folders belong to PUID:PGID, set UMASK, then
# run the command ("autobangumi serve" by default) as that user, never as root.
#
#   PUID   user id the program runs as (default 1000; 0 is refused)
#   PGID   group id (default 1000; 0 is refused)
#   UMASK  octal mask for the files it creates (default 022)
#
# Docker creates a missing bind-mounted folder as root, so a program started as a fixed non-root
# user could not write it; this script, started as root, hands the folders over first. Started
# as another user already (`docker run --user`, Kubernetes runAsUser), it changes no ownership
# and only checks that the folders are writable.
set -eu

CONFIG_DIR=${AB_CONFIG_DIR:-/app/config}
DATA_DIR=${AB_DATA_DIR:-/app/data}

die() {
    # One line in English, one in Chinese, and a non-zero exit: no traceback to read.
    printf 'autobangumi: %s\nautobangumi：%s\n' "$1" "$2" >&2
    exit 2
}

# A decimal id from 1 to 4294967294 (2^32-2; 2^32-1 is the "no id" value).
valid_id() {
    case $1 in '' | *[!0-9]*) return 1 ;; esac
    [ "${#1}" -le 10 ] || return 1
    [ "$1" -ge 1 ] && [ "$1" -le 4294967294 ]
}

PUID=${PUID:-1000}
PGID=${PGID:-1000}
UMASK=${UMASK:-022}

if ! valid_id "$PUID"; then
    die "PUID must be a user id from 1 to 4294967294, not \"$PUID\" (the program never runs as root)." \
        "PUID 必须是 1 到 4294967294 之间的用户 ID，而不是“$PUID”（程序不以 root 身份运行）。"
fi
if ! valid_id "$PGID"; then
    die "PGID must be a group id from 1 to 4294967294, not \"$PGID\" (the program never runs as root)." \
        "PGID 必须是 1 到 4294967294 之间的组 ID，而不是“$PGID”（程序不以 root 身份运行）。"
fi
case $UMASK in
    [0-7] | [0-7][0-7] | [0-7][0-7][0-7] | [0-7][0-7][0-7][0-7]) ;;
    *) die "UMASK must be an octal mask such as 022 or 002, not \"$UMASK\"." \
           "UMASK 必须是八进制掩码（例如 022 或 002），而不是“$UMASK”。" ;;
esac
umask "$UMASK"

if [ "$(id -u)" = 0 ]; then
    for dir in "$CONFIG_DIR" "$DATA_DIR"; do
        mkdir -p "$dir" || die "cannot create $dir." "无法创建 $dir。"
        # Only what is not PUID:PGID's already, so a restart touches nothing; -h never follows a
        # symlink out of the folder, and find does not descend into one.
        find "$dir" \( ! -user "$PUID" -o ! -group "$PGID" \) -exec chown -h "$PUID:$PGID" {} + \
            || die "cannot give $dir to $PUID:$PGID (a read-only volume?)." \
                   "无法将 $dir 的所有者改为 $PUID:$PGID（是否为只读卷？）。"
    done
    exec setpriv --reuid="$PUID" --regid="$PGID" --clear-groups --inh-caps=-all -- "$@"
fi

for dir in "$CONFIG_DIR" "$DATA_DIR"; do
    if ! { mkdir -p "$dir" && [ -w "$dir" ]; } 2>/dev/null; then
        die "$dir is not writable by uid $(id -u); start the container as root with PUID/PGID, or fix the folder's owner." \
            "uid $(id -u) 无法写入 $dir；请以 root 启动容器并设置 PUID/PGID，或修正该文件夹的所有者。"
    fi
done
exec "$@"
