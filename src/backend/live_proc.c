/*
 * live_proc.c — what /proc says about a process and its threads, for
 * attach: a thread's state and flags (exiting, kernel thread), its
 * thread group, a thread that still has the memory when the main one has
 * ended, who traces it, and why the kernel refused PTRACE_SEIZE.
 *
 * The refusal follows the kernel's checks in their order (yama's
 * ptrace_scope, then same uid and gid, then the target's capabilities,
 * each waived by CAP_SYS_PTRACE), so that the sentence names the rule
 * that applied instead of listing every rule there is.
 */

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../target.h"
#include "live_internal.h"

#define PF_EXITING_FLAG 0x00000004ul   /* include/linux/sched.h */
#define PF_KTHREAD_FLAG 0x00200000ul
#define CAP_SYS_PTRACE_BIT 19            /* include/uapi/linux/capability.h */

/* /proc/TGID/task/TID/stat (tgid 0: /proc/TID/stat). False when gone. */
bool ds_task_facts(pid_t tgid, pid_t tid, struct task_facts *tf)
{
    char path[96], buf[512];
    if (tgid > 0)
        snprintf(path, sizeof path, "/proc/%d/task/%d/stat", (int)tgid, (int)tid);
    else
        snprintf(path, sizeof path, "/proc/%d/stat", (int)tid);
    FILE *f = fopen(path, "re");
    if (!f)
        return false;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* "pid (comm) S ppid pgrp session tty tpgid flags …"; comm may hold ')'. */
    char *lp = strchr(buf, '('), *rp = strrchr(buf, ')');
    if (!lp || !rp || rp < lp || rp[1] != ' ')
        return false;
    size_t clen = (size_t)(rp - lp - 1) < sizeof tf->comm - 1 ? (size_t)(rp - lp - 1)
                                                               : sizeof tf->comm - 1;
    memcpy(tf->comm, lp + 1, clen);
    tf->comm[clen] = '\0';
    int ppid = 0;
    long skip;
    if (sscanf(rp + 2, "%c %d %ld %ld %ld %ld %lu", &tf->state, &ppid, &skip, &skip, &skip,
               &skip, &tf->flags) != 7)
        return false;
    tf->ppid = ppid;
    return true;
}

/* A thread on its way out: gone, dead, or past the point (PF_EXITING)
   where the kernel refuses PTRACE_SEIZE with EPERM. */
bool ds_thread_is_exiting(pid_t tgid, pid_t tid)
{
    struct task_facts tf;
    return !ds_task_facts(tgid, tid, &tf) || tf.state == 'Z' || tf.state == 'X' ||
           (tf.flags & PF_EXITING_FLAG);
}

/* One "Name:\tvalue" line of /proc/PID/status, or NULL. */
static char *status_line(pid_t pid, const char *name, char *line, size_t cap)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "re");
    size_t len = strlen(name);
    char *found = NULL;
    while (f && !found && fgets(line, (int)cap, f))
        if (strncmp(line, name, len) == 0 && line[len] == ':')
            found = line + len + 1;
    if (f)
        fclose(f);
    return found;
}

/* The thread group of tid (its process id); -1 with errno when unknown. */
pid_t ds_thread_group_of(pid_t tid)
{
    char line[128];
    errno = 0;
    char *v = status_line(tid, "Tgid", line, sizeof line);
    if (!v) {
        if (!errno)
            errno = ENOENT;
        return -1;
    }
    return (pid_t)strtol(v, NULL, 10);
}

/* A thread of the process that still has its memory: the leader, or
   when the leader has ended (pthread_exit) the first live one; 0 when
   every thread is dead (a zombie). */
pid_t ds_live_thread(pid_t tgid)
{
    struct task_facts tf;
    if (ds_task_facts(0, tgid, &tf) && tf.state != 'Z' && tf.state != 'X')
        return tgid;
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task", (int)tgid);
    DIR *d = opendir(path);
    pid_t found = 0;
    for (struct dirent *de; d && !found && (de = readdir(d));) {
        pid_t tid = (pid_t)atoi(de->d_name);
        if (tid > 0 && !ds_thread_is_exiting(tgid, tid))
            found = tid;
    }
    if (d)
        closedir(d);
    return found;
}

static unsigned long long hex_field(pid_t pid, const char *name)
{
    char line[128];
    char *v = status_line(pid, name, line, sizeof line);
    return v ? strtoull(v, NULL, 16) : 0;
}

/* The TracerPid of /proc/TID/status: who traces tid already (0: nobody,
   -1: unknown). */
long ds_tracer_of(pid_t tid)
{
    char line[128];
    char *v = status_line(tid, "TracerPid", line, sizeof line);
    return v ? strtol(v, NULL, 10) : -1;
}

