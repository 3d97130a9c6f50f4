# The Debian packages (sourced by product-tests.sh after it built v2): install the server package, run the
# unit's command as the service user, upgrade to v2 keeping the data, remove and purge; install and remove
# the client package. dpkg changes this machine, so the tests run only where that is wanted: as root with
# AIRGAP_PACKAGE_TESTS=1 (.ci/run sets it on its throw-away machine).
# Uses from product-tests.sh: pass, fail, expect_output, free_port, wait_for, pids, work, products, v1, v2,
# and v2_products (the v2 build's products folder).

package_tests() {
  local server_deb client_deb server_deb_v2 unit exec_start port server_pid before after
  server_deb=$(ls "$products"/airgap-server_*_amd64.deb 2>/dev/null | head -n 1)
  client_deb=$(ls "$products"/airgap_*_amd64.deb 2>/dev/null | head -n 1)
  server_deb_v2=$(ls "$v2_products"/airgap-server_*_amd64.deb 2>/dev/null | head -n 1)
  if [ -z "$server_deb" ] || [ -z "$client_deb" ] || [ -z "$server_deb_v2" ]; then
    fail "packages" "missing .deb files in $products or $v2_products"
    return
  fi
  # A machine where an earlier run stopped half-way: start from nothing.
  dpkg -P airgap-server airgap >/dev/null 2>&1 || true
  rm -rf /var/lib/airgap
  getent passwd airgap >/dev/null && userdel airgap

  # ---- server: install
  out=$(dpkg -i "$server_deb" 2>&1); code=$?
  unit=/lib/systemd/system/airgap-server.service
  if [ $code -eq 0 ] && [ "$(stat -c %U /var/lib/airgap/server.ini 2>/dev/null)" = airgap ] \
      && [ "$(getent passwd airgap | cut -d: -f7)" = /usr/sbin/nologin ] && [ -f "$unit" ] \
      && grep -q "Created the Airgap data directory /var/lib/airgap" <<<"$out"; then
    pass "dpkg -i airgap-server: system user airgap, /var/lib/airgap made by init and owned by it, the unit installed"
  else
    fail "server package install" "exit $code, output: $(tail -5 <<<"$out" | tr '\n' '|')"
    return
  fi
  if command -v systemd-analyze >/dev/null; then
    out=$(systemd-analyze verify "$unit" 2>&1); code=$?
    if [ $code -eq 0 ] && [ -z "$out" ]; then
      pass "systemd-analyze verify accepts airgap-server.service"
    else
      fail "unit verify" "exit $code, output: $out"
    fi
  else
    fail "unit verify" "systemd-analyze is missing (apt-get install systemd)"
  fi

  # ---- the unit's command as the service user (CI machines run no systemd), with the first administrator
  out=$(printf 'package admin pw\n' | airgap-server user add admin --role admin 2>&1); code=$?
  expect_output "server package user add" 0 "Added user admin (admin)" \
    "sudo airgap-server user add runs as the user airgap on the package's data directory"
  exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
  port=$(free_port)
  start_service() {
    runuser -u airgap -- sh -c "set -a; . /etc/default/airgap-server; set +a; exec $exec_start --port $port --host 127.0.0.1" \
      > "$work/service.out" 2>&1 &
    server_pid=$!
    pids+=("$server_pid")
    wait_for 90 curl -skf "https://127.0.0.1:$port/api/health"
  }
  login() {
    curl -sk -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
      -d '{"user":"admin","password":"package admin pw"}' "https://127.0.0.1:$port/api/login"
  }
  if start_service && [ "$(login)" = 200 ] && [ "$(stat -c %U /var/log/airgap/airgap-server.log)" = airgap ]; then
    pass "the unit's ExecStart as the user airgap serves HTTPS; the log is in /var/log/airgap"
  else
    fail "server package run" "$(tail -5 "$work/service.out" | tr '\n' '|')"
  fi
  kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null

  # ---- upgrade to v2: the data stays (same certificate, the administrator still logs in)
  before=$(airgap-server fingerprint 2>&1 | grep -o 'SHA256:[A-Za-z0-9+/=]*' | head -n 1)
  out=$(dpkg -i "$server_deb_v2" 2>&1); code=$?
  after=$(airgap-server fingerprint 2>&1 | grep -o 'SHA256:[A-Za-z0-9+/=]*' | head -n 1)
  if [ $code -eq 0 ] && [ "$(dpkg-query -W -f='${Version}' airgap-server)" = "$v2" ] && [ -n "$before" ] \
      && [ "$before" = "$after" ] && start_service && [ "$(login)" = 200 ]; then
    pass "dpkg -i of v2 upgrades the server package and keeps its data (same certificate, the administrator logs in)"
  else
    fail "server package upgrade" "exit $code, version $(dpkg-query -W -f='${Version}' airgap-server), fingerprint $before -> $after, $(tail -3 <<<"$out" | tr '\n' '|')"
  fi
  kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null

  # ---- remove keeps the data; purge removes logs and cache and still keeps the data
  out=$(dpkg -r airgap-server 2>&1); code=$?
  if [ $code -eq 0 ] && [ ! -e /opt/airgap-server/bin ] && [ ! -e /usr/bin/airgap-server ] && [ -f /var/lib/airgap/server.ini ]; then
    pass "dpkg -r removes the server and keeps /var/lib/airgap"
  else
    fail "server package remove" "exit $code, output: $(tail -3 <<<"$out" | tr '\n' '|')"
  fi
  out=$(dpkg -P airgap-server 2>&1); code=$?
  if [ $code -eq 0 ] && [ ! -e /var/log/airgap ] && [ ! -e /var/cache/airgap-server ] && [ -f /var/lib/airgap/server.ini ] \
      && grep -q "the data in /var/lib/airgap and the user airgap are kept" <<<"$out"; then
    pass "dpkg -P removes logs and cache, keeps the data and says so"
  else
    fail "server package purge" "exit $code, output: $(tail -3 <<<"$out" | tr '\n' '|')"
  fi
  rm -rf /var/lib/airgap
  userdel airgap 2>/dev/null || true

  # ---- client: install, a command as an ordinary account, remove
  out=$(dpkg -i "$client_deb" 2>&1); code=$?
  local version home
  home=$(mktemp -d) && chown nobody "$home"
  version=$(runuser -u nobody -- env HOME="$home" TMPDIR="$home" airgap version 2>&1 | head -n 1)
  rm -rf "$home"
  if [ $code -eq 0 ] && [ "$version" = "Airgap $v1" ] && [ -f /usr/share/applications/airgap.desktop ] \
      && [ -f /usr/share/icons/hicolor/48x48/apps/airgap.png ]; then
    pass "dpkg -i airgap: /usr/bin/airgap runs for an ordinary account; desktop entry and icon installed"
  else
    fail "client package install" "exit $code, version '$version', output: $(tail -3 <<<"$out" | tr '\n' '|')"
  fi
  out=$(dpkg -P airgap 2>&1); code=$?
  if [ $code -eq 0 ] && [ ! -e /opt/airgap ] && [ ! -e /usr/bin/airgap ]; then
    pass "dpkg -P airgap removes the client with what its first start wrote"
  else
    fail "client package remove" "exit $code, output: $(tail -3 <<<"$out" | tr '\n' '|')"
  fi
}

if [ "${AIRGAP_PACKAGE_TESTS:-}" = 1 ] && [ "$(id -u)" = 0 ]; then
  package_tests
else
  echo "note: Debian package tests not run (they need root and AIRGAP_PACKAGE_TESTS=1; .ci/run sets it)"
fi
