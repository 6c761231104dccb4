/*
** deadline.h — the whole-request deadline of `briefc serve`: a client must send a request's
** headers and body within --request-timeout seconds, counted from its connection's start or
** from the end of its previous answer on a kept-alive connection, else the connection is
** shut down. libmicrohttpd's own timeout counts idle time only.
*/
#ifndef BC_SERVE_DEADLINE_H
#define BC_SERVE_DEADLINE_H

#include <microhttpd.h>

typedef struct bc_serve_deadlines bc_serve_deadlines;

/* Starts the watch thread for deadlines of the given seconds; NULL when it cannot start. */
bc_serve_deadlines *bc_serve_deadlines_new(double seconds);
/* Stops the watch thread and frees what is left; call after MHD_stop_daemon. NULL is fine. */
void bc_serve_deadlines_free(bc_serve_deadlines *d);
/* MHD_OPTION_NOTIFY_CONNECTION's callback (cls: the bc_serve_deadlines): a connection's
   clock starts when it opens; its entry goes when it closes. */
void bc_serve_deadline_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                              enum MHD_ConnectionNotificationCode toe);
/* The request on c is whole: its answer is bounded by --timeout, not by the deadline. */
void bc_serve_deadline_stop(struct MHD_Connection *c);
/* The answer on c is sent: the clock of the connection's next request starts. */
void bc_serve_deadline_restart(struct MHD_Connection *c);

#endif
