/*
 * kernel_only.c — the methods that only mean something to a kernel
 * debugger: ReadControl/WriteControl, ReadIo/WriteIo, ReadMsr/WriteMsr,
 * ReadBusData/WriteBusData, CheckLowMemory, ReadDebuggerData and
 * ReadProcessorSystemData.
 *
 * Every target we open is a user-mode process (live, or a core or dump of
 * one), so each answers E_NOTIMPL with a sentence, and the outputs are
 * zeroed, never made up. When a backend can answer one (a kernel target
 * behind a GDB stub), it gets an op and the method dispatches to it.
 *
 * The exception is what dbgeng's ReadDebuggerData answers for a user-mode
 * Windows process: where KUSER_SHARED_DATA is mapped, and the product
 * type and suite mask it holds, which a minidump's SystemInfoStream
 * copies (t->windows).
 */
#include "semantics.h"

#include <string.h>

/* The answer, for a caller that holds the target already. */
static HRESULT no_kernel(ds_target *t, const char *method, const char *what)
{
    return ds_fail(t, E_NOTIMPL, "%s: only a kernel-mode target has %s; this %s target is a "
                   "user-mode process", method, what, t->ops->name);
}

static HRESULT kernel_only(ds_target *t, const char *method, const char *what)
{
    DS_REQUIRE_TARGET_AS(t, method);
    return no_kernel(t, method, what);
}

static void zero(uint32_t *count)
{
    if (count)
        *count = 0;
}

HRESULT ds_read_control(ds_target *t, uint32_t processor, uint64_t offset, void *buffer,
                        uint32_t buffer_size, uint32_t *bytes_read)
{
    (void)processor, (void)offset, (void)buffer, (void)buffer_size;
    zero(bytes_read);
    return kernel_only(t, "ReadControl", "processor control spaces");
}

HRESULT ds_write_control(ds_target *t, uint32_t processor, uint64_t offset, const void *buffer,
                         uint32_t buffer_size, uint32_t *bytes_written)
{
    (void)processor, (void)offset, (void)buffer, (void)buffer_size;
    zero(bytes_written);
    return kernel_only(t, "WriteControl", "processor control spaces");
}

HRESULT ds_read_io(ds_target *t, uint32_t interface_type, uint32_t bus_number,
                   uint32_t address_space, uint64_t offset, void *buffer, uint32_t buffer_size,
                   uint32_t *bytes_read)
{
    (void)interface_type, (void)bus_number, (void)address_space, (void)offset, (void)buffer;
    (void)buffer_size;
    zero(bytes_read);
    return kernel_only(t, "ReadIo", "I/O ports");
}

HRESULT ds_write_io(ds_target *t, uint32_t interface_type, uint32_t bus_number,
                    uint32_t address_space, uint64_t offset, const void *buffer,
                    uint32_t buffer_size, uint32_t *bytes_written)
{
    (void)interface_type, (void)bus_number, (void)address_space, (void)offset, (void)buffer;
    (void)buffer_size;
    zero(bytes_written);
    return kernel_only(t, "WriteIo", "I/O ports");
}

HRESULT ds_read_msr(ds_target *t, uint32_t msr, uint64_t *value)
{
    (void)msr;
    if (value)
        *value = 0;
    return kernel_only(t, "ReadMsr", "model-specific registers");
}

HRESULT ds_write_msr(ds_target *t, uint32_t msr, uint64_t value)
{
    (void)msr, (void)value;
    return kernel_only(t, "WriteMsr", "model-specific registers");
}

HRESULT ds_read_bus_data(ds_target *t, uint32_t bus_data_type, uint32_t bus_number,
                         uint32_t slot_number, uint32_t offset, void *buffer,
                         uint32_t buffer_size, uint32_t *bytes_read)
{
    (void)bus_data_type, (void)bus_number, (void)slot_number, (void)offset, (void)buffer;
    (void)buffer_size;
    zero(bytes_read);
    return kernel_only(t, "ReadBusData", "bus configuration spaces");
}

HRESULT ds_write_bus_data(ds_target *t, uint32_t bus_data_type, uint32_t bus_number,
                          uint32_t slot_number, uint32_t offset, const void *buffer,
                          uint32_t buffer_size, uint32_t *bytes_written)
{
    (void)bus_data_type, (void)bus_number, (void)slot_number, (void)offset, (void)buffer;
    (void)buffer_size;
    zero(bytes_written);
    return kernel_only(t, "WriteBusData", "bus configuration spaces");
}

HRESULT ds_check_low_memory(ds_target *t)
{
    return kernel_only(t, "CheckLowMemory", "physical memory below 4 GB to check");
}

/* Where every Windows process sees KUSER_SHARED_DATA, on every
   architecture (MM_SHARED_USER_DATA_VA; the kernel's own view of it is
   elsewhere). Below 2 GiB, so the same on 32-bit targets. */
#define SHARED_USER_DATA_VA 0x7FFE0000ull

HRESULT ds_read_debugger_data(ds_target *t, uint32_t index, void *buffer, uint32_t buffer_size,
                              uint32_t *data_size)
{
    zero(data_size);
    DS_REQUIRE_TARGET_AS(t, "ReadDebuggerData");
    uint64_t value;
    uint32_t size;
    switch (index) {
    case DEBUG_DATA_SharedUserData:
        value = SHARED_USER_DATA_VA, size = 8;
        break;
    case DEBUG_DATA_ProductType:
        value = t->windows.product_type, size = 4;
        break;
    case DEBUG_DATA_SuiteMask:
        value = t->windows.suite_mask, size = 4;
        break;
    default:
        return no_kernel(t, "ReadDebuggerData",
                         "the kernel's debugger data block (KDDEBUGGER_DATA64)");
    }
    if (!t->windows.known)
        return ds_fail(t, E_NOTIMPL, "ReadDebuggerData: index %u is about Windows' "
                       "KUSER_SHARED_DATA, which %s does not have: it is not a Windows process "
                       "(or its dump does not say which system it ran on)", index, t->where);
    /* dbgeng's rule for fixed-size answers: *DataSize is the whole size;
       a smaller buffer gets the first bytes and S_FALSE. */
    uint8_t answer[8];
    if (size == 8) {
        memcpy(answer, &value, 8);
    } else {
        uint32_t v32 = (uint32_t)value;
        memcpy(answer, &v32, 4);
    }
    if (data_size)
        *data_size = size;
    if (!buffer)
        return S_OK;
    memcpy(buffer, answer, buffer_size < size ? buffer_size : size);
    return buffer_size < size ? S_FALSE : S_OK;
}

HRESULT ds_read_processor_system_data(ds_target *t, uint32_t processor, uint32_t index,
                                      void *buffer, uint32_t buffer_size, uint32_t *data_size)
{
    (void)processor, (void)index, (void)buffer, (void)buffer_size;
    zero(data_size);
    return kernel_only(t, "ReadProcessorSystemData", "per-processor kernel structures");
}
