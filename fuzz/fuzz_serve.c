/*
 * fuzz_serve.c — libFuzzer harness for the GDB remote stub (ds_serve):
 * hostile clients, each request alone and a whole session
 * (harness_serve.h).
 */
#include "harness_serve.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return ds_fuzz_serve(data, size);
}
