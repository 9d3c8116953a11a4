/*
 * fuzz_rsp.c — libFuzzer harness for the GDB remote protocol: the packet
 * layer, then the gdbremote backend talking to a server that says the
 * input (harness_rsp.h).
 */
#include "harness_rsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return ds_fuzz_rsp(data, size);
}
