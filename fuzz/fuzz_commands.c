/*
 * fuzz_commands.c — libFuzzer harness for the command language: each line
 * of the input typed at a session with no target and at one over a small
 * minidump (commands_harness.h).
 */
#include "commands_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return ds_fuzz_commands(data, size);
}
