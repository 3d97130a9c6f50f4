#!/usr/bin/env bash
# Cold start of the Airgap workbench to its first painted window, against an empty E4 application on the
# same installation (same launcher, JVM options, Equinox and target platform bundles; without the
# org.airgap.* bundles, with the one-window model benchmarks/coldstart/empty.e4xmi). Alternates, in each
# round, three starts under a private Xvfb:
#   airgap          the workbench as shipped (it asks for a login at startup: the login dialog is timed too)
#   airgap-nologin  the workbench with -Dairgap.login.atStartup=false
#   empty           the empty E4 application
# Each of them is started twice per round, each time in a new JVM with an empty -data folder and a fresh
# copy of the installation's configuration area:
#   first start   a never used configuration (Equinox resolves every bundle and parses every plugin.xml);
#                 the window is then closed as a user would, so the application exits cleanly and Equinox
#                 writes its caches (framework state, extension registry)
#   second start  a copy of the configuration left by that first start: the usual start, with the OSGi
#                 caches warm (the operating system's file cache is warm for both: the jars were just read)
# A start is timed from the launch of bin/airgap to the first screenshot of its window with more than 16
# colours (the test releng/tests/product-tests.sh uses for "painted"). Prints each start, the medians and
# the ratio to the empty application (the median of the ratios of the starts of the same round).
#
# Usage: benchmarks/coldstart/run.sh [-n ROUNDS] [--archive CLIENT.tar.gz] [--keep]
#   default archive: releng/org.airgap.repository/target/products/airgap-client-linux.gtk.x86_64.tar.gz
# Needs Xvfb, xwininfo (x11-utils), import and identify (imagemagick), python3. See docs/benchmarks.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
rounds=5
archive="$root/releng/org.airgap.repository/target/products/airgap-client-linux.gtk.x86_64.tar.gz"
keep=no
while [ $# -gt 0 ]; do
  case $1 in
    -n|--rounds) rounds=$2; shift 2 ;;
    --archive) archive=$2; shift 2 ;;
    --keep) keep=yes; shift ;;
    *) echo "usage: $0 [-n ROUNDS] [--archive CLIENT.tar.gz] [--keep]" >&2; exit 2 ;;
  esac
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: -n needs a positive number of rounds, not '$rounds'" >&2; exit 2; }
[ -f "$archive" ] || { echo "run.sh: no client archive at $archive: build the products first (./mvnw -B -o -q verify -DskipTests) or give --archive" >&2; exit 1; }
for tool in Xvfb xwininfo import identify python3; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (Debian: apt-get install xvfb x11-utils imagemagick python3)" >&2; exit 1; }
done

PAINTED_COLOURS=16
START_TIMEOUT=180
LOGIN_TITLE="Log in to Airgap"
E4_APPLICATION=org.eclipse.e4.ui.workbench.swt.E4Application

