#!/usr/bin/env bash
# FTP benchmark: mirror a generated tree (2,000 files, 1 KB to 10 MB, about 493 MB) from an FTP server on
# 127.0.0.1, with the Airgap FTP driver (into a real content store) and with lftp's mirror, with the same
# number of parallel connections. Results: docs/benchmarks.md, "FTP".
#
# Needs: a build (./mvnw -B -o verify -pl tests/org.airgap.driver.ftp.tests -am), lftp, and for the default
# server vsftpd (Debian: apt-get install lftp vsftpd; run as root, vsftpd chroots anonymous users) — or
# FTP_BENCH_SERVER=mina for Apache MINA FtpServer from the jars (a small Java main, no root needed).
#
#   benchmarks/ftp/run.sh [N ...]       the whole benchmark: N parallel connections each (default: 2 4), one
#                                       timed run per side and N, after one warm-up run each
# Steps, for timing the two sides with an external tool (the server must be running):
#   benchmarks/ftp/run.sh prepare       compile, generate the tree (once)
#   benchmarks/ftp/run.sh server-start  start the FTP server in the background
#   benchmarks/ftp/run.sh airgap N      one Airgap backup with N connections into a fresh store
#   benchmarks/ftp/run.sh lftp N        one lftp mirror --parallel=N into a fresh folder
#   benchmarks/ftp/run.sh server-stop
#   benchmarks/ftp/run.sh lftp-sync N   the same, then sync: the copy on disk, as durable as Airgap's store
# Work folder: $FTP_BENCH_DIR, default /tmp/ftp-bench-airgap (about 1.5 GB while both outputs exist).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${FTP_BENCH_DIR:-/tmp/ftp-bench-airgap}
server=${FTP_BENCH_SERVER:-vsftpd}
tree="$work/tree"
classes="$root/benchmarks/ftp/target"
m2=${MAVEN_REPO:-$HOME/.m2/repository}

source "$root/features/org.airgap.runtime.feature/rootfiles/bin/airgap-java.sh"
airgap_find_java jdk
java="$AIRGAP_JAVA_HOME/bin/java"

