#!/bin/sh
# run.sh — bring up a one-node Slurm cluster on localhost (munge + slurmctld + slurmd, all in a
# scratch folder) and run the handout batch as a job array through examples/handouts.sbatch.
#
# Usage (as root, from the project folder):  sh tests/slurm/run.sh BUILD_DIR
# Checks: every array task succeeds, the union of the tasks' outputs is exactly one PDF per
# manifest row (no row twice, none missing), each PDF passes qpdf --check, and a resubmitted
# array with --resume rebuilds nothing.  Everything it starts is stopped on exit.
set -eu

build=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/slurm/built.sh"
briefc=$(cd "$build" && pwd)/briefc
[ -x "$briefc" ] || { echo "slurm: no briefc at $briefc (build first)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "slurm: must run as root (it starts munged and slurmd)" >&2; exit 1; }
for c in munged slurmctld slurmd sbatch sinfo squeue sacct; do
    command -v "$c" >/dev/null 2>&1 || {
        echo "slurm: $c not found; install with: apt-get install -y slurm-wlm munge" >&2; exit 1; }
done

work=$(mktemp -d /tmp/briefc-slurm.XXXXXX)
chmod 755 "$work"
pids=""
cleanup() {
    status=$?
    for p in $pids; do kill "$p" 2>/dev/null || true; done
    sleep 0.3
    for p in $pids; do kill -9 "$p" 2>/dev/null || true; done
    if [ "$status" -ne 0 ]; then
        echo "slurm: FAILED; daemon logs follow" >&2
        for f in "$work"/*.out "$work"/*.log "$work"/logs/*; do
            [ -f "$f" ] && { echo "--- $f" >&2; tail -n 30 "$f" >&2; }
        done
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT INT TERM

# --- munge: its own key, socket and state under $work, run as the munge user when it exists.
mkdir -p "$work/munge" "$work/munge-run"
chmod 755 "$work/munge-run"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 2>/dev/null
sock="$work/munge-run/munge.socket"
if id munge >/dev/null 2>&1; then
    chown -R munge: "$work/munge" "$work/munge-run"
    chmod 700 "$work/munge"
    chmod 400 "$work/munge/munge.key"
    runuser -u munge -- munged --foreground --key-file="$work/munge/munge.key" \
        --socket="$sock" --pid-file="$work/munge/munged.pid" \
        --log-file="$work/munge/munged.log" --seed-file="$work/munge/seed" \
        >"$work/munged.out" 2>&1 &
else
    chmod 700 "$work/munge"; chmod 400 "$work/munge/munge.key"
    munged --force --foreground --key-file="$work/munge/munge.key" --socket="$sock" \
        --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" \
        --seed-file="$work/munge/seed" >"$work/munged.out" 2>&1 &
fi
pids="$pids $!"
i=0; while [ ! -S "$sock" ]; do i=$((i+1)); [ $i -gt 100 ] && { echo "slurm: munged did not start" >&2; exit 1; }; sleep 0.1; done

# --- slurm.conf for one node: this host, all its CPUs, no cgroups, no accounting daemon.
host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.8 }' /proc/meminfo)
port=$((17000 + $$ % 2000))
mkdir -p "$work/state" "$work/spool" "$work/logs" "$work/out"
cat > "$work/slurm.conf" <<EOF
ClusterName=briefc-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$sock
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
SchedulerType=sched/builtin
MaxArraySize=1001
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$work/slurm.conf"

slurmctld -D -i -f "$SLURM_CONF" >"$work/slurmctld.out" 2>&1 &
pids="$pids $!"
slurmd -D -f "$SLURM_CONF" >"$work/slurmd.out" 2>&1 &
pids="$pids $!"

# Wait (at most 30 s) until the node is up and idle.
i=0
until sinfo -h -N -o '%T' 2>/dev/null | grep -q '^idle'; do
    i=$((i+1))
    [ $i -gt 150 ] && { echo "slurm: node never became idle: $(sinfo -h -N -o '%T %E' 2>&1)" >&2; exit 1; }
    sleep 0.2
done
echo "slurm: one-node cluster up ($host, $cpus CPUs, port $port)"

# --- the job array: the shipped example script, run from a scratch copy of the project's
# briefs so its out/ and logs/ land in $work.
mkdir -p "$work/proj/build"
cp -r "$root/briefs" "$root/plugins" "$root/fonts" "$work/proj/"
ln -s "$briefc" "$work/proj/build/briefc"
rows=$(($(grep -c . "$root/briefs/handout/manifest.csv") - 1))
tasks=3
run_array() {
    # --wait makes sbatch return when every task has ended, with the array's worst exit code.
    (cd "$work/proj" && sbatch --wait --array=0-$((tasks - 1)) --cpus-per-task=1 --mem=256M \
        --output="$work/logs/task-%a.log" "$root/examples/handouts.sbatch") >"$work/sbatch.out" 2>&1 || {
        cat "$work/sbatch.out" >&2; echo "slurm: job array failed" >&2; exit 1; }
    job=$(awk '/Submitted batch job/ { print $4 }' "$work/sbatch.out")
    echo "slurm: job array $job ($tasks tasks) finished"
}
t0=$(date +%s.%N)
run_array
t1=$(date +%s.%N)

out="$work/proj/out/handouts"
n=$(find "$out" -name '*.pdf' | wc -l)
[ "$n" -eq "$rows" ] || { echo "slurm: expected $rows PDFs, found $n" >&2; ls "$out" >&2; exit 1; }
# Each task must have built its own share and nothing else: the shares are disjoint and cover.
total=0
for a in $(seq 0 $((tasks - 1))); do
    log="$work/logs/task-$a.log"
    built=$(built_count "$log")
    [ -n "$built" ] || { echo "slurm: task $a printed no summary:" >&2; cat "$log" >&2; exit 1; }
    grep -q "shard $((a + 1))/$tasks" "$log" || {
        echo "slurm: task $a did not take shard $((a + 1))/$tasks from Slurm:" >&2; cat "$log" >&2; exit 1; }
    total=$((total + built))
done
[ "$total" -eq "$rows" ] || { echo "slurm: tasks built $total rows, manifest has $rows" >&2; exit 1; }
for f in "$out"/*.pdf; do
    qpdf --check "$f" >/dev/null 2>&1 || { echo "slurm: $f fails qpdf --check" >&2; exit 1; }
done
# Stale temporaries would mean a task left something half-written.
left=$(find "$out" -name '*.tmp*' | wc -l)
[ "$left" -eq 0 ] || { echo "slurm: $left temporary files left behind" >&2; exit 1; }

# A resubmitted array must skip every row (--resume in the example script).
stamp=$(stat -c %Y "$out"/*.pdf | sort | tail -1)
run_array
rebuilt=0
for a in $(seq 0 $((tasks - 1))); do
    b=$(built_count "$work/logs/task-$a.log")
    rebuilt=$((rebuilt + ${b:-0}))
done
[ "$rebuilt" -eq 0 ] || { echo "slurm: resubmitted array rebuilt $rebuilt rows" >&2; exit 1; }
[ "$(stat -c %Y "$out"/*.pdf | sort | tail -1)" = "$stamp" ] || { echo "slurm: resume touched outputs" >&2; exit 1; }

awk -v a="$t0" -v b="$t1" -v r="$rows" -v t="$tasks" 'BEGIN { printf "slurm: PASS: %d rows over %d array tasks, resume rebuilt none (first array %.1f s)\n", r, t, b - a }'

