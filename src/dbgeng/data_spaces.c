/*
 * data_spaces.c — IDebugDataSpaces..4: every method is the native API's
 * function of the same name (dataspaces.h), same parameters in the same
 * order, once the session lets the target answer (face_target: after
 * WaitForEvent, before EndSession). A failure leaves the target's sentence
 * where ds_error_text(NULL) reads it.
 */
#include "face.h"
#include "methods.h"

/* The target of the session, or return dbgeng's E_UNEXPECTED. */
#define WITH_TARGET(method)                                                          \
    struct face *f = face_of_dataspaces(This);                                       \
    ds_target *t;                                                                    \
    HRESULT hr = face_target(f, (method), &t);                                       \
    if (FAILED(hr))                                                                  \
        return hr

HRESULT STDMETHODCALLTYPE DataSpaces_ReadVirtual(IDebugDataSpaces4 *This, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead)
{
    WITH_TARGET("ReadVirtual");
    return face_pass(f, ds_read_virtual(t, Offset, Buffer, BufferSize, BytesRead));
}

HRESULT STDMETHODCALLTYPE DataSpaces_WriteVirtual(IDebugDataSpaces4 *This, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten)
{
    WITH_TARGET("WriteVirtual");
    return face_pass(f, ds_write_virtual(t, Offset, Buffer, BufferSize, BytesWritten));
}

HRESULT STDMETHODCALLTYPE DataSpaces_SearchVirtual(IDebugDataSpaces4 *This, ULONG64 Offset, ULONG64 Length, PVOID Pattern, ULONG PatternSize, ULONG PatternGranularity, PULONG64 MatchOffset)
{
    WITH_TARGET("SearchVirtual");
    return face_pass(f, ds_search_virtual(t, Offset, Length, Pattern, PatternSize, PatternGranularity, MatchOffset));
}

HRESULT STDMETHODCALLTYPE DataSpaces_ReadVirtualUncached(IDebugDataSpaces4 *This, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead)
{
    WITH_TARGET("ReadVirtualUncached");
    return face_pass(f, ds_read_virtual_uncached(t, Offset, Buffer, BufferSize, BytesRead));
}

HRESULT STDMETHODCALLTYPE DataSpaces_WriteVirtualUncached(IDebugDataSpaces4 *This, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten)
{
    WITH_TARGET("WriteVirtualUncached");
    return face_pass(f, ds_write_virtual_uncached(t, Offset, Buffer, BufferSize, BytesWritten));
}

HRESULT STDMETHODCALLTYPE DataSpaces_ReadPointersVirtual(IDebugDataSpaces4 *This, ULONG Count, ULONG64 Offset, PULONG64 Ptrs)
{
    WITH_TARGET("ReadPointersVirtual");
    return face_pass(f, ds_read_pointers_virtual(t, Count, Offset, Ptrs));
}

HRESULT STDMETHODCALLTYPE DataSpaces_WritePointersVirtual(IDebugDataSpaces4 *This, ULONG Count, ULONG64 Offset, PULONG64 Ptrs)
{
    WITH_TARGET("WritePointersVirtual");
    return face_pass(f, ds_write_pointers_virtual(t, Count, Offset, Ptrs));
}

HRESULT STDMETHODCALLTYPE DataSpaces_ReadPhysical(IDebugDataSpaces4 *This, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead)
{
    WITH_TARGET("ReadPhysical");
    return face_pass(f, ds_read_physical(t, Offset, Buffer, BufferSize, BytesRead));
}

HRESULT STDMETHODCALLTYPE DataSpaces_WritePhysical(IDebugDataSpaces4 *This, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten)
{
    WITH_TARGET("WritePhysical");
    return face_pass(f, ds_write_physical(t, Offset, Buffer, BufferSize, BytesWritten));
}

HRESULT STDMETHODCALLTYPE DataSpaces_ReadControl(IDebugDataSpaces4 *This, ULONG Processor, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead)
{
    WITH_TARGET("ReadControl");
    return face_pass(f, ds_read_control(t, Processor, Offset, Buffer, BufferSize, BytesRead));
}