work=$(mktemp -d "${TMPDIR:-/tmp}/airgap-coldstart.XXXXXX")
app_pid="" xvfb_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then kill -9 "$app_pid" 2>/dev/null || true; fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  if [ "$keep" = yes ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# ---------------------------------------------------------------- the two installations
echo "unpacking $archive"
mkdir -p "$work/airgap" "$work/empty" "$work/home"
tar xzf "$archive" -C "$work/airgap"
tar xzf "$archive" -C "$work/empty"
# The empty application: the same installation without Airgap's own bundles (so none of their DS
# components or plugin.xml contributions take part) and without the Airgap product (its branding needs
# org.airgap.client); the E4 model lives in the configuration area, read through platform:/config/.
empty_config="$work/empty/airgap/configuration"
sed -i '/^org\.airgap\./d' "$empty_config/org.eclipse.equinox.simpleconfigurator/bundles.info"
sed -i '/^eclipse\.product=/d' "$empty_config/config.ini"
cp "$here/empty.e4xmi" "$empty_config/"
for install in airgap empty; do
  cp -a "$work/$install/airgap/configuration" "$work/$install.pristine-configuration"
done
# The workbench and Equinox write below $HOME too (preferences, the Airgap session): keep it private.
export HOME="$work/home" GDK_BACKEND=x11

# ---------------------------------------------------------------- a display of our own
display_number=""
for n in $(seq 90 130); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display_number=$n; break; fi
done
[ -n "$display_number" ] || { echo "run.sh: no free X display number in :90..:130" >&2; exit 1; }
# -noreset: without it Xvfb resets when its last client leaves, and a start that connects just then
# fails with "gtk_init_check() failed".
Xvfb ":$display_number" -screen 0 1400x900x24 -nolisten tcp -noreset > "$work/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display_number"
for _ in $(seq 1 50); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done
sleep 0.5
if ! kill -0 "$xvfb_pid" 2>/dev/null || ! xwininfo -root >/dev/null 2>&1; then
  echo "run.sh: Xvfb on $DISPLAY did not start: $(cat "$work/xvfb.log")" >&2
  exit 1
fi

# ---------------------------------------------------------------- one start
# window_id TITLE: the id of the shown top-level window with that title, or nothing. (SWT on GTK appends
# a space to shell titles; GTK also keeps unmapped helper windows named after the application.)
window_id() {
  local candidate
  for candidate in $(xwininfo -root -tree 2>/dev/null | sed -n "s/^ *\(0x[0-9a-f]*\) \"$1 \?\":.*/\1/p"); do
    if xwininfo -id "$candidate" 2>/dev/null | grep -q "Map State: IsViewable"; then
      echo "$candidate"
      return 0
    fi
  done
  return 0
}

# painted WINDOW_ID: whether a screenshot of the window shows more than PAINTED_COLOURS colours.
painted() {
  local shot="$work/shot.png" colours
  import -window "$1" "$shot" 2>/dev/null || return 1
  colours=$(identify -format %k "$shot" 2>/dev/null) || return 1
  [ "${colours:-0}" -gt "$PAINTED_COLOURS" ]
}

seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'; }

# start VARIANT WHICH: starts the variant (WHICH = first: on a pristine configuration; second: on a copy
# of the configuration the last first start left; an empty -data for both) and waits until its window is painted (and, for
# the shipped workbench, its login dialog). Sets window_seconds, login_seconds, classes and app_pid.
start() {
  local variant=$1 which=$2 install title vmargs="" args=() id="" login_id="" started
  case $variant in
    airgap) install=airgap title=Airgap ;;
    airgap-nologin) install=airgap title=Airgap vmargs="-Dairgap.login.atStartup=false" ;;
    empty) install=empty title=ColdstartEmpty args=(-application "$E4_APPLICATION" -applicationXMI platform:/config/empty.e4xmi) ;;
  esac
  local home="$work/$install/airgap" data="$work/data" warm="$work/warm.$variant"
  rm -rf "$home/configuration" "$data"
  mkdir -p "$data"
  if [ "$which" = first ]; then
    cp -a "$work/$install.pristine-configuration" "$home/configuration"
  else
    cp -a "$warm/configuration" "$home/configuration"
  fi
  window_seconds="" login_seconds="" classes=""
  started=$EPOCHREALTIME
  AIRGAP_VMARGS="$vmargs" "$home/bin/airgap" -data "$data" "${args[@]}" > "$work/$variant.$which.out" 2>&1 &
  app_pid=$!
  while [ -z "$window_seconds" ] || { [ "$variant" = airgap ] && [ -z "$login_seconds" ]; }; do
    if ! kill -0 "$app_pid" 2>/dev/null; then
      local code=0
      wait "$app_pid" || code=$?
      app_pid=""
      echo "run.sh: $variant ($which start) exited (code $code) before its window was painted;" \
        "output: $(tail -5 "$work/$variant.$which.out" | tr '\n' '|')" \
        "log: $(tail -20 "$data/.metadata/.log" 2>/dev/null | tr '\n' '|')" >&2
      keep=yes
      exit 1
    fi
    if [ "$(seconds_since "$started" | cut -d. -f1)" -ge "$START_TIMEOUT" ]; then
      echo "run.sh: $variant ($which start): no painted window within $START_TIMEOUT s" >&2
      exit 1
    fi
    if [ -z "$window_seconds" ]; then
      [ -n "$id" ] || id=$(window_id "$title")
      if [ -n "$id" ] && painted "$id"; then window_seconds=$(seconds_since "$started"); continue; fi
    fi
    if [ "$variant" = airgap ] && [ -z "$login_seconds" ]; then
      [ -n "$login_id" ] || login_id=$(window_id "$LOGIN_TITLE")
      if [ -n "$login_id" ] && painted "$login_id"; then login_seconds=$(seconds_since "$started"); continue; fi
    fi
    sleep 0.05
  done
  # How many classes the JVM had loaded by then: a rough measure of how much code the start ran.
  local jcmd
  jcmd="$(dirname "$(readlink -f "/proc/$app_pid/exe")")/jcmd"
  if [ -x "$jcmd" ]; then
    classes=$("$jcmd" "$app_pid" PerfCounter.print 2>/dev/null | sed -n 's/^java\.cls\.loadedClasses=//p')
  fi
  if [ "$which" = first ]; then
    # Close it as a user would, so that Equinox and the workbench write their state and caches; the
    # shipped workbench first gets its login dialog closed (Cancel).
    [ -n "$login_id" ] && python3 "$here/close-window.py" "$login_id" && sleep 1
    kill -0 "$app_pid" 2>/dev/null && python3 "$here/close-window.py" "$id"
    local waited=0
    while kill -0 "$app_pid" 2>/dev/null && [ $waited -lt 600 ]; do sleep 0.1; waited=$((waited + 1)); done
    if kill -0 "$app_pid" 2>/dev/null; then
      echo "run.sh: $variant did not exit within 60 s after its window was closed" >&2
      exit 1
    fi
    wait "$app_pid" 2>/dev/null || true
    rm -rf "$warm"; mkdir -p "$warm"
    cp -a "$home/configuration" "$warm/configuration"
  else
    kill -9 "$app_pid" 2>/dev/null
    wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=""
}

