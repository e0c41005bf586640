# Sourced by .ci/run: a throwaway PostgreSQL cluster for the profile store's tests.
# Installs Debian's postgresql if missing, starts a cluster in a temp dir (as the
# postgres user when run as root: the server refuses root), exports PROVISIM_PG_URL,
# and stops and removes it on exit.

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

start_postgres() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ -z "$(pg_bin)" ]; then
    $sudo apt-get update -qq >/dev/null
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local bin port as=()
  bin="$(pg_bin)"
  PG_DIR="$(mktemp -d)"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$PG_DIR"
    as=(runuser -u postgres --)
  fi
  port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  trap stop_postgres EXIT
  "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -s \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $PG_DIR" start
  export PROVISIM_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port for the profile tests"
}

stop_postgres() {
  local bin as=()
  bin="$(pg_bin)"
  [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -s stop || true
  fi
  [ -n "${PG_DIR:-}" ] && rm -rf "$PG_DIR"
}
