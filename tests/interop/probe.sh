#!/usr/bin/env bash
# shellcheck disable=SC2317 # cleanup and its helpers are only reached through trap
# probe.sh SETDIR ENDPOINT...
#
# Run the real database servers and clients on one certificate set and report
# what actually happened, one TSV line per observation on stdout:
#
#   program <TAB> mode <TAB> endpoint <TAB> accept|reject|error <TAB> reason
#
# SETDIR holds server.crt, server.key and server-ca.crt. ENDPOINT is a DNS name
# (made to resolve to 127.0.0.1 inside a private mount namespace, /etc/hosts is
# never touched) or one of the IP literals 127.0.0.1 and ::1.
#
# Servers: a throwaway PostgreSQL 15 and MariaDB 10.11, each in a mktemp dir,
# listening on 127.0.0.1 and ::1 only, on free high ports. Clients: psql
# (libpq), mariadb (Connector/C), and when available Debian's python3 and Go
# (see pg_tls_probe.py / pg_tls_probe.go). Everything is stopped and removed
# on exit, also on failure or Ctrl-C. See README.md.
#
# Exit status: 0 when every observation is accept or reject, 1 when at least
# one line is an error of the harness, 2 on bad usage or missing programs.
#
# Environment knobs:
#   PROBE_START_TIMEOUT   seconds a server may take to start (default 30)
#   PROBE_CLIENT_TIMEOUT  seconds one client call may take (default 20)
#   PROBE_CLIENTS         clients to run (default "libpq mariadb python go pgjdbc";
#                         python, go and pgjdbc are skipped with a warning if missing)
#   PROBE_SERVERS         servers to run (default "postgresql mariadb")
#   PROBE_KEEP=1          keep the temp dir (servers are still stopped)
#   PROBE_VERBOSE=1       progress and program versions on stderr
#   PG_BINDIR             PostgreSQL binaries (default /usr/lib/postgresql/15/bin)
set -euo pipefail

SELF_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly SELF_DIR
readonly PG_BINDIR=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
readonly START_TIMEOUT=${PROBE_START_TIMEOUT:-30}
readonly CLIENT_TIMEOUT=${PROBE_CLIENT_TIMEOUT:-20}
readonly DB_USER=probe
PROBE_CLIENTS=${PROBE_CLIENTS:-libpq mariadb python go pgjdbc}
PROBE_SERVERS=${PROBE_SERVERS:-postgresql mariadb}
PYTHON=${PROBE_PYTHON:-/usr/bin/python3}
MARIADBD=${MARIADBD:-/usr/sbin/mariadbd}
PGJDBC_JAR=${PGJDBC_JAR:-/usr/share/java/postgresql.jar}

# ---------------------------------------------------------------- helpers

T0=${EPOCHREALTIME/[.,]/}
say() { # progress with the elapsed time, when PROBE_VERBOSE=1
	local now=${EPOCHREALTIME/[.,]/}
	if [[ ${PROBE_VERBOSE:-0} == 1 ]]; then printf 'probe: %6.2fs %s\n' "$(((now - T0) / 10000))e-2" "$*" >&2; fi
}
warn() { printf 'probe: %s\n' "$*" >&2; }
die() {
	printf 'probe: %s\n' "$*" >&2
	exit 2
}

# One line of text, no tabs, at most 400 characters.
oneline() {
	local s
	s=$(printf '%s' "$1" | tr '\t\r\n' '   ' | tr -s ' ')
	s=${s# }
	s=${s% }
	printf '%s' "${s:0:400}"
}

HAD_ERROR=0
# emit PROGRAM MODE ENDPOINT VERDICT REASON
emit() {
	[[ $4 == error ]] && HAD_ERROR=1
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$(oneline "$5")"
}

have() { command -v "$1" >/dev/null 2>&1; }

wants() { # wants WORD LIST
	local w
	for w in $2; do [[ $w == "$1" ]] && return 0; done
	return 1
}

is_root() { [[ $(id -u) == 0 ]]; }

# Command prefixes that run a program as the service user when root, as
# ourselves otherwise.
AS_PG=()
AS_MY=()
if is_root; then
	AS_PG=(runuser -u postgres --)
	AS_MY=(runuser -u mysql --)
fi

port_in_use() {
	if have ss; then
		[[ -n $(ss -Hltn "( sport = :$1 )" 2>/dev/null) ]]
	else
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
	fi
}

# Ports come from below the kernel's ephemeral range (client source ports, 32768-60999
# by default): a client connection of a probe running at the same time can hold any
# port in that range, and a server that cannot bind one of its addresses still starts.
PORT_LO=20000
PORT_HI=32767
if read -r eph_lo eph_hi _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null; then
	PORT_HI=$((eph_lo - 1))
	if ((PORT_HI - PORT_LO < 2000)); then
		PORT_LO=$((eph_hi + 1)) PORT_HI=65535
	fi
fi
USED_PORTS=" "
free_port() {
	local p i
	for ((i = 0; i < 200; i++)); do
		p=$((PORT_LO + (RANDOM * 32768 + RANDOM) % (PORT_HI - PORT_LO + 1)))
		[[ $USED_PORTS == *" $p "* ]] && continue
		if ! port_in_use "$p"; then
			USED_PORTS+="$p "
			echo "$p"
			return 0
		fi
	done
	return 1
}

pid_alive() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; }