HRESULT STDMETHODCALLTYPE DataSpaces_WriteControl(IDebugDataSpaces4 *This, ULONG Processor, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten)
{
    WITH_TARGET("WriteControl");
    return face_pass(f, ds_write_control(t, Processor, Offset, Buffer, BufferSize, BytesWritten));
}

HRESULT STDMETHODCALLTYPE DataSpaces_ReadIo(IDebugDataSpaces4 *This, ULONG InterfaceType, ULONG BusNumber, ULONG AddressSpace, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead)
{
    WITH_TARGET("ReadIo");
    return face_pass(f, ds_read_io(t, InterfaceType, BusNumber, AddressSpace, Offset, Buffer, BufferSize, BytesRead));
}

HRESULT STDMETHODCALLTYPE DataSpaces_WriteIo(IDebugDataSpaces4 *This, ULONG InterfaceType, ULONG BusNumber, ULONG AddressSpace, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten)
{
    WITH_TARGET("WriteIo");
    return face_pass(f, ds_write_io(t, InterfaceType, BusNumber, AddressSpace, Offset, Buffer, BufferSize, BytesWritten));
}

HRESULT STDMETHODCALLTYPE DataSpaces_ReadMsr(IDebugDataSpaces4 *This, ULONG Msr, PULONG64 Value)
{
    WITH_TARGET("ReadMsr");
    return face_pass(f, ds_read_msr(t, Msr, Value));
}

HRESULT STDMETHODCALLTYPE DataSpaces_WriteMsr(IDebugDataSpaces4 *This, ULONG Msr, ULONG64 Value)
{
    WITH_TARGET("WriteMsr");
    return face_pass(f, ds_write_msr(t, Msr, Value));
}

HRESULT STDMETHODCALLTYPE DataSpaces_ReadBusData(IDebugDataSpaces4 *This, ULONG BusDataType, ULONG BusNumber, ULONG SlotNumber, ULONG Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead)
{
    WITH_TARGET("ReadBusData");
    return face_pass(f, ds_read_bus_data(t, BusDataType, BusNumber, SlotNumber, Offset, Buffer, BufferSize, BytesRead));
}

HRESULT STDMETHODCALLTYPE DataSpaces_WriteBusData(IDebugDataSpaces4 *This, ULONG BusDataType, ULONG BusNumber, ULONG SlotNumber, ULONG Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten)
{
    WITH_TARGET("WriteBusData");
    return face_pass(f, ds_write_bus_data(t, BusDataType, BusNumber, SlotNumber, Offset, Buffer, BufferSize, BytesWritten));
}

HRESULT STDMETHODCALLTYPE DataSpaces_CheckLowMemory(IDebugDataSpaces4 *This)
{
    WITH_TARGET("CheckLowMemory");
    return face_pass(f, ds_check_low_memory(t));
}

HRESULT STDMETHODCALLTYPE DataSpaces_ReadDebuggerData(IDebugDataSpaces4 *This, ULONG Index, PVOID Buffer, ULONG BufferSize, PULONG DataSize)
{
    WITH_TARGET("ReadDebuggerData");
    return face_pass(f, ds_read_debugger_data(t, Index, Buffer, BufferSize, DataSize));
}

HRESULT STDMETHODCALLTYPE DataSpaces_ReadProcessorSystemData(IDebugDataSpaces4 *This, ULONG Processor, ULONG Index, PVOID Buffer, ULONG BufferSize, PULONG DataSize)
{
    WITH_TARGET("ReadProcessorSystemData");
    return face_pass(f, ds_read_processor_system_data(t, Processor, Index, Buffer, BufferSize, DataSize));
}

HRESULT STDMETHODCALLTYPE DataSpaces_VirtualToPhysical(IDebugDataSpaces4 *This, ULONG64 Virtual, PULONG64 Physical)
{
    WITH_TARGET("VirtualToPhysical");
    return face_pass(f, ds_virtual_to_physical(t, Virtual, Physical));
}

