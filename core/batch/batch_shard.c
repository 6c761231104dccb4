/*
** batch_shard.c — the share of a cluster job `briefc batch` builds: --shard K/N, else a Slurm job
** array, else a Kubernetes indexed job.
*/
#define _GNU_SOURCE
#include "batch/batch_int.h"

#include <errno.h>

#include "pdf/pdf_std.h"

int bc_batch_parse_shard(const char *s, int *k, int *n)
{
    char extra;
    return sscanf(s, "%d/%d%c", k, n, &extra) == 2 && *n >= 1 && *k >= 1 && *k <= *n;
}

/* A whole decimal number from the environment: 1 with *v set, 0 when absent, -1 when not
   a number. */
static int env_long(const char *name, long *v)
{
    const char *s = getenv(name);
    if (!s || !s[0]) return 0;
    char *end;
    errno = 0;
    *v = strtol(s, &end, 10);
    return *end || errno ? -1 : 1;
}

/*
** The share of a cluster job from the environment: 1 with k/n set, 0 when there is none,
** -1 with why filled. A Slurm array runs tasks MIN, MIN+STEP, …, MAX (COUNT of them; a list
** like --array=1,5,9 is numbered the same way only when it is such a progression): task ID
** takes share (ID - MIN) / STEP + 1 of COUNT, so the tasks present cover every row once. Any
** numbering that does not fit is refused rather than guessed, since a wrong guess loses rows.
*/
int bc_batch_shard_from_env(int *k, int *n, char *why, size_t cap)
{
    long id, cnt, min, max, step = 1, idx;
    int hid = env_long("SLURM_ARRAY_TASK_ID", &id), hcnt = env_long("SLURM_ARRAY_TASK_COUNT", &cnt);
    if (hid || hcnt) {
        int hmin = env_long("SLURM_ARRAY_TASK_MIN", &min);
        int hmax = env_long("SLURM_ARRAY_TASK_MAX", &max);
        int hstep = env_long("SLURM_ARRAY_TASK_STEP", &step);
        if (hid < 0 || hcnt < 0 || hmin < 0 || hmax < 0 || hstep < 0) {
            snprintf(why, cap, "a SLURM_ARRAY_TASK_* variable is not a whole number");
            return -1;
        }
        if (hid != 1 || hcnt != 1 || hmin != 1) {
            snprintf(why, cap,
                     "a Slurm array share needs SLURM_ARRAY_TASK_ID, _COUNT and _MIN "
                     "(set by sbatch --array); or give --shard K/N");
            return -1;
        }
        if (!hstep) step = 1;
        /* bounds first, so the arithmetic below cannot overflow */
        if (cnt < 1 || cnt > 1000000 || step < 1 || step > 1000000000L || min < 0 ||
            min > 1000000000L || (hmax && (max < 0 || max > 2000000000L)) || id < 0 ||
            id > 2000000000L) {
            snprintf(why, cap, "a SLURM_ARRAY_TASK_* variable is out of range");
            return -1;
        }
        if (!hmax) max = min + (cnt - 1) * step;
        if (max < min || (max - min) % step || (max - min) / step + 1 != cnt) {
            snprintf(why, cap,
                     "the Slurm array %ld-%ld:%ld does not hold %ld tasks (an array "
                     "given as a list must be evenly spaced); give --shard K/N",
                     min, max, step, cnt);
            return -1;
        }
        if (id < min || id > max || (id - min) % step) {
            snprintf(why, cap, "Slurm array task %ld is not one of %ld-%ld:%ld", id, min, max,
                     step);
            return -1;
        }
        *n = (int)cnt;
        *k = (int)((id - min) / step + 1);
        return 1;
    }
    int hidx = env_long("JOB_COMPLETION_INDEX", &idx), hkc = env_long("BRIEFC_SHARD_COUNT", &cnt);
    if (hidx && hkc) {
        if (hidx < 0 || hkc < 0 || cnt < 1 || cnt > 1000000 || idx < 0 || idx >= cnt) {
            snprintf(why, cap,
                     "the share JOB_COMPLETION_INDEX %s of BRIEFC_SHARD_COUNT %s is out "
                     "of range",
                     getenv("JOB_COMPLETION_INDEX"), getenv("BRIEFC_SHARD_COUNT"));
            return -1;
        }
        *n = (int)cnt;
        *k = (int)idx + 1;
        return 1;
    }
    return 0;
}