# Children of a pid (runuser forks the real server).
child_pids() { ps -o pid= --ppid "$1" 2>/dev/null | tr -d ' ' || true; }
descendants() { # every descendant of a pid, deepest first
	local k
	for k in $(child_pids "$1"); do
		descendants "$k"
		echo "$k"
	done
}

# Wait until pid is gone, at most N tenths of a second.
wait_gone() { # pid tenths
	local i
	for ((i = 0; i < $2; i++)); do
		pid_alive "$1" || return 0
		sleep 0.1
	done
	! pid_alive "$1"
}

stop_pid() { # pid [signal]: signal (default TERM), wait 15 s, KILL
	local pid=$1
	pid_alive "$pid" || return 0
	kill "-${2:-TERM}" "$pid" 2>/dev/null || true
	if ! wait_gone "$pid" 150; then
		kill -KILL "$pid" 2>/dev/null || true
		wait_gone "$pid" 50 || warn "could not stop pid $pid"
	fi
}

# Slow preparation steps (initdb, mariadb-install-db, go build) run side by side.
BG_PIDS=()
declare -A BG_PID=()
bg_run() { # name cmd...: run in the background, output to $WORK/name.out
	local name=$1
	shift
	"$@" >"$WORK/$name.out" 2>&1 </dev/null &
	BG_PID[$name]=$!
	BG_PIDS+=("$!")
}
bg_wait() { # name: wait for it; returns its exit status, output in BG_OUT
	local rc=0
	wait "${BG_PID[$1]}" || rc=$?
	BG_OUT=$(<"$WORK/$1.out")
	return "$rc"
}

# ---------------------------------------------------------------- arguments

