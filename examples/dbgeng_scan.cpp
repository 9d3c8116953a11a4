// dbgeng_scan — a dbgeng client in C++, written as it is on Windows
// (p->Method(...)), built on Linux against <dataspaces/dbgeng.h>.
//
//   usage: dbgeng_scan PROGRAM [ARGS]   start PROGRAM stopped, look, kill it
//          dbgeng_scan -z DUMP          a minidump or an ELF core
//          dbgeng_scan -p PID           a running process (not stopped)
//
// It walks the address space with QueryVirtual, lists the modules, reads
// pointers, runs a debugger command through Execute, and releases
// everything: the COM idioms of a crash-triage tool.
#include <cstdio>
#include <cstdlib>
#include <cstring>

#define INITGUID  // this file defines the interface ids, as Windows programs do
#include <dataspaces/dbgeng.h>

namespace {

// The engine's output (Execute's command output, errors) to stdout.
class StdoutCallbacks final : public IDebugOutputCallbacks {
public:
    STDMETHOD(QueryInterface)(REFIID iid, PVOID *out) override
    {
        if (IsEqualIID(iid, IID_IUnknown) || IsEqualIID(iid, IID_IDebugOutputCallbacks)) {
            *out = this;
            AddRef();
            return S_OK;
        }
        *out = nullptr;
        return E_NOINTERFACE;
    }
    STDMETHOD_(ULONG, AddRef)() override { return ++refs_; }
    STDMETHOD_(ULONG, Release)() override { return --refs_; }
    STDMETHOD(Output)(ULONG, PCSTR text) override
    {
        std::fputs(text, stdout);
        return S_OK;
    }

private:
    ULONG refs_ = 1;
};

const char *state_name(ULONG state)
{
    return state == MEM_COMMIT ? "commit" : state == MEM_RESERVE ? "reserve" : "free";
}

int fail(const char *what, HRESULT hr)
{
    std::fprintf(stderr, "dbgeng_scan: %s failed, HRESULT 0x%08X: %s\n", what, unsigned(hr),
                 ds_error_text(nullptr));
    return 1;
}

}  // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s PROGRAM [ARGS] | -z DUMP | -p PID\n", argv[0]);
        return 2;
    }
    IDebugClient5 *client = nullptr;
    HRESULT hr = DebugCreate(IID_IDebugClient5, reinterpret_cast<void **>(&client));
    if (FAILED(hr))
        return fail("DebugCreate", hr);
    StdoutCallbacks callbacks;
    client->SetOutputCallbacks(&callbacks);

    if (std::strcmp(argv[1], "-z") == 0 && argc > 2) {
        hr = client->OpenDumpFile(argv[2]);
    } else if (std::strcmp(argv[1], "-p") == 0 && argc > 2) {
        hr = client->AttachProcess(0, ULONG(std::strtoul(argv[2], nullptr, 0)),
                                   DEBUG_ATTACH_NONINVASIVE | DEBUG_ATTACH_NONINVASIVE_NO_SUSPEND);
    } else {
        char line[4096] = "";
        for (int i = 1; i < argc; i++)
            std::snprintf(line + std::strlen(line), sizeof line - std::strlen(line), "%s\"%s\"",
                          i > 1 ? " " : "", argv[i]);
        hr = client->CreateProcessAndAttach(0, line, DEBUG_ONLY_THIS_PROCESS, 0, 0);
    }
    if (FAILED(hr))
        return fail("opening the target", hr);

    IDebugControl4 *control = nullptr;
    IDebugDataSpaces4 *data = nullptr;
    IDebugSymbols3 *symbols = nullptr;
    IDebugSystemObjects *system = nullptr;
    client->QueryInterface(IID_IDebugControl4, reinterpret_cast<void **>(&control));
    client->QueryInterface(IID_IDebugDataSpaces4, reinterpret_cast<void **>(&data));
    client->QueryInterface(IID_IDebugSymbols3, reinterpret_cast<void **>(&symbols));
    client->QueryInterface(IID_IDebugSystemObjects, reinterpret_cast<void **>(&system));
    if ((hr = control->WaitForEvent(DEBUG_WAIT_DEFAULT, INFINITE)) != S_OK)
        return fail("WaitForEvent", hr);

    ULONG pid = 0, threads = 0;
    system->GetCurrentProcessSystemId(&pid);
    system->GetNumberThreads(&threads);
    std::printf("dbgeng_scan: process %u, %u thread(s)\n", unsigned(pid), unsigned(threads));

    // The address space, region by region.
    ULONG64 address = 0;
    int regions = 0, committed = 0;
    ULONG64 committed_bytes = 0, first_data = 0;
    MEMORY_BASIC_INFORMATION64 info;
    while (data->QueryVirtual(address, &info) == S_OK) {
        regions++;
        if (info.State == MEM_COMMIT) {
            committed++;
            committed_bytes += info.RegionSize;
            // The program's own data: the first writable page of an image.
            if (!first_data && info.Type == MEM_IMAGE &&
                (info.Protect == PAGE_READWRITE || info.Protect == PAGE_WRITECOPY))
                first_data = info.BaseAddress;
        }
        if (regions <= 6)
            std::printf("  %016llx %10llx %-7s protect 0x%03x\n",
                        static_cast<unsigned long long>(info.BaseAddress),
                        static_cast<unsigned long long>(info.RegionSize), state_name(info.State),
                        unsigned(info.Protect));
        if (info.BaseAddress + info.RegionSize <= address)
            break;
        address = info.BaseAddress + info.RegionSize;
    }
    std::printf("  ... %d regions, %d committed (%llu KiB)\n", regions, committed,
                static_cast<unsigned long long>(committed_bytes / 1024));

    // Pointers in it (a program's data begins with pointers: .got, .data).
    if (first_data) {
        ULONG64 pointers[2] = {};
        if (SUCCEEDED(data->ReadPointersVirtual(2, first_data, pointers)))
            std::printf("  ReadPointersVirtual(0x%llx): 0x%llx 0x%llx\n",
                        static_cast<unsigned long long>(first_data),
                        static_cast<unsigned long long>(pointers[0]),
                        static_cast<unsigned long long>(pointers[1]));
    }

    // The modules, with their names as the engine gives them.
    ULONG loaded = 0, unloaded = 0;
    symbols->GetNumberModules(&loaded, &unloaded);
    for (ULONG i = 0; i < loaded && i < 8; i++) {
        DEBUG_MODULE_PARAMETERS params;
        char name[64] = "";
        if (symbols->GetModuleParameters(1, nullptr, i, &params) != S_OK)
            continue;
        symbols->GetModuleNameString(DEBUG_MODNAME_MODULE, i, 0, name, sizeof name, nullptr);
        std::printf("  module %u: %-20s base 0x%llx size 0x%x\n", unsigned(i), name,
                    static_cast<unsigned long long>(params.Base), unsigned(params.Size));
    }

    // A debugger command, its output through the callbacks.
    std::printf("  Execute(\"lm\"):\n");
    control->Execute(DEBUG_OUTCTL_THIS_CLIENT, "lm", DEBUG_EXECUTE_DEFAULT);

    system->Release();
    symbols->Release();
    data->Release();
    control->Release();
    client->EndSession(DEBUG_END_ACTIVE_TERMINATE);
    client->SetOutputCallbacks(nullptr);
    client->Release();
    return 0;
}
