/*
 * fuzz_elfcore.c — libFuzzer harness for the ELF core parser (libelf
 * headers, PT_LOAD index, notes, NT_FILE, image headers) and the
 * data-space semantics over it (harness.h).
 */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return ds_fuzz_elfcore(data, size);
}