# ---------------------------------------------------------------- the rounds
variants=(airgap airgap-nologin empty)
declare -A times
echo "Xvfb $DISPLAY, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $rounds rounds"
printf '%-6s %-15s %-7s %10s %10s %9s\n' round variant start window login classes
for round in $(seq 1 "$rounds"); do
  # Every other round the other way round, so a drift in the machine's load hits all variants alike.
  order=("${variants[@]}")
  [ $((round % 2)) -eq 0 ] && order=(empty airgap-nologin airgap)
  for variant in "${order[@]}"; do
    for which in first second; do
      start "$variant" "$which"
      times[$variant.$which.window.$round]=$window_seconds
      times[$variant.$which.login.$round]=$login_seconds
      printf '%-6s %-15s %-7s %9ss %10s %9s\n' "$round" "$variant" "$which" "$window_seconds" \
        "${login_seconds:+${login_seconds}s}" "${classes:--}"
    done
  done
done

# ---------------------------------------------------------------- summary
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
times_of() { local key=$1 r; for r in $(seq 1 "$rounds"); do echo "${times[$key.$r]}"; done; }
ratios() { local a=$1 b=$2 r; for r in $(seq 1 "$rounds"); do awk -v x="${times[$a.$r]}" -v y="${times[$b.$r]}" 'BEGIN { printf "%.3f\n", x / y }'; done; }

echo
echo "medians over $rounds rounds (seconds from launch to the painted window); ratio = median of the per-round ratios to empty"
for which in second first; do
  empty_median=$(median $(times_of "empty.$which.window"))
  printf '%s start: empty application %ss\n' "$which" "$empty_median"
  for measure in "airgap-nologin window" "airgap window" "airgap login"; do
    set -- $measure
    key="$1.$which.$2"
    label="$1 $2"
    [ "$label" = "airgap login" ] && label="airgap login dialog"
    printf '  %-22s %7ss  ratio %s\n' "$label" "$(median $(times_of "$key"))" "$(median $(ratios "$key" "empty.$which.window"))"
  done
done
echo "goal: the shipped workbench's window at most 1.3 x the empty application (second start)"
