/*
 * regs_target.c — a thread with known register values, for the thread
 * context tests (test_thread_context.c): it loads rbx, r12..r15
 * and xmm1 with fixed patterns and sits in a pause(2) system call made
 * straight from assembly, so those registers (which the kernel keeps
 * across a system call) hold the patterns whenever the thread is
 * stopped. Reports regs_tid (the thread's id) and after_syscall (the
 * address its rip holds while it waits). For the dump writers' tests
 * (test_write_dump.c) it also plants three pages at `planted`, byte i of
 * them (i * 13 + 5) & 255, the middle page PROT_NONE, and keeps the
 * address planted + 100 on main's stack. Then the command
 * loop. With an argument N it also maps N MiB at `big`, every byte
 * (address >> 12) & 255, so that all of it is resident.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "helper.h"

extern char regs_after_syscall[];
static volatile pid_t regs_tid;

static void *regs_thread(void *arg)
{
    (void)arg;
    regs_tid = gettid();
#if defined(__x86_64__)
    __asm__ volatile("mov $0x1111111111111111, %%rbx\n\t"
                     "mov $0x1212121212121212, %%r12\n\t"
                     "mov $0x1313131313131313, %%r13\n\t"
                     "mov $0x1414141414141414, %%r14\n\t"
                     "mov $0x1515151515151515, %%r15\n\t"
                     "movq %%r13, %%xmm1\n\t"
                     "1: mov $34, %%eax\n\t" /* __NR_pause */
                     "syscall\n\t"
                     ".globl regs_after_syscall\n"
                     "regs_after_syscall:\n\t"
                     "jmp 1b\n\t"
                     ::: "rax", "rbx", "rcx", "r11", "r12", "r13", "r14", "r15", "xmm1",
                     "memory");
#else
    for (;;)
        pause();
#endif
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t th;
    if (pthread_create(&th, NULL, regs_thread, NULL) != 0)
        return 1;
    while (!regs_tid)
        usleep(1000);
    usleep(20000);  /* long enough for the thread to reach its pause */
    long page = sysconf(_SC_PAGESIZE);
    unsigned char *planted = must_map(3 * (size_t)page);
    for (long i = 0; i < 3 * page; i++)
        planted[i] = (unsigned char)(i * 13 + 5);
    mprotect(planted + page, (size_t)page, PROT_NONE);
    /* A pointer into the planted pages kept on main's stack, for the
       small dump's referenced memory. */
    volatile uintptr_t on_stack = (uintptr_t)planted + 100;
    printf("planted=0x%llx\n", (unsigned long long)(uintptr_t)planted);
    printf("page=0x%llx\n", (unsigned long long)page);
    if (argc > 1) {
        size_t size = (size_t)strtoul(argv[1], NULL, 10) << 20;
        unsigned char *big = must_map(size);
        for (size_t i = 0; i < size; i++)
            big[i] = (unsigned char)(((uintptr_t)big + i) >> 12);
        printf("big=0x%llx\n", (unsigned long long)(uintptr_t)big);
    }
    printf("regs_tid=0x%llx\n", (unsigned long long)regs_tid);
#if defined(__x86_64__)
    printf("after_syscall=0x%llx\n", (unsigned long long)(uintptr_t)regs_after_syscall);
#endif
    serve_commands(NULL);
    return on_stack == 0;
}
