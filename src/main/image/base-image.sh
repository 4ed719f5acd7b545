#!/usr/bin/env bash
# The image's base, made here because no container registry is reachable from the build machines: a Temurin 25 JRE
# (jlink from the Temurin JDK on the machine) on the few Debian 12 libraries it and the embedded PostgreSQL need
# (no package manager, no shell but dash), written as a Docker-archive tarball that Jib reads
# (quarkus.jib.base-jvm-image=tar://..., set in pom.xml).
#   src/main/image/base-image.sh [out.tar]      (default target/image/base.tar; needs apt-get, dpkg-deb, python3)
set -euo pipefail
cd "$(dirname "$0")/../../.."
out="${1:-target/image/base.tar}"
jdk="${IMAGE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# Files carry this time, so the same inputs give the same layers.
epoch="${SOURCE_DATE_EPOCH:-946684800}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
os="$work/os"; jre="$work/jre"
mkdir -p "$os" "$jre/opt/java" "$(dirname "$out")"

# Debian packages, unpacked without their maintainer scripts: glibc, and libstdc++/libgcc and /bin/sh for the
# embedded PostgreSQL's initdb and pg_ctl (the newcomer default; a cluster sets REMINDERS_EMBEDDED_ENABLED=false).
# From libc-bin only its C.UTF-8 locale (LANG below), which initdb insists on being able to load.
packages=(libc6 libgcc-s1 libstdc++6 dash libc-bin)
mkdir -p "$work/debs" "$work/libc-bin"
(cd "$work/debs" && apt-get download -qq "${packages[@]}" 2>/dev/null)
versions=""
for deb in "$work"/debs/*.deb; do
  name="$(dpkg-deb -f "$deb" Package)"
  if [ "$name" = libc-bin ]; then
    dpkg-deb -x "$deb" "$work/libc-bin"
    mkdir -p "$os/usr/lib/locale" && cp -a "$work/libc-bin/usr/lib/locale/C.utf8" "$os/usr/lib/locale/"
  else
    dpkg-deb -x "$deb" "$os"
  fi
  versions="$versions $name=$(dpkg-deb -f "$deb" Version)"
done
rm -rf "$os/usr/share/doc" "$os/usr/share/man" "$os/usr/share/lintian" "$os/usr/share/locale" "$os/usr/share/gdb" \
  "$os/usr/lib/x86_64-linux-gnu/gconv" "$os/usr/share/menu"
ln -sf dash "$os/bin/sh"
mkdir -p "$os/etc" "$os/tmp" "$os/deployments" "$os/proc" "$os/dev" "$os/sys"
chmod 1777 "$os/tmp"
# User 185, the pod's runAsUser; its home is /tmp, the one place a read-only root filesystem lets it write.
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\ncin:x:185:185:cin-reminders:/tmp:/usr/sbin/nologin\n' > "$os/etc/passwd"
printf 'root:x:0:\ncin:x:185:\n' > "$os/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$os/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost ip6-localhost\n' > "$os/etc/hosts"

# The JRE: the Java SE modules and the JDK ones the service or its operators use (crypto, locales, JFR, jcmd),
# with its default CDS archive; the AOT cache (src/main/image/build.sh) is made against exactly this JVM.
"$jdk/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.localedata,jdk.charsets,jdk.zipfs,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.security.jgss,jdk.management,jdk.management.jfr,jdk.jfr,jdk.jcmd,jdk.attach \
  --strip-debug --no-man-pages --no-header-files --generate-cds-archive --output "$jre/opt/java/openjdk"
java_version="$(. "$jdk/release"; echo "$IMPLEMENTOR_VERSION")"

layer() { # dir -> an uncompressed layer tar, names sorted, owner root, one time
  tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -C "$1" -cf "$2" .
}
layer "$os" "$work/os.tar"
layer "$jre" "$work/jre.tar"

python3 - "$work" "$out" "$java_version" "${versions# }" "$epoch" <<'PY'
import hashlib, io, json, sys, tarfile, time
work, out, java, debs, epoch = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
def sha(p):
    h = hashlib.sha256()
    with open(p, 'rb') as f:
        for b in iter(lambda: f.read(1 << 20), b''): h.update(b)
    return 'sha256:' + h.hexdigest()
layers = [work + '/os.tar', work + '/jre.tar']
created = time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(epoch))
config = {
    'architecture': 'amd64', 'os': 'linux', 'created': created,
    'config': {
        'Env': ['PATH=/opt/java/openjdk/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'JAVA_HOME=/opt/java/openjdk',
                'LANG=C.UTF-8'],
        'Labels': {
            'org.opencontainers.image.base.name': 'cin-reminders-base',
            'cin.java.runtime': 'Eclipse ' + java + ' JRE (jlink of the Temurin JDK)',
            'cin.os.packages': 'Debian 12: ' + debs,
        },
    },
    'rootfs': {'type': 'layers', 'diff_ids': [sha(l) for l in layers]},
    'history': [{'created': created, 'created_by': 'src/main/image/base-image.sh: Debian libraries, user 185'},
                {'created': created, 'created_by': 'src/main/image/base-image.sh: ' + java + ' JRE (jlink)'}],
}
cfg = json.dumps(config, sort_keys=True).encode()
cfg_name = hashlib.sha256(cfg).hexdigest() + '.json'
manifest = json.dumps([{'Config': cfg_name, 'RepoTags': ['cin-reminders-base:latest'],
                        'Layers': ['os/layer.tar', 'jre/layer.tar']}]).encode()
with tarfile.open(out, 'w') as t:
    def add(name, data=None, path=None):
        info = tarfile.TarInfo(name); info.mtime = epoch; info.mode = 0o644
        if path:
            import os; info.size = os.path.getsize(path)
            with open(path, 'rb') as f: t.addfile(info, f)
        else:
            info.size = len(data); t.addfile(info, io.BytesIO(data))
    add(cfg_name, cfg)
    add('os/layer.tar', path=layers[0])
    add('jre/layer.tar', path=layers[1])
    add('manifest.json', manifest)
print(out + ': ' + java + '; ' + debs)
PY
