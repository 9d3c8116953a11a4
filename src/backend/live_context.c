/*
 * live_context.c — a stopped thread's registers (GetThreadContext) by
 * PTRACE_GETREGSET, on the target's tracer thread (live_tracer.c: only
 * the thread that attached may make ptrace requests).
 *
 * GETREGSET hands out the sets of the tracee's own ABI (a 32-bit process
 * traced from a 64-bit one gets i386's 68-byte user_regs_struct), the
 * very bytes a core's notes hold, so live and core targets share
 * ds_context_from_linux.
 */
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include "../context.h"
#include "../target.h"
#include "live_internal.h"

struct regs_request {
    ds_target *t;
    pid_t tid;
    uint8_t gregs[512], fpregs[1024], xfpregs[512];
    struct ds_linux_regsets sets;
};

/* One set into buf; false when the kernel has none of that kind for the
   thread (EINVAL/ENODEV: another machine's set). *len gets its size. */
static bool get_set(pid_t tid, int type, uint8_t *buf, size_t cap, size_t *len, int *err)
{
    struct iovec iov = { buf, cap };
    if (ptrace(PTRACE_GETREGSET, tid, (void *)(long)type, &iov) != 0) {
        *err = errno;
        return false;
    }
    *len = iov.iov_len;
    return true;
}

static HRESULT regs_on_tracer(void *p)
{
    struct regs_request *q = p;
    int err = 0;
    size_t len = 0;
    if (!get_set(q->tid, DS_NT_PRSTATUS, q->gregs, sizeof q->gregs, &len, &err))
        return ds_fail_errno(NULL, err == ESRCH ? E_UNEXPECTED : E_FAIL, err,
                             "GetThreadContext: PTRACE_GETREGSET of thread %d failed",
                             (int)q->tid);
    q->sets.gregs = q->gregs;
    q->sets.gregs_len = len;
    if (get_set(q->tid, DS_NT_FPREGSET, q->fpregs, sizeof q->fpregs, &len, &err)) {
        q->sets.fpregs = q->fpregs;
        q->sets.fpregs_len = len;
    }
    if (q->t->machine == IMAGE_FILE_MACHINE_I386 &&
        get_set(q->tid, DS_NT_PRXFPREG, q->xfpregs, sizeof q->xfpregs, &len, &err)) {
        q->sets.xfpregs = q->xfpregs;
        q->sets.xfpregs_len = len;
    }
    return S_OK;
}

HRESULT ds_live_thread_context(ds_target *t, uint32_t tid, void *ctx, uint32_t size)
{
    if (!ds_live_thread_stopped(t, tid))
        return ds_fail(t, E_UNEXPECTED, "GetThreadContext: thread %u of %s is running (the "
                       "target was opened without stopping its threads, or let them run), so it "
                       "has no registers to read", tid, t->where);
    struct regs_request q;
    memset(&q, 0, sizeof q);
    q.t = t;
    q.tid = (pid_t)tid;
    HRESULT hr = ds_live_on_tracer(t, regs_on_tracer, &q);
    if (FAILED(hr))
        return hr;
    return ds_context_from_linux(t, tid, &q.sets, ctx, size);
}
