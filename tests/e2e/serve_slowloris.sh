#!/bin/bash
# serve_slowloris.sh — `briefc serve --request-timeout`: a client that sends its request
# slowly (headers or body, a byte at a time, each well inside libmicrohttpd's 30 s idle
# timeout) has its connection closed once the whole request has taken longer than the
# deadline, so a few hundred such clients can no longer hold every connection slot. A request
# sent slowly but whole within the deadline is answered, a kept-alive connection's clock
# starts again after each answer, and the deadline never cuts a build that runs longer.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null 2>&1 || { echo "serve_slowloris.sh needs curl"; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "serve_slowloris.sh needs python3"; exit 1; }
SPID=
trap '[ -n "$SPID" ] && kill -KILL "$SPID" 2>/dev/null; rm -rf "$TMP"' EXIT
B="$TMP/briefs"
mkdir -p "$B/good/plugins" "$B/slow/plugins"
printf 'return { title = "Good", sections = { section "ok" } }\n' > "$B/good/brief.lua"
printf 'return { name = "ok", version = "1", api = 1, render = function(s, ctx) s:paragraph("fine") end }\n' > "$B/good/plugins/ok.lua"
# a build that takes a few seconds of CPU, longer than the request deadline
printf 'return { title = "Slow", limits = { instructions = 1e12, seconds = 120 }, sections = { section "spin" } }\n' > "$B/slow/brief.lua"
cat > "$B/slow/plugins/spin.lua" <<'LUA'
return { name = "spin", version = "1", api = 1, render = function(s, ctx)
  local t0, n = os.clock(), 0
  while os.clock() - t0 < 4 do n = n + 1 end
  s:paragraph("spun")
end }
LUA

# client.py MODE PORT: prints what the server did with a slow client
#   header: request line, then one header byte every 0.25 s for up to 20 s
#   body: a POST's headers at once, then one body byte every 0.25 s for up to 20 s
#   quick: the request's bytes over about 0.5 s, then the answer's status line
#   keepalive: two requests on one connection 1 s apart; then silence for up to 20 s
cat > "$TMP/client.py" <<'PY'
import socket, sys, time
mode, port = sys.argv[1], int(sys.argv[2])
s = socket.create_connection(("127.0.0.1", port), timeout=25)
host = b"Host: 127.0.0.1\r\n"
def closed_within(send_byte, limit):
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        try:
            send_byte()
            s.settimeout(0.25)
            try:
                if s.recv(4096) == b"":
                    return time.monotonic() - t0
            except socket.timeout:
                pass
        except (BrokenPipeError, ConnectionResetError):
            return time.monotonic() - t0
    return None
def answer():
    s.settimeout(25)
    data = b""
    while b"\r\n\r\n" not in data:
        d = s.recv(4096)
        if not d:
            break
        data += d
    head, _, rest = data.partition(b"\r\n\r\n")
    n = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            n = int(line.split(b":")[1])
    while len(rest) < n:
        d = s.recv(4096)
        if not d:
            break
        rest += d
    return head.split(b"\r\n")[0].decode()
if mode == "header":
    s.sendall(b"GET /healthz HTTP/1.1\r\n" + host)
    t = closed_within(lambda: s.sendall(b"X-Slow: a\r\n"[:1]), 20)
elif mode == "body":
    s.sendall(b"POST /briefs/good.pdf HTTP/1.1\r\n" + host +
              b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n")
    t = closed_within(lambda: s.sendall(b"a"), 20)
elif mode == "quick":
    req = b"GET /healthz HTTP/1.1\r\n" + host + b"X-Slow: abc\r\n\r\n"
    for i in range(0, len(req), 10):
        s.sendall(req[i:i + 10])
        time.sleep(0.5 * 10 / len(req))
    print(answer())
    sys.exit(0)
elif mode == "keepalive":
    s.sendall(b"GET /healthz HTTP/1.1\r\n" + host + b"\r\n")
    print(answer())
    time.sleep(1)
    s.sendall(b"GET /healthz HTTP/1.1\r\n" + host + b"\r\n")
    print(answer())
    t = closed_within(lambda: None, 20)
print("closed after %.1f s" % t if t is not None else "still open after 20 s")
PY

briefc_bg "$TMP/err" serve --listen 127.0.0.1:0 --briefs "$B" -j 1 --request-timeout 3
SPID=$BG_PID
serve_port "$SPID" "$TMP/err" || { bad "the server did not start"; cat "$TMP/err" >&3; finish; exit 1; }
U="http://127.0.0.1:$PORT"

out=$(timeout 60 python3 "$TMP/client.py" header "$PORT")
check "headers a byte at a time: the connection is closed ($out)" pf "echo '$out' | grepq '^closed after'"
out=$(timeout 60 python3 "$TMP/client.py" body "$PORT")
check "a body a byte at a time: the connection is closed ($out)" pf "echo '$out' | grepq '^closed after'"
out=$(timeout 60 python3 "$TMP/client.py" quick "$PORT")
check "a request sent slowly but whole in time is answered ($out)" pf "echo '$out' | grepq '^HTTP/1.1 200'"
out=$(timeout 60 python3 "$TMP/client.py" keepalive "$PORT" | tr '\n' ' ')
check "two requests on one kept-alive connection are answered ($out)" pf "echo '$out' | grepq '^HTTP/1.1 200 OK HTTP/1.1 200 OK '"
check "... and the idle connection is then closed ($out)" pf "echo '$out' | grepq 'closed after'"

# several slow clients at once, then an ordinary request
pids=
for i in 1 2 3 4 5 6; do timeout 60 python3 "$TMP/client.py" header "$PORT" > "$TMP/many.$i" & pids="$pids $!"; done
wait $pids # not the server
check "six slow clients at once: all closed" pf "cat $TMP/many.* | grep -c '^closed after' | grep -qx 6"
check "a build longer than the deadline is not cut (200)" pf "curl -s --max-time 100 -o '$TMP/slow.pdf' -w '%{http_code}' '$U/briefs/slow.pdf' | grep -qx 200"
check "... and is whole" pf "pdftotext '$TMP/slow.pdf' - | grepq spun"
check "the server still builds" pf "curl -s --max-time 60 '$U/briefs/good.pdf' | pdftotext - - | grepq fine"
timeout 20 "$BRIEFC" serve --request-timeout 0 --briefs "$B" > /dev/null 2> "$TMP/zero.err"
rc=$?
check "--request-timeout 0 is refused ($rc)" test "$rc" -eq 2
check "... saying what it takes" grepq -F -- '--request-timeout takes a number from 1 to 3600' "$TMP/zero.err"
kill -TERM "$SPID"
briefc_wait "$SPID" 0 "$TMP/err" "serve exits on SIGTERM"
SPID=
finish
