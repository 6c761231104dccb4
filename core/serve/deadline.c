/*
** deadline.c — the whole-request deadline of `briefc serve` (deadline.h).
**
** libmicrohttpd's MHD_OPTION_CONNECTION_TIMEOUT closes a connection only after that long
** without a byte: a client sending one header byte every 29 s kept its connection, and the
** thread serving it, for ever, and 256 such clients (two addresses) took every slot
** (slowloris). Here each connection has a deadline for receiving its request; a watch thread
** shuts down the socket of a connection past it, so libmicrohttpd reads end of file and
** closes it. Each entry holds its own duplicate of the connection's socket, closed only when
** libmicrohttpd reports the connection closed: the watch thread never reaches a descriptor
** number another connection has taken since.
*/
#define _GNU_SOURCE
#include "serve/deadline.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"

typedef struct entry {
    struct entry *prev, *next;
    bc_serve_deadlines *owner;
    int fd;          /* our duplicate of the socket, or -1: not watched */
    double deadline; /* monotonic seconds; 0 while an answer is being made */
} entry;

struct bc_serve_deadlines {
    double seconds;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
    int stop;
    entry *head;
};

#define TICK 0.25 /* how often the watch thread looks: deadlines are kept to a quarter second */

static void *watch(void *arg)
{
    bc_serve_deadlines *d = arg;
    pthread_mutex_lock(&d->mu);
    while (!d->stop) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_nsec += (long)(TICK * 1e9);
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&d->cv, &d->mu, &ts);
        double now = bc_now();
        for (entry *e = d->head; e; e = e->next)
            if (e->fd >= 0 && e->deadline > 0 && now > e->deadline) {
                shutdown(e->fd, SHUT_RDWR); /* the connection's thread reads end of file */
                e->deadline = 0;
            }
    }
    pthread_mutex_unlock(&d->mu);
    return NULL;
}

bc_serve_deadlines *bc_serve_deadlines_new(double seconds)
{
    bc_serve_deadlines *d = bc_xcalloc(1, sizeof *d);
    d->seconds = seconds;
    pthread_mutex_init(&d->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&d->cv, &ca);
    pthread_condattr_destroy(&ca);
    if (pthread_create(&d->thread, NULL, watch, d) != 0) {
        pthread_cond_destroy(&d->cv);
        pthread_mutex_destroy(&d->mu);
        free(d);
        return NULL;
    }
    return d;
}

void bc_serve_deadlines_free(bc_serve_deadlines *d)
{
    if (!d) return;
    pthread_mutex_lock(&d->mu);
    d->stop = 1;
    pthread_cond_signal(&d->cv);
    pthread_mutex_unlock(&d->mu);
    pthread_join(d->thread, NULL);
    while (d->head) { /* connections libmicrohttpd did not report closed */
        entry *e = d->head;
        d->head = e->next;
        if (e->fd >= 0) close(e->fd);
        free(e);
    }
    pthread_cond_destroy(&d->cv);
    pthread_mutex_destroy(&d->mu);
    free(d);
}

void bc_serve_deadline_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                              enum MHD_ConnectionNotificationCode toe)
{
    bc_serve_deadlines *d = cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        entry *e = bc_xcalloc(1, sizeof *e);
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        e->owner = d;
        e->fd = ci ? fcntl(ci->connect_fd, F_DUPFD_CLOEXEC, 3) : -1;
        pthread_mutex_lock(&d->mu);
        e->deadline = bc_now() + d->seconds;
        e->next = d->head;
        if (d->head) d->head->prev = e;
        d->head = e;
        pthread_mutex_unlock(&d->mu);
        *socket_context = e;
        return;
    }
    entry *e = *socket_context; /* MHD_CONNECTION_NOTIFY_CLOSED */
    if (!e) return;
    pthread_mutex_lock(&d->mu);
    if (e->prev)
        e->prev->next = e->next;
    else
        d->head = e->next;
    if (e->next) e->next->prev = e->prev;
    if (e->fd >= 0) close(e->fd);
    pthread_mutex_unlock(&d->mu);
    free(e);
    *socket_context = NULL;
}

static void set_deadline(struct MHD_Connection *c, int on)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    entry *e = ci ? ci->socket_context : NULL;
    if (!e) return;
    pthread_mutex_lock(&e->owner->mu);
    e->deadline = on ? bc_now() + e->owner->seconds : 0;
    pthread_mutex_unlock(&e->owner->mu);
}

void bc_serve_deadline_stop(struct MHD_Connection *c) { set_deadline(c, 0); }
void bc_serve_deadline_restart(struct MHD_Connection *c) { set_deadline(c, 1); }
