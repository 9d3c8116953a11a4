/*
 * minidump_arm64.c — ARM64 thread contexts of a minidump, as the
 * DS_ARM64_CONTEXT (Windows' CONTEXT) that ds_get_thread_context answers.
 *
 * Three writers, two layouts:
 *  - Windows (processor architecture 12) writes its CONTEXT, and Breakpad's
 *    current MDRawContextARM64 is the same record (u32 context_flags with
 *    0x00400000, cpsr, x0..x30, sp, pc, v0..v31, fpcr, fpsr, debug
 *    registers: 912 bytes). Both are copied as is.
 *  - Breakpad before Windows had an ARM64 (architecture 0x8003) wrote
 *    MDRawContextARM64_Old (minidump_cpu_arm64.h, #pragma pack(4)): u64
 *    context_flags (0x80000000 | 2 integer | 4 floating point), u64
 *    iregs[33] (x0..x28, fp, lr, sp, pc), u32 cpsr, then u32 fpsr, u32
 *    fpcr and the 32 V registers (16 bytes each, little-endian): 796
 *    bytes. It is converted here, as Breakpad's own processor does
 *    (ConvertOldARM64Context).
 * A record is old when its flags lack the ARM64 bit and either carry
 * Breakpad's 0x80000000 or the record has the old size (Breakpad's reader
 * too tells them by size; its writers may leave the CPU bits zero).
 * Windows may set 0x80000000 (CONTEXT_EXCEPTION_REPORTING) beside the
 * ARM64 bit, hence the ARM64 bit decides first.
 */
#include <string.h>

#include "minidump_internal.h"
#include "../context.h"

#define OLD_FLAG 0x80000000u
#define OLD_INTEGER 0x2u
#define OLD_FLOATING_POINT 0x4u
/* MDRawContextARM64_Old offsets. */
#define OLD_IREGS 8u
#define OLD_CPSR 272u
#define OLD_FPSR 276u
#define OLD_FPCR 280u
#define OLD_VREGS 284u

bool md_arm64_context_is_old(const uint8_t *rec, uint32_t size)
{
    if (size < 4)
        return false;
    uint32_t flags = ds_le32(rec);
    if (flags & DS_CONTEXT_ARM64)
        return false;
    return (flags & OLD_FLAG) || size == MD_ARM64_OLD_CONTEXT_SIZE;
}

/* Every field is read only when the record reaches past it: a record cut
   short (size < 796) leaves the rest of *out zero, and says so through the
   flags (no FLOATING_POINT without the V registers). */
void md_arm64_context_from_old(const uint8_t *rec, uint32_t size, DS_ARM64_CONTEXT *out)
{
    memset(out, 0, sizeof *out);
    uint64_t flags = size >= 8 ? ds_le64(rec) : 0;
    out->ContextFlags = DS_CONTEXT_ARM64;
    if (size >= OLD_CPSR + 4) {
        /* iregs[0..30] are x0..x30 (x29 fp, x30 lr), then sp and pc. */
        for (unsigned i = 0; i < 31; i++)
            out->X[i] = ds_le64(rec + OLD_IREGS + 8 * i);
        out->Sp = ds_le64(rec + OLD_IREGS + 8 * 31);
        out->Pc = ds_le64(rec + OLD_IREGS + 8 * 32);
        out->Cpsr = ds_le32(rec + OLD_CPSR);
        if (flags & OLD_INTEGER)
            out->ContextFlags |= DS_CONTEXT_ARM64_INTEGER | DS_CONTEXT_ARM64_CONTROL;
    }
    if (size >= MD_ARM64_OLD_CONTEXT_SIZE) {
        out->Fpsr = ds_le32(rec + OLD_FPSR);
        out->Fpcr = ds_le32(rec + OLD_FPCR);
        for (unsigned i = 0; i < 32; i++) {
            out->V[i].Low = ds_le64(rec + OLD_VREGS + 16 * i);
            out->V[i].High = (int64_t)ds_le64(rec + OLD_VREGS + 16 * i + 8);
        }
        if (flags & OLD_FLOATING_POINT)
            out->ContextFlags |= DS_CONTEXT_ARM64_FLOATING_POINT;
    }
}
