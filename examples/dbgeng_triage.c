/*
 * dbgeng_triage — a dbgeng client in C, written as it is on Windows
 * (p->lpVtbl->Method(p, ...)), built on Linux against <dataspaces/dbgeng.h>.
 *
 *   usage: dbgeng_triage PROGRAM [ARGS]   start PROGRAM stopped, look, kill it
 *          dbgeng_triage -z DUMP          a minidump or an ELF core
 *          dbgeng_triage -p PID           a running process (not stopped)
 *
 * It creates the engine, opens or attaches, waits for the first event,
 * asks for the data spaces and the symbols, then finds the program's
 * module, searches it for a string, reads the string and some bytes, and
 * releases everything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dataspaces/dbgeng.h>

/* Output callbacks: the engine's messages (errors included) to stdout. */
static HRESULT STDMETHODCALLTYPE OutQueryInterface(IDebugOutputCallbacks *This, REFIID Iid,
                                                   PVOID *Interface)
{
    if (IsEqualIID(Iid, &IID_IUnknown) || IsEqualIID(Iid, &IID_IDebugOutputCallbacks)) {
        *Interface = This;
        return S_OK;
    }
    *Interface = NULL;
    return E_NOINTERFACE;
}
static ULONG STDMETHODCALLTYPE OutAddRef(IDebugOutputCallbacks *This) { (void)This; return 1; }
static ULONG STDMETHODCALLTYPE OutRelease(IDebugOutputCallbacks *This) { (void)This; return 0; }
static HRESULT STDMETHODCALLTYPE OutOutput(IDebugOutputCallbacks *This, ULONG Mask, PCSTR Text)
{
    (void)This;
    fputs(Mask & DEBUG_OUTPUT_ERROR ? "engine error: " : "", stdout);
    fputs(Text, stdout);
    return S_OK;
}
static IDebugOutputCallbacksVtbl OutVtbl = { OutQueryInterface, OutAddRef, OutRelease, OutOutput };
static IDebugOutputCallbacks Out = { &OutVtbl };

static int fail(const char *what, HRESULT hr)
{
    fprintf(stderr, "dbgeng_triage: %s failed, HRESULT 0x%08X: %s\n", what, (unsigned)hr,
            ds_error_text(NULL));
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PROGRAM [ARGS] | -z DUMP | -p PID\n", argv[0]);
        return 2;
    }
    IDebugClient *client = NULL;
    IDebugControl *control = NULL;
    IDebugDataSpaces4 *data = NULL;
    IDebugSymbols2 *symbols = NULL;
    HRESULT hr = DebugCreate(&IID_IDebugClient, (void **)&client);
    if (FAILED(hr))
        return fail("DebugCreate", hr);
    client->lpVtbl->SetOutputCallbacks(client, &Out);
    hr = client->lpVtbl->QueryInterface(client, &IID_IDebugControl, (void **)&control);
    if (FAILED(hr))
        return fail("QueryInterface(IDebugControl)", hr);

    /* A module name to look for: the program's, or none for a dump. */
    const char *module = NULL;
    if (strcmp(argv[1], "-z") == 0 && argc > 2) {
        hr = client->lpVtbl->OpenDumpFile(client, argv[2]);
    } else if (strcmp(argv[1], "-p") == 0 && argc > 2) {
        hr = client->lpVtbl->AttachProcess(client, 0, (ULONG)strtoul(argv[2], NULL, 0),
                                           DEBUG_ATTACH_NONINVASIVE |
                                               DEBUG_ATTACH_NONINVASIVE_NO_SUSPEND);
    } else {
        char line[4096] = "";
        for (int i = 1; i < argc; i++)
            snprintf(line + strlen(line), sizeof line - strlen(line), "%s\"%s\"", i > 1 ? " " : "",
                     argv[i]);
        hr = client->lpVtbl->CreateProcess(client, 0, line, DEBUG_ONLY_THIS_PROCESS);
        module = strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1];
    }
    if (FAILED(hr))
        return fail("opening the target", hr);
    hr = control->lpVtbl->WaitForEvent(control, DEBUG_WAIT_DEFAULT, INFINITE);
    if (FAILED(hr))
        return fail("WaitForEvent", hr);

    client->lpVtbl->QueryInterface(client, &IID_IDebugDataSpaces4, (void **)&data);
    client->lpVtbl->QueryInterface(client, &IID_IDebugSymbols2, (void **)&symbols);

    ULONG machine = 0, loaded = 0, unloaded = 0;
    control->lpVtbl->GetActualProcessorType(control, &machine);
    symbols->lpVtbl->GetNumberModules(symbols, &loaded, &unloaded);
    printf("dbgeng_triage: machine 0x%04x, %s pointers, %u modules\n", (unsigned)machine,
           control->lpVtbl->IsPointer64Bit(control) == S_OK ? "64-bit" : "32-bit",
           (unsigned)loaded);

    ULONG64 base = 0;
    ULONG index = 0;
    if (!module || FAILED(symbols->lpVtbl->GetModuleByModuleName(symbols, module, 0, &index, &base)))
        symbols->lpVtbl->GetModuleByIndex(symbols, 0, &base);
    char name[256] = "";
    symbols->lpVtbl->GetModuleNameString(symbols, DEBUG_MODNAME_IMAGE, DEBUG_ANY_ID, base, name,
                                         sizeof name, NULL);
    printf("  module at 0x%llx: %s\n", (unsigned long long)base, name);

    /* The first bytes of the module: its file header. */
    unsigned char bytes[16];
    ULONG got = 0;
    hr = data->lpVtbl->ReadVirtual(data, base, bytes, sizeof bytes, &got);
    if (SUCCEEDED(hr)) {
        printf("  ReadVirtual(0x%llx, 16):", (unsigned long long)base);
        for (ULONG i = 0; i < got; i++)
            printf(" %02x", bytes[i]);
        printf("\n");
    }

    /* A string in it: SearchVirtual, then ReadMultiByteStringVirtual. */
    static const char needle[] = "Hello from";
    ULONG64 found = 0;
    hr = data->lpVtbl->SearchVirtual(data, base, 0x10000000, (PVOID)needle, sizeof needle - 1, 1,
                                     &found);
    if (SUCCEEDED(hr)) {
        char text[128];
        ULONG size = 0;
        data->lpVtbl->ReadMultiByteStringVirtual(data, found, sizeof text, text, sizeof text, &size);
        printf("  SearchVirtual(\"%s\") found 0x%llx: \"%s\"\n", needle, (unsigned long long)found,
               text);
    } else {
        printf("  SearchVirtual(\"%s\"): not in this module (HRESULT 0x%08X)\n", needle,
               (unsigned)hr);
    }

    /* Where reading stops: an address nothing maps. */
    hr = data->lpVtbl->ReadVirtual(data, 0, bytes, sizeof bytes, &got);
    printf("  ReadVirtual(0x0, 16): HRESULT 0x%08X (%s)\n", (unsigned)hr, ds_error_text(NULL));

    symbols->lpVtbl->Release(symbols);
    data->lpVtbl->Release(data);
    /* Ends the session: a program the engine started is killed, as by cdb's q. */
    client->lpVtbl->EndSession(client, DEBUG_END_ACTIVE_TERMINATE);
    control->lpVtbl->Release(control);
    client->lpVtbl->SetOutputCallbacks(client, NULL);
    client->lpVtbl->Release(client);
    return 0;
}