HRESULT STDMETHODCALLTYPE DataSpaces_GetVirtualTranslationPhysicalOffsets(IDebugDataSpaces4 *This, ULONG64 Virtual, PULONG64 Offsets, ULONG OffsetsSize, PULONG Levels)
{
    WITH_TARGET("GetVirtualTranslationPhysicalOffsets");
    return face_pass(f, ds_get_virtual_translation_physical_offsets(t, Virtual, Offsets, OffsetsSize, Levels));
}

HRESULT STDMETHODCALLTYPE DataSpaces_ReadHandleData(IDebugDataSpaces4 *This, ULONG64 Handle, ULONG DataType, PVOID Buffer, ULONG BufferSize, PULONG DataSize)
{
    WITH_TARGET("ReadHandleData");
    return face_pass(f, ds_read_handle_data(t, Handle, DataType, Buffer, BufferSize, DataSize));
}

HRESULT STDMETHODCALLTYPE DataSpaces_FillVirtual(IDebugDataSpaces4 *This, ULONG64 Start, ULONG Size, PVOID Pattern, ULONG PatternSize, PULONG Filled)
{
    WITH_TARGET("FillVirtual");
    return face_pass(f, ds_fill_virtual(t, Start, Size, Pattern, PatternSize, Filled));
}

HRESULT STDMETHODCALLTYPE DataSpaces_FillPhysical(IDebugDataSpaces4 *This, ULONG64 Start, ULONG Size, PVOID Pattern, ULONG PatternSize, PULONG Filled)
{
    WITH_TARGET("FillPhysical");
    return face_pass(f, ds_fill_physical(t, Start, Size, Pattern, PatternSize, Filled));
}

HRESULT STDMETHODCALLTYPE DataSpaces_QueryVirtual(IDebugDataSpaces4 *This, ULONG64 Offset, PMEMORY_BASIC_INFORMATION64 Info)
{
    WITH_TARGET("QueryVirtual");
    return face_pass(f, ds_query_virtual(t, Offset, Info));
}

HRESULT STDMETHODCALLTYPE DataSpaces_ReadImageNtHeaders(IDebugDataSpaces4 *This, ULONG64 ImageBase, PIMAGE_NT_HEADERS64 Headers)
{
    WITH_TARGET("ReadImageNtHeaders");
    return face_pass(f, ds_read_image_nt_headers(t, ImageBase, Headers));
}

HRESULT STDMETHODCALLTYPE DataSpaces_ReadTagged(IDebugDataSpaces4 *This, LPGUID Tag, ULONG Offset, PVOID Buffer, ULONG BufferSize, PULONG TotalSize)
{
    WITH_TARGET("ReadTagged");
    return face_pass(f, ds_read_tagged(t, Tag, Offset, Buffer, BufferSize, TotalSize));
}

HRESULT STDMETHODCALLTYPE DataSpaces_StartEnumTagged(IDebugDataSpaces4 *This, PULONG64 Handle)
{
    WITH_TARGET("StartEnumTagged");
    return face_pass(f, ds_start_enum_tagged(t, Handle));
}

HRESULT STDMETHODCALLTYPE DataSpaces_GetNextTagged(IDebugDataSpaces4 *This, ULONG64 Handle, LPGUID Tag, PULONG Size)
{
    WITH_TARGET("GetNextTagged");
    return face_pass(f, ds_get_next_tagged(t, Handle, Tag, Size));
}

HRESULT STDMETHODCALLTYPE DataSpaces_EndEnumTagged(IDebugDataSpaces4 *This, ULONG64 Handle)
{
    WITH_TARGET("EndEnumTagged");
    return face_pass(f, ds_end_enum_tagged(t, Handle));
}

HRESULT STDMETHODCALLTYPE DataSpaces_GetOffsetInformation(IDebugDataSpaces4 *This, ULONG Space, ULONG Which, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG InfoSize)
{
    WITH_TARGET("GetOffsetInformation");
    return face_pass(f, ds_get_offset_information(t, Space, Which, Offset, Buffer, BufferSize, InfoSize));
}

