# test/serve/lib.sh - starting and stopping `mprisk serve` for the tests and
# the benchmark. Sourced; loopback only: the server listens on 127.0.0.1 and
# a port the kernel picks (--listen 127.0.0.1:0), read from its start line.
#
#   serve_start NAME BUILD [OPTIONS...]   sets serve_pid, serve_port, serve_url,
#                                        serve_log (its stderr); 0 or 1
#   serve_stop [SIGNAL]                   SIGTERM by default; sets serve_status

serve_start() {
	serve_name=$1 serve_build=$2
	shift 2
	serve_log=$tmp/serve-$serve_name.log
	: >"$serve_log"
	"$serve_build/mprisk" serve --listen 127.0.0.1:0 "$@" 2>"$serve_log" &
	serve_pid=$!
	serve_port=""
	i=0
	while [ $i -lt 100 ]; do
		serve_port=$(sed -n 's|.*listening on https\{0,1\}://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$serve_log")
		[ -n "$serve_port" ] && break
		kill -0 "$serve_pid" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	if [ -z "$serve_port" ]; then
		cat "$serve_log"
		kill "$serve_pid" 2>/dev/null
		wait "$serve_pid" 2>/dev/null
		return 1
	fi
	serve_url=http://127.0.0.1:$serve_port
	return 0
}

serve_stop() {
	kill "-${1:-TERM}" "$serve_pid" 2>/dev/null
	wait "$serve_pid"
	serve_status=$?
}
