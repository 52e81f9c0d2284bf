# Sourced by scripts/test.sh: a throwaway PostgreSQL cluster in a temp dir on a loopback port.
# Sets EXAMINER_TEST_PG_URL on success. initdb refuses root, so it runs as the postgres user.
pg_throwaway_start() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] && [ -x "$bin/initdb" ] || return 1
  PG_TMP=$(mktemp -d /tmp/examiner-pg.XXXXXX)
  PG_PORT=${PG_PORT:-54329}
  local as=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_TMP"; as=(runuser -u postgres --); fi
  "${as[@]}" "$bin/initdb" -D "$PG_TMP/data" -A trust -U postgres >"$PG_TMP/initdb.log" 2>&1 || return 1
  "${as[@]}" "$bin/pg_ctl" -D "$PG_TMP/data" -o "-p $PG_PORT -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off" \
    -l "$PG_TMP/log" -w start >/dev/null || { cat "$PG_TMP/log" >&2; return 1; }
  PG_BIN=$bin
  export EXAMINER_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/postgres"
  echo "PostgreSQL test server on 127.0.0.1:$PG_PORT" >&2
}

pg_throwaway_stop() {
  [ -n "${PG_TMP:-}" ] || return 0
  local as=()
  [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_TMP"
}