HRESULT STDMETHODCALLTYPE DataSpaces_GetNextDifferentlyValidOffsetVirtual(IDebugDataSpaces4 *This, ULONG64 Offset, PULONG64 NextOffset)
{
    WITH_TARGET("GetNextDifferentlyValidOffsetVirtual");
    return face_pass(f, ds_get_next_differently_valid_offset_virtual(t, Offset, NextOffset));
}

HRESULT STDMETHODCALLTYPE DataSpaces_GetValidRegionVirtual(IDebugDataSpaces4 *This, ULONG64 Base, ULONG Size, PULONG64 ValidBase, PULONG ValidSize)
{
    WITH_TARGET("GetValidRegionVirtual");
    return face_pass(f, ds_get_valid_region_virtual(t, Base, Size, ValidBase, ValidSize));
}

HRESULT STDMETHODCALLTYPE DataSpaces_SearchVirtual2(IDebugDataSpaces4 *This, ULONG64 Offset, ULONG64 Length, ULONG Flags, PVOID Pattern, ULONG PatternSize, ULONG PatternGranularity, PULONG64 MatchOffset)
{
    WITH_TARGET("SearchVirtual2");
    return face_pass(f, ds_search_virtual2(t, Offset, Length, Flags, Pattern, PatternSize, PatternGranularity, MatchOffset));
}

HRESULT STDMETHODCALLTYPE DataSpaces_ReadMultiByteStringVirtual(IDebugDataSpaces4 *This, ULONG64 Offset, ULONG MaxBytes, PSTR Buffer, ULONG BufferSize, PULONG StringBytes)
{
    WITH_TARGET("ReadMultiByteStringVirtual");
    return face_pass(f, ds_read_multi_byte_string_virtual(t, Offset, MaxBytes, Buffer, BufferSize, StringBytes));
}

HRESULT STDMETHODCALLTYPE DataSpaces_ReadMultiByteStringVirtualWide(IDebugDataSpaces4 *This, ULONG64 Offset, ULONG MaxBytes, ULONG CodePage, PWSTR Buffer, ULONG BufferSize, PULONG StringBytes)
{
    WITH_TARGET("ReadMultiByteStringVirtualWide");
    return face_pass(f, ds_read_multi_byte_string_virtual_wide(t, Offset, MaxBytes, CodePage, Buffer, BufferSize, StringBytes));
}

HRESULT STDMETHODCALLTYPE DataSpaces_ReadUnicodeStringVirtual(IDebugDataSpaces4 *This, ULONG64 Offset, ULONG MaxBytes, ULONG CodePage, PSTR Buffer, ULONG BufferSize, PULONG StringBytes)
{
    WITH_TARGET("ReadUnicodeStringVirtual");
    return face_pass(f, ds_read_unicode_string_virtual(t, Offset, MaxBytes, CodePage, Buffer, BufferSize, StringBytes));
}

HRESULT STDMETHODCALLTYPE DataSpaces_ReadUnicodeStringVirtualWide(IDebugDataSpaces4 *This, ULONG64 Offset, ULONG MaxBytes, PWSTR Buffer, ULONG BufferSize, PULONG StringBytes)
{
    WITH_TARGET("ReadUnicodeStringVirtualWide");
    return face_pass(f, ds_read_unicode_string_virtual_wide(t, Offset, MaxBytes, Buffer, BufferSize, StringBytes));
}

HRESULT STDMETHODCALLTYPE DataSpaces_ReadPhysical2(IDebugDataSpaces4 *This, ULONG64 Offset, ULONG Flags, PVOID Buffer, ULONG BufferSize, PULONG BytesRead)
{
    WITH_TARGET("ReadPhysical2");
    return face_pass(f, ds_read_physical2(t, Offset, Flags, Buffer, BufferSize, BytesRead));
}

HRESULT STDMETHODCALLTYPE DataSpaces_WritePhysical2(IDebugDataSpaces4 *This, ULONG64 Offset, ULONG Flags, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten)
{
    WITH_TARGET("WritePhysical2");
    return face_pass(f, ds_write_physical2(t, Offset, Flags, Buffer, BufferSize, BytesWritten));
}