/* Whether pid descends from this process (yama's ptrace_scope 1 rule). */
static bool is_descendant(pid_t pid)
{
    struct task_facts tf;
    for (int depth = 0; depth < 4096 && pid > 1; depth++) {
        if (!ds_task_facts(0, pid, &tf))
            return false;
        if (tf.ppid == getpid())
            return true;
        pid = tf.ppid;
    }
    return false;
}

/* Why the kernel refused PTRACE_SEIZE with EPERM, as a clause that names
   the rule that applies ("" when none of those we can see does). The
   checks follow the kernel's order: yama, then uid/gid, then the target's
   capabilities, each waived by CAP_SYS_PTRACE. */
void ds_seize_refusal(pid_t pid, char *why, size_t cap)
{
    why[0] = '\0';
    bool have_ptrace_cap = (hex_field(getpid(), "CapEff") >> CAP_SYS_PTRACE_BIT) & 1;
    int scope = -1;
    FILE *f = fopen("/proc/sys/kernel/yama/ptrace_scope", "re");
    if (f) {
        if (fscanf(f, "%d", &scope) != 1)
            scope = -1;
        fclose(f);
    }
    if (scope >= 3) {
        snprintf(why, cap, "kernel.yama.ptrace_scope is %d: the kernel lets no process attach",
                 scope);
        return;
    }
    if (scope == 2 && !have_ptrace_cap) {
        snprintf(why, cap, "kernel.yama.ptrace_scope is 2: only a process with CAP_SYS_PTRACE "
                 "may attach, and this one lacks it");
        return;
    }
    if (scope == 1 && !have_ptrace_cap && !is_descendant(pid)) {
        snprintf(why, cap, "kernel.yama.ptrace_scope is 1: without CAP_SYS_PTRACE only a "
                 "descendant (or a process that named this one with PR_SET_PTRACER) may be "
                 "traced");
        return;
    }
    if (have_ptrace_cap)
        return;
    char line[128];
    char *uids = status_line(pid, "Uid", line, sizeof line);
    unsigned ruid = 0, euid = 0, suid = 0;
    if (uids && sscanf(uids, "%u %u %u", &ruid, &euid, &suid) == 3) {
        uid_t me = getuid();
        if (ruid != me || euid != me || suid != me) {
            snprintf(why, cap, "process %d runs as uid %u and this process as uid %u, "
                     "without CAP_SYS_PTRACE", (int)pid, euid != me ? euid : ruid != me ? ruid
                                                                         : suid, (unsigned)me);
            return;
        }
    }
    char *gids = status_line(pid, "Gid", line, sizeof line);
    unsigned rgid = 0, egid = 0, sgid = 0;
    if (gids && sscanf(gids, "%u %u %u", &rgid, &egid, &sgid) == 3) {
        gid_t me = getgid();
        if (rgid != me || egid != me || sgid != me) {
            snprintf(why, cap, "process %d runs as gid %u and this process as gid %u, "
                     "without CAP_SYS_PTRACE", (int)pid, egid != me ? egid : rgid != me ? rgid
                                                                         : sgid, (unsigned)me);
            return;
        }
    }
    unsigned long long theirs = hex_field(pid, "CapPrm"), ours = hex_field(getpid(), "CapEff");
    if (theirs & ~ours)
        snprintf(why, cap, "process %d holds capabilities this process lacks (CapPrm 0x%llx, "
                 "ours 0x%llx), and this process lacks CAP_SYS_PTRACE", (int)pid, theirs, ours);
}

/* Processes that cannot be attached to, with a sentence saying which:
   this process, a kernel thread, a zombie. Sets *io to a thread that
   has the memory (live_thread). */
HRESULT ds_check_attachable(pid_t tgid, pid_t *io)
{
    if (tgid == getpid())
        return ds_fail(NULL, E_INVALIDARG, "cannot attach to process %d: it is this process "
                       "(a process cannot suspend or trace itself)", tgid);
    struct task_facts tf;
    if (!ds_task_facts(0, tgid, &tf))
        return ds_fail(NULL, E_INVALIDARG, "cannot attach to process %d: no such process", tgid);
    if (tf.flags & PF_KTHREAD_FLAG)
        return ds_fail(NULL, E_INVALIDARG, "cannot attach to process %d (%s): it is a kernel "
                       "thread, with no user-mode memory", tgid, tf.comm);
    *io = ds_live_thread(tgid);
    if (!*io)
        return ds_fail(NULL, E_INVALIDARG, "cannot attach to process %d: it is a zombie (it "
                       "has exited and its parent, process %d, has not collected it)", tgid,
                       (int)tf.ppid);
    return S_OK;
}
