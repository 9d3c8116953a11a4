/*
 * context.h (internal) — Linux register sets to Windows CONTEXT records,
 * shared by the live backend (PTRACE_GETREGSET) and the ELF core backend
 * (the same sets as notes: NT_PRSTATUS's pr_reg, NT_FPREGSET, ...).
 */
#ifndef DS_CONTEXT_INTERNAL_H
#define DS_CONTEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "target.h"

/* Little-endian fields of a register record (a note, a dump's CONTEXT),
   read at any alignment. */
static inline uint32_t ds_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t ds_le64(const uint8_t *p)
{
    return (uint64_t)ds_le32(p) | (uint64_t)ds_le32(p + 4) << 32;
}

/* NT_* numbers of the sets we read (linux/elf.h), for hosts without them. */
#define DS_NT_PRSTATUS 1
#define DS_NT_FPREGSET 2
#define DS_NT_PRXFPREG 0x46e62b7f  /* i386: the FXSAVE image */
#define DS_NT_X86_XSTATE 0x202

/* One thread's register sets as the kernel lays them out (little-endian),
   any of them NULL when absent. gregs: elf_gregset_t (user_regs_struct);
   fpregs: NT_FPREGSET (FXSAVE's 512 bytes on x86-64, FNSAVE's 108 on
   i386, user_fpsimd_state on ARM64); xfpregs: NT_PRXFPREG; xstate:
   NT_X86_XSTATE, whose first 512 bytes are an FXSAVE image. */
struct ds_linux_regsets {
    const uint8_t *gregs;
    size_t gregs_len;
    const uint8_t *fpregs;
    size_t fpregs_len;
    const uint8_t *xfpregs;
    size_t xfpregs_len;
    const uint8_t *xstate;
    size_t xstate_len;
};

/* Fill ctx (size bytes, zeroed, the CONTEXT of t->machine) from r.
   E_FAIL with a sentence naming tid when gregs is missing or too short
   for the machine. */
HRESULT ds_context_from_linux(ds_target *t, uint32_t tid, const struct ds_linux_regsets *r,
                              void *ctx, uint32_t size);

/* Bytes of pr_reg (elf_gregset_t) for the machine, 0 if not one we read. */
size_t ds_linux_gregs_size(uint32_t machine);

/* The other way, for the ELF core writer: the CONTEXT ctx of machine as
   Linux register sets, into out (at least 512 bytes): the elf_gregset_t
   (pr_reg), returning its size, 0 for a machine not handled; the
   NT_FPREGSET set, returning its size (0 when the record holds no FPU
   state); i386's NT_PRXFPREG (the FXSAVE image), 0 elsewhere. Segment
   bases (fs_base, gs_base), which a CONTEXT does not hold, are 0. */
size_t ds_linux_gregs_from_context(uint32_t machine, const void *ctx, uint8_t *out);
size_t ds_linux_fpregs_from_context(uint32_t machine, const void *ctx, uint8_t *out);
size_t ds_linux_xfpregs_from_context(uint32_t machine, const void *ctx, uint8_t *out);

#endif /* DS_CONTEXT_INTERNAL_H */
