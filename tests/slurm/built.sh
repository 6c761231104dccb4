# built.sh — built_count LOG: the number of rows a batch task's log says it built (the last
# "N built" of its summary), multi-digit counts whole. Sourced by run.sh; tested by ctest's
# slurm_built_count on made-up logs.
built_count() {
    sed -n 's/^\(.*[^0-9]\)\{0,1\}\([0-9][0-9]*\) built.*/\2/p' "$1" | tail -1
}
