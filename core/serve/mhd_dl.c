/*
** mhd_dl.c — libmicrohttpd through dlopen, opened when `briefc serve` starts a daemon.
**
** Linked directly, libmicrohttpd brings GnuTLS and eight more libraries (p11-kit, nettle,
** hogweed, gmp, tasn1, idn2, unistring, ffi) into every briefc process: about 5 M of the 6.3 M
** instructions of `briefc --version` were the dynamic loader relocating them and GnuTLS's
** constructor building its ASN.1 trees. Only `serve` uses HTTP, so the library is opened here,
** on the first MHD_start_daemon, as HarfBuzz's subsetter is (text/hbsubset.c).
**
** The functions below carry libmicrohttpd's own names and prototypes (from <microhttpd.h>, so
** the compiler checks them), and serve/ calls them as if the library were linked. Each
** forwards to the library's entry point. Every other one is only reached through a daemon
** that MHD_start_daemon returned, so only that one can meet an unloaded library: it then
** says why on stderr and returns NULL, which serve/ already reports as a daemon that did not
** start. Workers are forked after the daemon starts, so they inherit the loaded library.
*/
#include <stdarg.h>
#include <stdio.h>

#include <microhttpd.h>

#include "base/dl.h"

#define MHD_LIBRARY "libmicrohttpd.so.12"

/* The entry points serve/ uses, with libmicrohttpd's own prototypes. */
#define MHD_FUNCS(X)                   \
    X(MHD_add_response_header)         \
    X(MHD_create_response_from_buffer) \
    X(MHD_destroy_response)            \
    X(MHD_get_connection_info)         \
    X(MHD_get_connection_values_n)     \
    X(MHD_get_daemon_info)             \
    X(MHD_lookup_connection_value)     \
    X(MHD_queue_response)              \
    X(MHD_quiesce_daemon)              \
    X(MHD_start_daemon_va)             \
    X(MHD_stop_daemon)

static struct {
    int tried;
    void *lib;
#define X(name) __typeof__(&name) name;
    MHD_FUNCS(X)
#undef X
} mhd;

/* Opens the library once per process: 1 when every entry point was found. */
static int mhd_load(void)
{
    if (mhd.tried) return mhd.lib != NULL;
    mhd.tried = 1;
    static const char *const names[] = {MHD_FUNCS(BC_DL_NAME)};
#define MHD_SLOT(name) BC_DL_SLOT(mhd, name)
    void **const slots[] = {MHD_FUNCS(MHD_SLOT)};
#undef MHD_SLOT
    char why[512];
    mhd.lib = bc_dl_open(MHD_LIBRARY, names, slots, sizeof names / sizeof *names, why, sizeof why);
    if (!mhd.lib)
        fprintf(stderr,
                "briefc: error: serve needs %s (%s): install libmicrohttpd12 0.9.75 or "
                "later\n",
                MHD_LIBRARY, why);
    return mhd.lib != NULL;
}

struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port, MHD_AcceptPolicyCallback apc,
                                    void *apc_cls, MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
    if (!mhd_load()) return NULL;
    va_list ap;
    va_start(ap, dh_cls);
    struct MHD_Daemon *d = mhd.MHD_start_daemon_va(flags, port, apc, apc_cls, dh, dh_cls, ap);
    va_end(ap);
    return d;
}

/* serve/ asks only for what takes no further argument (MHD_DAEMON_INFO_BIND_PORT). */
const union MHD_DaemonInfo *MHD_get_daemon_info(struct MHD_Daemon *daemon,
                                                enum MHD_DaemonInfoType info_type, ...)
{
    return mhd.lib ? mhd.MHD_get_daemon_info(daemon, info_type) : NULL;
}

/* serve/ asks only for what takes no further argument (the socket and its context). */
const union MHD_ConnectionInfo *MHD_get_connection_info(struct MHD_Connection *connection,
                                                        enum MHD_ConnectionInfoType info_type, ...)
{
    return mhd.lib ? mhd.MHD_get_connection_info(connection, info_type) : NULL;
}

void MHD_stop_daemon(struct MHD_Daemon *daemon)
{
    if (mhd.lib) mhd.MHD_stop_daemon(daemon);
}

MHD_socket MHD_quiesce_daemon(struct MHD_Daemon *daemon)
{
    return mhd.lib ? mhd.MHD_quiesce_daemon(daemon) : MHD_INVALID_SOCKET;
}

struct MHD_Response *MHD_create_response_from_buffer(size_t size, void *buffer,
                                                     enum MHD_ResponseMemoryMode mode)
{
    return mhd.lib ? mhd.MHD_create_response_from_buffer(size, buffer, mode) : NULL;
}

enum MHD_Result MHD_add_response_header(struct MHD_Response *response, const char *header,
                                        const char *content)
{
    return mhd.lib ? mhd.MHD_add_response_header(response, header, content) : MHD_NO;
}

void MHD_destroy_response(struct MHD_Response *response)
{
    if (mhd.lib) mhd.MHD_destroy_response(response);
}

enum MHD_Result MHD_queue_response(struct MHD_Connection *connection, unsigned int status_code,
                                   struct MHD_Response *response)
{
    return mhd.lib ? mhd.MHD_queue_response(connection, status_code, response) : MHD_NO;
}

const char *MHD_lookup_connection_value(struct MHD_Connection *connection, enum MHD_ValueKind kind,
                                        const char *key)
{
    return mhd.lib ? mhd.MHD_lookup_connection_value(connection, kind, key) : NULL;
}

int MHD_get_connection_values_n(struct MHD_Connection *connection, enum MHD_ValueKind kind,
                                MHD_KeyValueIteratorN iterator, void *iterator_cls)
{
    return mhd.lib ? mhd.MHD_get_connection_values_n(connection, kind, iterator, iterator_cls) : 0;
}