newest() { # newest jar of an artifact in the local Maven repository
  find "$m2/$1" -name "$2-[0-9]*.jar" ! -name '*-sources.jar' | sort -V | tail -n1
}
jar_of() { # the built jar of a bundle of this repository
  local jar
  jar=$(ls "$root/$1"/target/*.jar 2>/dev/null | grep -v sources | head -n1 || true)
  [ -n "$jar" ] || { echo "run.sh: $1 is not built; run: ./mvnw -B -o verify -pl tests/org.airgap.driver.ftp.tests -am" >&2; exit 2; }
  echo "$jar"
}
server_cp="$(newest org/apache/ftpserver/ftpserver-core ftpserver-core):$(newest org/apache/ftpserver/ftplet-api ftplet-api)"
server_cp="$server_cp:$(newest org/apache/mina/mina-core mina-core):$(newest org/slf4j/slf4j-api slf4j-api)"
driver_cp="$(jar_of bundles/org.airgap.driver.ftp):$(jar_of bundles/org.airgap.driver.api):$(jar_of bundles/org.airgap.store)"
driver_cp="$driver_cp:$(jar_of bundles/org.airgap.model):$(newest commons-net/commons-net commons-net)"
driver_cp="$driver_cp:$m2/commons-io/commons-io/2.20.0/commons-io-2.20.0.jar" # Commons Net needs it; the target's version
driver_cp="$driver_cp:$(newest com/google/code/gson/gson gson):$(newest org/eclipse/platform/org.eclipse.equinox.common org.eclipse.equinox.common)"

prepare() {
  mkdir -p "$classes" "$work"
  "$AIRGAP_JAVA_HOME/bin/javac" -nowarn -d "$classes" -cp "$server_cp" "$root/benchmarks/ftp/FtpBenchServer.java"
  "$AIRGAP_JAVA_HOME/bin/javac" -nowarn -d "$classes" -cp "$driver_cp" "$root/benchmarks/ftp/FtpBenchBackup.java"
  if [ ! -f "$work/tree.complete" ]; then
    rm -rf "$tree"
    python3 - "$tree" <<'PY'
import os, random, sys
root = sys.argv[1]
rnd = random.Random(20261126)                 # fixed seed: the same tree on every machine and run
sizes = [10 * 1000 * 1000] * 20               # 20 files of 10 MB ...
sizes += [int(1000 * 1000 ** rnd.random()) for _ in range(1980)]  # ... and 1,980 of 1 KB to 1 MB, log-uniform
for i, size in enumerate(sizes):
    folder = os.path.join(root, f"cell{i % 8}", f"robot{i % 25:02d}")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"file{i:04d}.bin"), "wb") as f:
        f.write(rnd.randbytes(size))
PY
    touch "$work/tree.complete"
  fi
}

tree_stats() { # files and bytes of the tree, without the marker file
  find "$tree" -type f -printf '%s\n' | awk '{ n++; s += $1 } END { print n, s }'
}

server_start() {
  rm -f "$work/port"
  if [ "$server" = mina ]; then
    nohup "$java" -cp "$classes:$server_cp" FtpBenchServer "$tree" "$work/port" > "$work/server.log" 2>&1 &
    echo $! > "$work/server.pid"
  else
    command -v vsftpd > /dev/null || { echo "run.sh: vsftpd is missing (apt-get install vsftpd)" >&2; exit 2; }
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mkdir -p /var/run/vsftpd/empty
    # Anonymous, read-only, loopback only; no sandboxing that containers refuse (seccomp, namespaces).
    cat > "$work/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$port
background=NO
anonymous_enable=YES
anon_root=$tree
no_anon_password=YES
local_enable=NO
write_enable=NO
secure_chroot_dir=/var/run/vsftpd/empty
max_clients=64
max_per_ip=64
xferlog_enable=NO
seccomp_sandbox=NO
isolate=NO
isolate_network=NO
hide_ids=YES
CONF
    nohup vsftpd "$work/vsftpd.conf" > "$work/server.log" 2>&1 &
    echo $! > "$work/server.pid"
    for _ in $(seq 50); do (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null && break; sleep 0.1; done
    echo "$port" > "$work/port"
  fi
  for _ in $(seq 100); do [ -f "$work/port" ] && break; sleep 0.1; done
  [ -f "$work/port" ] || { echo "run.sh: the FTP server did not start, see $work/server.log" >&2; exit 1; }
  echo "$server on 127.0.0.1:$(cat "$work/port") (pid $(cat "$work/server.pid"))"
}

server_stop() {
  [ -f "$work/server.pid" ] && kill "$(cat "$work/server.pid")" 2>/dev/null || true
  rm -f "$work/server.pid" "$work/port"
}

login() { # user and password of the server
  if [ "$server" = mina ]; then echo "bench bench"; else echo "anonymous airgap@"; fi
}

airgap() {
  rm -rf "$work/store"
  # shellcheck disable=SC2046
  "$java" -cp "$classes:$driver_cp" FtpBenchBackup "$(cat "$work/port")" "$1" "$work/store" $(login)
}

mirror() {
  rm -rf "$work/lftp"
  local user
  user=$(login | tr ' ' ,)
  lftp -u "$user" -p "$(cat "$work/port")" -e "set ftp:ssl-allow no; set ftp:passive-mode on; \
set net:max-retries 1; set net:timeout 10; mirror --parallel=$1 / $work/lftp; quit" 127.0.0.1
}

case "${1:-all}" in
  prepare) prepare ;;
  server-start) server_start ;;
  server-stop) server_stop ;;
  airgap) airgap "$2" ;;
  lftp) mirror "$2" ;;
  lftp-sync) mirror "$2"; sync ;;
  *)
    command -v lftp > /dev/null || { echo "run.sh: lftp is missing (apt-get install lftp)" >&2; exit 2; }
    [ "${1:-all}" = all ] && shift || true
    prepare
    read -r files bytes < <(tree_stats)
    echo "tree: $files files, $bytes bytes in $tree"
    trap server_stop EXIT
    server_start
    for n in "${@:-2 4}"; do
      for n1 in $n; do
        airgap "$n1" > /dev/null 2>&1; mirror "$n1"            # warm-up: page cache, server
        # sync before each timed command, untimed, so that neither side pays for the other's writeback
        sync; start=$(date +%s.%N); out=$(airgap "$n1" 2> /dev/null); a=$(echo "$(date +%s.%N) - $start" | bc -l)
        sync; start=$(date +%s.%N); mirror "$n1"; l=$(echo "$(date +%s.%N) - $start" | bc -l)
        sync; ls=$(echo "$(date +%s.%N) - $start" | bc -l)
        echo "$out"
        case "$out" in *"files=$files bytes=$bytes "*) ;; *) echo "run.sh: Airgap did not get the whole tree" >&2; exit 1 ;; esac
        read -r lf lb < <(find "$work/lftp" -type f -printf '%s\n' | awk '{ n++; s += $1 } END { print n, s }')
        [ "$lf $lb" = "$files $bytes" ] || { echo "run.sh: lftp got $lf files, $lb bytes" >&2; exit 1; }
        printf 'parallel=%s  airgap %.2f s  lftp %.2f s (%.2f s with sync)  airgap/lftp %.2f (%.2f)\n' "$n1" "$a" "$l" \
          "$ls" "$(echo "$a / $l" | bc -l)" "$(echo "$a / $ls" | bc -l)"
      done
    done
    # The floor under Airgap's time: the same files put into a fresh store from the local disk, no FTP at all.
    rm -rf "$work/store"; sync
    echo "store ingest of the tree from local disk: $("$java" -cp "$driver_cp" "$root/benchmarks/StoreIngest.java" "$tree" "$work/store")"
    ;;
esac
