/*
 * fuzz_minidump.c — libFuzzer harness for the minidump parser and the
 * data-space semantics over it: open from the input buffer, then query,
 * read, write (on a writable copy), search and read strings (harness.h).
 */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return ds_fuzz_minidump(data, size);
}