[[ $# -ge 2 ]] || die "usage: probe.sh SETDIR ENDPOINT..."
SETDIR=$(cd "$1" 2>/dev/null && pwd) || die "no such set directory: $1"
shift
ENDPOINTS=("$@")
for f in server.crt server.key server-ca.crt; do
	[[ -r $SETDIR/$f ]] || die "$SETDIR/$f is missing or unreadable"
done
CA=$SETDIR/server-ca.crt

for c in timeout unshare setsid mount getent ps; do have "$c" || die "missing program: $c"; done
if is_root; then have runuser || die "missing program: runuser"; fi
if wants postgresql "$PROBE_SERVERS"; then
	[[ -x $PG_BINDIR/initdb && -x $PG_BINDIR/postgres && -x $PG_BINDIR/pg_isready ]] || die "PostgreSQL binaries not found in $PG_BINDIR (apt-get install postgresql)"
fi
if wants mariadb "$PROBE_SERVERS"; then
	if ! [[ -x $MARIADBD ]] || ! have mariadb-install-db || ! have mariadb-admin; then
		die "MariaDB server not found (apt-get install mariadb-server)"
	fi
fi
if wants libpq "$PROBE_CLIENTS"; then have psql || die "psql not found (apt-get install postgresql-client)"; fi
if wants mariadb "$PROBE_CLIENTS"; then have mariadb || die "mariadb client not found (apt-get install mariadb-client)"; fi
if wants python "$PROBE_CLIENTS" && ! [[ -x $PYTHON ]]; then
	warn "skipping client:python: $PYTHON not found (apt-get install python3)"
	PROBE_CLIENTS=${PROBE_CLIENTS//python/}
fi
if wants go "$PROBE_CLIENTS" && ! have go; then
	warn "skipping client:go: go not found (apt-get install golang-go)"
	PROBE_CLIENTS=${PROBE_CLIENTS//go/}
fi
if wants pgjdbc "$PROBE_CLIENTS" && ! { have java && have javac && [[ -r $PGJDBC_JAR ]]; }; then
	warn "skipping client:pgjdbc: needs java, javac and $PGJDBC_JAR (apt-get install default-jdk-headless libpostgresql-jdbc-java)"
	PROBE_CLIENTS=${PROBE_CLIENTS//pgjdbc/}
fi

# ---------------------------------------------------------------- work dir and cleanup

WORK=$(mktemp -d "${TMPDIR:-/tmp}/certgate-probe.XXXXXX")
chmod 0711 "$WORK" # the service users must traverse it
PG_DIR=$WORK/pg
MDB_DIR=$WORK/mariadb
PG_LAUNCHER=  # pid of the backgrounded setsid/runuser/postgres
MDB_LAUNCHER= # pid of the backgrounded setsid/runuser/mariadbd

# Stop a server started in the background: its own pid file first (with the
# server's preferred signal), then anything left below the launcher, then the
# launcher itself. Every server is our descendant, so nothing is left behind
# as a zombie of pid 1.
stop_server() { # launcher pidfile signal
	local pid kid
	if [[ -f $2 ]]; then
		pid=$(head -n1 "$2")
		if [[ $pid =~ ^[0-9]+$ ]]; then stop_pid "$pid" "$3"; fi
	fi
	for kid in $(descendants "$1"); do stop_pid "$kid" "$3"; done
	stop_pid "$1"
	wait "$1" 2>/dev/null
}

cleanup() {
	local rc=$? pid kid
	set +e
	trap - EXIT INT TERM HUP
	for pid in "${BG_PIDS[@]}"; do
		for kid in $(descendants "$pid"); do stop_pid "$kid"; done
		stop_pid "$pid"
		wait "$pid" 2>/dev/null
	done
	if [[ -n $PG_LAUNCHER ]]; then
		say "stopping postgresql"
		stop_server "$PG_LAUNCHER" "$PG_DIR/data/postmaster.pid" INT # INT = fast shutdown
	fi
	if [[ -n $MDB_LAUNCHER ]]; then
		say "stopping mariadb"
		stop_server "$MDB_LAUNCHER" "$MDB_DIR/run/mariadbd.pid" TERM
	fi
	if [[ ${PROBE_KEEP:-0} == 1 ]]; then
		warn "kept $WORK"
	else
		rm -rf "$WORK"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Environment for the clients: nothing inherited that could change their behaviour
# (PG*, SSL_CERT_FILE, ~/.postgresql, ~/.my.cnf ...).
mkdir -p "$WORK/home"
CLIENT_ENV=(env -i "PATH=/usr/local/bin:/usr/bin:/bin" "HOME=$WORK/home" "LC_ALL=C" "TZ=UTC")

if [[ ${PROBE_VERBOSE:-0} == 1 ]]; then
	{
		openssl version 2>/dev/null || true
		"$PG_BINDIR/postgres" --version 2>/dev/null || true
		psql --version 2>/dev/null || true
		"$MARIADBD" --version 2>/dev/null || true
		mariadb --version 2>/dev/null || true
		"$PYTHON" -c 'import ssl,sys; print("python", sys.version.split()[0], ssl.OPENSSL_VERSION)' 2>/dev/null || true
		go version 2>/dev/null || true
	} | sed 's/^/probe: version: /' >&2
fi

# ---------------------------------------------------------------- PostgreSQL

# Reason a server failed because of the harness rather than the certificate.
# A server still running but not answering after PROBE_START_TIMEOUT is one too.
harness_server_failure() {
	[[ $1 =~ ^start\ timed\ out|[Aa]ddress\ already\ in\ use|[Cc]ould\ not\ bind|[Cc]an\'t\ start\ server|[Pp]ermission\ denied|No\ space\ left|[Cc]ould\ not\ create\ (lock|shared\ memory) ]]
}

PG_PORT=
pg_ready() {
	"${AS_PG[@]}" timeout 5 "$PG_BINDIR/pg_isready" -q -h "$PG_DIR" -p "$PG_PORT" -d postgres -U "$DB_USER" >/dev/null 2>&1
}

prepare_postgresql() {
	mkdir -p "$PG_DIR"
	if is_root; then chown postgres: "$PG_DIR"; fi
	chmod 0700 "$PG_DIR"
	say "postgresql: initdb"
	bg_run initdb "${AS_PG[@]}" timeout "$START_TIMEOUT" "$PG_BINDIR/initdb" -D "$PG_DIR/data" -U "$DB_USER" \
		-A trust --no-sync --no-instructions -E UTF8 --locale=C
}

start_postgresql() {
	local i reason
	if ! bg_wait initdb; then
		emit server:postgresql start - error "harness: initdb failed: $(tail -n 2 <<<"$BG_OUT")"
		return 1
	fi
	PG_PORT=$(free_port) || {
		emit server:postgresql start - error "harness: no free port"
		return 1
	}
	# The set's certificate and key, owned by the server user, mode 0600.
	cp "$SETDIR/server.crt" "$PG_DIR/data/server.crt"
	cp "$SETDIR/server.key" "$PG_DIR/data/server.key"
	if is_root; then chown postgres: "$PG_DIR/data/server.crt" "$PG_DIR/data/server.key"; fi
	chmod 0600 "$PG_DIR/data/server.crt" "$PG_DIR/data/server.key"
	cat >>"$PG_DIR/data/postgresql.conf" <<-EOF

		# certgate probe
		listen_addresses = '127.0.0.1,::1'
		port = $PG_PORT
		unix_socket_directories = '$PG_DIR'
		ssl = on
		ssl_cert_file = 'server.crt'
		ssl_key_file = 'server.key'
		ssl_ca_file = ''
		log_line_prefix = ''
		lc_messages = 'C'
		fsync = off
		max_connections = 20
		shared_buffers = 16MB
	EOF
	cat >"$PG_DIR/data/pg_hba.conf" <<-EOF
		local   all all              trust
		hostssl all all 127.0.0.1/32 trust
		hostssl all all ::1/128      trust
	EOF
	say "postgresql: starting on port $PG_PORT"
	# setsid: no controlling terminal, so an encrypted key cannot prompt.
	setsid --wait "${AS_PG[@]}" "$PG_BINDIR/postgres" -D "$PG_DIR/data" </dev/null >"$PG_DIR/server.log" 2>&1 &
	PG_LAUNCHER=$!
	for ((i = 0; i < START_TIMEOUT * 5; i++)); do
		pg_ready && break
		pid_alive "$PG_LAUNCHER" || break
		sleep 0.2
	done
	if pg_ready; then
		# pg_isready uses the socket; a TCP address it could not bind only shows in the log
		reason=$(grep -m1 -E 'could not (bind|create listen socket)' "$PG_DIR/server.log" 2>/dev/null || true)
		if [[ -n $reason ]]; then
			emit server:postgresql start - error "harness: started without all TCP addresses: $reason"
			return 1
		fi
		emit server:postgresql start - accept "started with ssl=on on 127.0.0.1:$PG_PORT"
		return 0
	fi
	reason=$(grep -m1 -E 'FATAL:' "$PG_DIR/server.log" 2>/dev/null || true)
	[[ -n $reason ]] || reason=$(tail -n1 "$PG_DIR/server.log" 2>/dev/null || true)
	pid_alive "$PG_LAUNCHER" && reason="start timed out after ${START_TIMEOUT}s: $reason"
	if harness_server_failure "$reason"; then
		emit server:postgresql start - error "harness: $reason"
	else
		emit server:postgresql start - reject "$reason"
	fi
	return 1
}

# ---------------------------------------------------------------- MariaDB

MDB_PORT=
# The local checks use the socket without TLS (--skip-ssl): Debian's client
# would otherwise try TLS on the socket too, and a certificate no client can
# handshake with (P-224, DSA) would look like a server that never starts.
mdb_ping() {
	"${AS_MY[@]}" timeout 5 mariadb-admin --no-defaults --skip-ssl --socket="$MDB_DIR/run/mariadbd.sock" -uroot ping >/dev/null 2>&1
}
mdb_log_reason() { # the [ERROR] lines (not "Aborting"), else SSL lines, else the last line
	local log=$MDB_DIR/run/error.log r
	[[ -f $log ]] || return 0
	# drop the timestamp and thread id: "2026-11-23  1:16:34 0 [ERROR] ..."
	r=$(sed -nE '/\[ERROR\]/{/Aborting/d;s/^.*\[ERROR\] //;p}' "$log")
	[[ -n $r ]] || r=$(grep -iE 'ssl|tls' "$log" | sed -E 's/^[0-9-]+ +[0-9:]+ [0-9]+ //' || true)
	[[ -n $r ]] || r=$(tail -n1 "$log")
	[[ -n $r ]] || r="(nothing in the server log)"
	printf '%s' "$r" | head -n 4 | paste -sd ';' - | sed 's/;/; /g'
}

prepare_mariadb() {
	mkdir -p "$MDB_DIR/run" "$MDB_DIR/tls" "$MDB_DIR/tmp"
	cp "$SETDIR/server.crt" "$MDB_DIR/tls/server.crt"
	cp "$SETDIR/server.key" "$MDB_DIR/tls/server.key"
	printf "CREATE USER IF NOT EXISTS '%s'@'%%';\n" "$DB_USER" >"$MDB_DIR/run/init.sql"
	if is_root; then chown -R mysql: "$MDB_DIR"; fi
	chmod 0700 "$MDB_DIR" "$MDB_DIR/run" "$MDB_DIR/tls" "$MDB_DIR/tmp"
	chmod 0600 "$MDB_DIR/tls/server.crt" "$MDB_DIR/tls/server.key"
	say "mariadb: install-db"
	# Own --tmpdir: bootstraps sharing /tmp remove each other's #sql-temptable files
	# ("Can't find file: '/tmp/#sql-temptable-….MAI'") when two probes run at once.
	bg_run install-db "${AS_MY[@]}" timeout "$START_TIMEOUT" mariadb-install-db --no-defaults --datadir="$MDB_DIR/data" \
		--auth-root-authentication-method=normal --skip-test-db --skip-name-resolve --tmpdir="$MDB_DIR/tmp"
}

start_mariadb() {
	local i have_ssl reason
	if ! bg_wait install-db; then
		emit server:mariadb start - error "harness: mariadb-install-db failed: $(grep -m 2 -E '^ERROR|\[ERROR\]' <<<"$BG_OUT" || tail -n 2 <<<"$BG_OUT")"
		return 1
	fi
	MDB_PORT=$(free_port) || {
		emit server:mariadb start - error "harness: no free port"
		return 1
	}
	# shellcheck disable=SC2054 # the comma in --bind-address is MariaDB's list syntax
	local -a args=(--no-defaults --datadir="$MDB_DIR/data" --socket="$MDB_DIR/run/mariadbd.sock"
		--port="$MDB_PORT" --bind-address=127.0.0.1,::1 --pid-file="$MDB_DIR/run/mariadbd.pid"
		--log-error="$MDB_DIR/run/error.log" --ssl-cert="$MDB_DIR/tls/server.crt"
		--ssl-key="$MDB_DIR/tls/server.key" --init-file="$MDB_DIR/run/init.sql"
		--skip-name-resolve --skip-log-bin --innodb-buffer-pool-size=16M --tmpdir="$MDB_DIR/tmp")
	is_root && args+=(--user=mysql)
	say "mariadb: starting on port $MDB_PORT"
	setsid --wait "${AS_MY[@]}" "$MARIADBD" "${args[@]}" </dev/null >"$MDB_DIR/run/stdout.log" 2>&1 &
	MDB_LAUNCHER=$!
	for ((i = 0; i < START_TIMEOUT * 5; i++)); do
		mdb_ping && break
		pid_alive "$MDB_LAUNCHER" || break
		sleep 0.2
	done
	if ! mdb_ping; then
		reason=$(mdb_log_reason)
		[[ -n $reason ]] || reason=$(tail -n1 "$MDB_DIR/run/stdout.log" 2>/dev/null || true)
		if pid_alive "$MDB_LAUNCHER"; then
			reason="start timed out after ${START_TIMEOUT}s: $reason"
		fi
		if harness_server_failure "$reason"; then
			emit server:mariadb start - error "harness: $reason"
		else
			emit server:mariadb start - reject "$reason"
		fi
		return 1
	fi
	have_ssl=$("${AS_MY[@]}" timeout 10 mariadb --no-defaults --skip-ssl --socket="$MDB_DIR/run/mariadbd.sock" -uroot -N -B \
		-e "SELECT @@have_ssl" 2>&1) || have_ssl="query failed: $have_ssl"
	if [[ $have_ssl == YES ]]; then
		emit server:mariadb start - accept "started with TLS (have_ssl=YES) on 127.0.0.1:$MDB_PORT"
	else
		reason=$(sed -nE '/\[ERROR\]|SSL|TLS/{s/^[0-9-]+ +[0-9:]+ [0-9]+ //;p}' "$MDB_DIR/run/error.log" | head -n 4 | paste -sd ';' -)
		emit server:mariadb start - reject "running without TLS (have_ssl=$have_ssl): ${reason:-no TLS error in the server log}"
	fi
	return 0 # running (with or without TLS): clients are still probed
}

# ---------------------------------------------------------------- name resolution

HOSTS_FILE=$WORK/hosts
{
	printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n'
	for ep in "${ENDPOINTS[@]}"; do
		if [[ $ep =~ ^[A-Za-z0-9_]([A-Za-z0-9._-]*[A-Za-z0-9_.])?$ && $ep == *[A-Za-z_-]* && $ep != localhost ]]; then
			printf '127.0.0.1\t%s\n' "$ep"
		fi
	done
} >"$HOSTS_FILE"
chmod 0644 "$HOSTS_FILE"

UNSHARE=(unshare --mount --propagation private)
is_root || UNSHARE=(unshare --map-root-user --mount --propagation private)

# Run a command with $HOSTS_FILE as /etc/hosts, in a private mount namespace.
in_ns() {
	# shellcheck disable=SC2016 # expanded by the inner shell
	"${UNSHARE[@]}" -- /bin/sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' "$HOSTS_FILE" "$@"
}

# Prints the address the servers are reached at for an endpoint, or (and
# fails) why the harness cannot map it.
resolve_endpoint() {
	local ep=$1 out bad
	case $ep in
	127.0.0.1 | ::1)
		echo "$ep"
		return 0
		;;
	esac
	if [[ $ep == *:* || $ep =~ ^[0-9.]+$ ]]; then
		echo "harness: IP endpoint $ep is not supported (only 127.0.0.1 and ::1)"
		return 1
	fi
	if ! grep -qxF -- "$(printf '127.0.0.1\t%s' "$ep")" "$HOSTS_FILE"; then
		echo "harness: endpoint '$ep' is not a host name this harness can map"
		return 1
	fi
	# The check runs in a namespace set up exactly like the clients' ones.
	if ! out=$(in_ns timeout 10 getent ahosts "$ep" 2>&1) || [[ -z $out ]]; then
		echo "harness: '$ep' did not resolve inside the namespace ${out:+: $out}"
		return 1
	fi
	# The servers listen on both loopback addresses (localhost gives both).
	bad=$(awk '$1 != "127.0.0.1" && $1 != "::1" {print $1}' <<<"$out" | sort -u | tr '\n' ' ')
	if [[ -n $bad ]]; then
		echo "harness: '$ep' resolved to something other than the loopback addresses: $bad"
		return 1
	fi
	echo 127.0.0.1
}

# ---------------------------------------------------------------- clients

# A libpq conninfo value in single quotes.
pq_quote() {
	local v=${1//\\/\\\\}
	v=${v//\'/\\\'}
	printf "'%s'" "$v"
}

# client:libpq — psql with host=ENDPOINT hostaddr=ADDR.
probe_libpq() { # mode ep addr
	local mode=$1 ep=$2 addr=$3 out rc=0 conn
	conn="host=$ep hostaddr=$addr port=$PG_PORT user=$DB_USER dbname=postgres sslmode=$mode sslrootcert=$(pq_quote "$CA") connect_timeout=10"
	out=$(in_ns "${CLIENT_ENV[@]}" timeout "$CLIENT_TIMEOUT" psql -X -w -A -t -v ON_ERROR_STOP=1 -d "$conn" \
		-c 'SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()' 2>&1) || rc=$?
	if [[ $rc == 0 ]]; then
		if [[ $out == t\|* ]]; then
			out=${out#t|}
			emit client:libpq "$mode" "$ep" accept "ssl ${out//|/ }"
		else
			emit client:libpq "$mode" "$ep" reject "connected without TLS: pg_stat_ssl=$out"
		fi
		return
	fi
	[[ $rc == 124 ]] && {
		emit client:libpq "$mode" "$ep" error "harness: psql timed out after ${CLIENT_TIMEOUT}s"
		return
	}
	# psql: error: connection to server at "h" (127.0.0.1), port N failed: REASON
	out=$(sed -E 's/^psql: error: //; s/^connection to server at .*, port [0-9]+ failed: //' <<<"$out")
	if [[ $out =~ Connection\ refused|timeout\ expired|could\ not\ translate|no\ pg_hba.conf\ entry|does\ not\ exist|password\ authentication ]]; then
		emit client:libpq "$mode" "$ep" error "harness: $out"
	else
		emit client:libpq "$mode" "$ep" reject "$out"
	fi
}

# client:mariadb — mariadb -h ENDPOINT --ssl-ca=CA [--ssl-verify-server-cert].
probe_mariadb() { # mode ep
	local mode=$1 ep=$2 out rc=0 cipher
	local -a opts=(--no-defaults --protocol=TCP -h "$ep" -P "$MDB_PORT" -u "$DB_USER" --connect-timeout=10
		--ssl-ca="$CA")
	[[ $mode == verify-full ]] && opts+=(--ssl-verify-server-cert)
	out=$(in_ns "${CLIENT_ENV[@]}" timeout "$CLIENT_TIMEOUT" mariadb "${opts[@]}" -N -B \
		-e "SHOW SESSION STATUS LIKE 'Ssl_cipher'; SHOW SESSION STATUS LIKE 'Ssl_version'" 2>&1) || rc=$?
	if [[ $rc == 0 ]]; then
		cipher=$(awk -F'\t' '$1 == "Ssl_cipher" {print $2}' <<<"$out")
		if [[ -n $cipher ]]; then
			emit client:mariadb "$mode" "$ep" accept "ssl $(awk -F'\t' '$1 == "Ssl_version" {print $2}' <<<"$out") $cipher"
		else
			emit client:mariadb "$mode" "$ep" reject "connected WITHOUT TLS (Ssl_cipher empty): the client fell back to plaintext"
		fi
		return
	fi
	[[ $rc == 124 ]] && {
		emit client:mariadb "$mode" "$ep" error "harness: mariadb timed out after ${CLIENT_TIMEOUT}s"
		return
	}
	if [[ $out =~ ERROR\ (1045|2002|2003|2005|2013) ]] && [[ $out != *TLS/SSL* ]]; then
		emit client:mariadb "$mode" "$ep" error "harness: $out"
	else
		emit client:mariadb "$mode" "$ep" reject "$out"
	fi
}

# client:python / client:go — SSLRequest then TLS to PostgreSQL; the helper prints
# "accept|reject|error<TAB>reason".
probe_helper() { # program mode ep addr cmd...
	local prog=$1 mode=$2 ep=$3 addr=$4 out rc=0 verdict
	shift 4
	out=$(in_ns "${CLIENT_ENV[@]}" timeout "$CLIENT_TIMEOUT" "$@" --addr "$addr" --port "$PG_PORT" \
		--name "$ep" --ca "$CA" --mode "$mode" --user "$DB_USER" 2>&1) || rc=$?
	verdict=${out%%$'\t'*}
	if [[ $rc == 124 ]]; then
		emit "$prog" "$mode" "$ep" error "harness: timed out after ${CLIENT_TIMEOUT}s"
	elif [[ $out == *$'\t'* && $verdict =~ ^(accept|reject|error)$ ]]; then
		emit "$prog" "$mode" "$ep" "$verdict" "${out#*$'\t'}"
	else
		emit "$prog" "$mode" "$ep" error "harness: helper failed (rc=$rc): $out"
	fi
}

GO_PROBE=$WORK/pg_tls_probe_go
prepare_go() {
	local cache
	cache=$(go env GOCACHE 2>/dev/null || true)
	if [[ -z $cache ]] || ! mkdir -p "$cache" 2>/dev/null || ! [[ -w $cache ]]; then
		cache=$WORK/go-cache # e.g. no writable HOME: a cold build takes longer
	fi
	bg_run go-build env -C "$SELF_DIR" GOCACHE="$cache" GOFLAGS='' GO111MODULE=off GOTOOLCHAIN=local \
		timeout 300 go build -o "$GO_PROBE" pg_tls_probe.go
}
finish_go() {
	if ! bg_wait go-build; then
		warn "go build failed, skipping client:go: $BG_OUT"
		PROBE_CLIENTS=${PROBE_CLIENTS//go/}
	fi
}

# client:pgjdbc — PgJdbcProbe.java, one JVM for every (mode, endpoint) pair.
# The compiled class is cached (like Go's build cache) under
# ~/.cache/certgate-probe/jdbc-HASH, HASH over the source and the jar.
JDBC_DIR=$WORK/jdbc
JDBC_CACHE=
JDBC_PAIRS=()
prepare_jdbc() {
	local key
	key=$(cat "$SELF_DIR/PgJdbcProbe.java" "$PGJDBC_JAR" | sha256sum | cut -c1-16)
	JDBC_CACHE=${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/certgate-probe/jdbc-$key
	if [[ -f $JDBC_CACHE/PgJdbcProbe.class ]]; then
		JDBC_DIR=$JDBC_CACHE
		return 0
	fi
	mkdir -p "$JDBC_DIR"
	bg_run javac timeout 300 javac -nowarn -d "$JDBC_DIR" -cp "$PGJDBC_JAR" "$SELF_DIR/PgJdbcProbe.java"
}
finish_jdbc() {
	local tmp
	[[ $JDBC_DIR == "$JDBC_CACHE" ]] && return 0
	if ! bg_wait javac; then
		warn "javac PgJdbcProbe.java failed, skipping client:pgjdbc: $BG_OUT"
		PROBE_CLIENTS=${PROBE_CLIENTS//pgjdbc/}
		return 0
	fi
	# Best effort: publish to the cache atomically (another probe may do the same).
	if mkdir -p "${JDBC_CACHE%/*}" 2>/dev/null && tmp=$(mktemp -d "$JDBC_CACHE.XXXXXX" 2>/dev/null); then
		cp "$JDBC_DIR"/*.class "$tmp"/ && chmod 0755 "$tmp" && mv -T "$tmp" "$JDBC_CACHE" 2>/dev/null
		rm -rf "$tmp"
	fi
	return 0
}
probe_jdbc() { # runs JDBC_PAIRS (mode ep mode ep ...)
	local n=$((${#JDBC_PAIRS[@]} / 2)) out rc=0 i mode ep line verdict
	local -A got=()
	((n > 0)) || return 0
	out=$(in_ns "${CLIENT_ENV[@]}" timeout $((CLIENT_TIMEOUT + 15 * n)) java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
		-cp "$JDBC_DIR:$PGJDBC_JAR" PgJdbcProbe --port "$PG_PORT" --ca "$CA" --user "$DB_USER" \
		"${JDBC_PAIRS[@]}" 2>"$WORK/jdbc.err") || rc=$?
	while IFS=$'\t' read -r mode ep verdict line; do
		[[ $verdict =~ ^(accept|reject|error)$ ]] || continue
		got["$mode $ep"]=1
		emit client:pgjdbc "$mode" "$ep" "$verdict" "$line"
	done <<<"$out"
	for ((i = 0; i < ${#JDBC_PAIRS[@]}; i += 2)); do
		mode=${JDBC_PAIRS[i]} ep=${JDBC_PAIRS[i + 1]}
		[[ -n ${got["$mode $ep"]+x} ]] && continue
		if [[ $rc == 124 ]]; then
			emit client:pgjdbc "$mode" "$ep" error "harness: java timed out"
		else
			emit client:pgjdbc "$mode" "$ep" error "harness: PgJdbcProbe failed (rc=$rc): $(tail -n 3 "$WORK/jdbc.err")"
		fi
	done
}

# ---------------------------------------------------------------- main

PG_UP=0
MDB_UP=0
if wants postgresql "$PROBE_SERVERS"; then prepare_postgresql; fi
if wants mariadb "$PROBE_SERVERS"; then prepare_mariadb; fi
if wants postgresql "$PROBE_SERVERS" && wants go "$PROBE_CLIENTS"; then prepare_go; fi
if wants postgresql "$PROBE_SERVERS" && wants pgjdbc "$PROBE_CLIENTS"; then prepare_jdbc; fi
if wants postgresql "$PROBE_SERVERS"; then
	start_postgresql && PG_UP=1
fi
if wants mariadb "$PROBE_SERVERS"; then
	start_mariadb && MDB_UP=1
fi
if [[ $PG_UP == 1 ]] && wants go "$PROBE_CLIENTS"; then finish_go; fi
if [[ $PG_UP == 1 ]] && wants pgjdbc "$PROBE_CLIENTS"; then finish_jdbc; fi

for ep in "${ENDPOINTS[@]}"; do
	if ! addr=$(resolve_endpoint "$ep"); then
		for prog in libpq python go pgjdbc mariadb; do
			wants "$prog" "$PROBE_CLIENTS" || continue
			if [[ $prog == mariadb ]]; then up=$MDB_UP; else up=$PG_UP; fi
			[[ $up == 1 ]] && emit "client:$prog" - "$ep" error "$addr"
		done
		continue
	fi
	say "endpoint $ep -> $addr"
	for mode in verify-ca verify-full; do
		if [[ $PG_UP == 1 ]]; then
			if wants libpq "$PROBE_CLIENTS"; then probe_libpq "$mode" "$ep" "$addr"; fi
			if wants python "$PROBE_CLIENTS"; then
				probe_helper client:python "$mode" "$ep" "$addr" "$PYTHON" -I "$SELF_DIR/pg_tls_probe.py"
			fi
			if wants go "$PROBE_CLIENTS"; then
				probe_helper client:go "$mode" "$ep" "$addr" "$GO_PROBE"
			fi
			if wants pgjdbc "$PROBE_CLIENTS"; then JDBC_PAIRS+=("$mode" "$ep"); fi
		fi
		if [[ $MDB_UP == 1 ]] && wants mariadb "$PROBE_CLIENTS"; then
			probe_mariadb "$mode" "$ep"
		fi
	done
done

if [[ $PG_UP == 1 ]] && wants pgjdbc "$PROBE_CLIENTS"; then
	say "pgjdbc: ${#JDBC_PAIRS[@]} arguments"
	probe_jdbc
fi

say "done"
exit "$HAD_ERROR"
