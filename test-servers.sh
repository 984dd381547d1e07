# Sourced by test.sh and faults.sh: starts a PostgreSQL 15 and a Redis of their own from a temporary folder, on ports
# 55432 and 6390, exports where they are (INBOX_TEST_POSTGRES, INBOX_TEST_REDIS), and stops them when the script exits.
if [ ! -x /usr/lib/postgresql/15/bin/initdb ] || ! command -v redis-server >/dev/null; then
  echo "Missing: postgresql-15 and redis-server (Debian packages); ./test.sh installs them when run as root." >&2
  exit 1
fi
servers=$(mktemp -d /tmp/inbox-test-servers.XXXXXX)
stop_servers() {
  [ -f "$servers/redis.pid" ] && kill "$(cat "$servers/redis.pid")" 2>/dev/null || true
  [ -d "$servers/data" ] && as_postgres /usr/lib/postgresql/15/bin/pg_ctl -D "$servers/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$servers"
}
# PostgreSQL refuses to run as root: as root the server runs as Debian's postgres user.
as_postgres() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
trap stop_servers EXIT
mkdir -p "$servers/sock"
[ "$(id -u)" = "0" ] && chown -R postgres "$servers"
as_postgres /usr/lib/postgresql/15/bin/initdb -D "$servers/data" -A trust -U postgres -E UTF8 --no-locale >/dev/null
as_postgres /usr/lib/postgresql/15/bin/pg_ctl -D "$servers/data" -l "$servers/postgres.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p 55432 -k $servers/sock -c max_connections=300" start >/dev/null
redis-server --port 6390 --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
  --pidfile "$servers/redis.pid" --logfile "$servers/redis.log"
export INBOX_TEST_POSTGRES="Host=127.0.0.1;Port=55432;Username=postgres"
export INBOX_TEST_REDIS="127.0.0.1:6390"
