# serve.sh — starts and stops `cordon serve` on a loopback port for the test and benchmark scripts
# (sourced, not run). Must stay true: a server it started is stopped by stop_server, which each
# script's exit trap calls. Needs CORDON and TMP; the server logs to $TMP/serve.log.

# start_server INDEX [SERVE OPTIONS…]: tries up to 10 ports until a server answers HTTP; sets PORT,
# URL and PID; returns 1 if none did.
start_server() {
    index=$1
    shift
    i=0
    while [ $i -lt 10 ]; do
        PORT=$((20000 + ($$ * 7 + i * 131) % 40000))
        URL=http://127.0.0.1:$PORT
        "$CORDON" serve --index "$index" --listen 127.0.0.1:$PORT "$@" 2>"$TMP/serve.log" &
        PID=$!
        t=0
        while [ $t -lt 100 ]; do
            curl -s -o /dev/null "$URL/healthz" && return 0
            kill -0 "$PID" 2>/dev/null || break
            sleep 0.1
            t=$((t + 1))
        done
        stop_server
        i=$((i + 1))
    done
    return 1
}

# Stops the server start_server left running, if any.
stop_server() {
    [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
    PID=
}
