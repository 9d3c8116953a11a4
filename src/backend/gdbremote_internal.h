/*
 * gdbremote_internal.h — what the files of the gdbremote backend share:
 *
 *   gdbremote.c          opening (spec, negotiation, stop state, threads,
 *                        architecture), closing, the ops table, errors
 *   gdbremote_memory.c   reads (pipelined m/x, page splitting on errors),
 *                        writes (X or M), physical memory (QEMU), search
 *   gdbremote_regions.c  QueryVirtual's sources: qMemoryRegionInfo,
 *                        qXfer:memory-map, /proc/PID/maps through vFile
 */
#ifndef DS_GDBREMOTE_INTERNAL_H
#define DS_GDBREMOTE_INTERNAL_H

#include "target.h"
#include "procmaps.h"
#include "rsp/rsp.h"

/* What the server's x packet means (research: two dialects). */
enum gr_x_dialect { GR_X_NONE, GR_X_LLDB, GR_X_GDB };
/* How writes go: not probed yet, X (binary), M (hex). */
enum gr_write_mode { GR_WRITE_UNKNOWN, GR_WRITE_X, GR_WRITE_M };
/* Where QueryVirtual's answers come from. */
enum gr_region_source {
    GR_REGIONS_UNKNOWN,     /* not looked for yet */
    GR_REGIONS_NONE,        /* the server describes no regions */
    GR_REGIONS_LLDB,        /* qMemoryRegionInfo */
    GR_REGIONS_MEMORY_MAP,  /* qXfer:memory-map:read */
    GR_REGIONS_PROC_MAPS,   /* /proc/PID/maps read through vFile */
};

/* A tri-state for features probed on first use. */
enum gr_probe { GR_UNPROBED, GR_YES, GR_NO };

struct gr_target {
    struct ds_target base;
    struct rsp_conn conn;
    uint64_t packet_size;     /* the server's PacketSize (bytes) */
    size_t read_chunk;        /* bytes per m request: PacketSize / 2, at most */
    unsigned window;          /* m requests in flight (1 in ack mode) */
    enum gr_x_dialect x;
    enum gr_write_mode write_mode;
    enum gr_probe search;     /* qSearch:memory */
    bool extended;            /* "!" accepted */
    bool multiprocess;
    bool memory_map;          /* qXfer:memory-map:read+ */
    bool features_xml;        /* qXfer:features:read+ */
    bool qemu_phys;           /* qqemu.Supported lists PhyMemMode */
    bool phys_mode;           /* Qqemu.PhyMemMode:1 in force */
    bool attached;            /* we attached with vAttach: detach on close */
    char thread[48];          /* the selected thread ("p1f.1f", "1f") */
    enum gr_region_source regions;
    struct ds_maps maps;      /* GR_REGIONS_PROC_MAPS */
    struct ds_region *regv;   /* GR_REGIONS_LLDB, GR_REGIONS_MEMORY_MAP: sorted */
    char **reg_names;         /* names of regv entries (owned, may be NULL) */
    size_t regn;
    char *scratch;            /* request building: packet_size + 64 bytes */
    size_t scratch_cap;
};

static inline struct gr_target *gr(ds_target *t)
{
    return (struct gr_target *)t;
}

/* The sentence for a failed exchange: what (the packet, shortened), where
   (the server), why (the connection's reason). Returns the HRESULT for
   the rsp status. */
HRESULT gr_fail_exchange(struct gr_target *g, int status, const char *what);
/* A request (NUL-terminated) and its reply; on failure the sentence is set. */
HRESULT gr_request(struct gr_target *g, const char *req, const char **reply, size_t *n);
/* The server's error reply as text: "E01", "E.message". */
void gr_error_text(const char *reply, size_t n, char *dst, size_t cap);

/* Read a whole qXfer object ("features", "target.xml") into a malloc'd
   NUL-terminated string of at most max bytes. S_FALSE when unsupported. */
HRESULT gr_xfer_read(struct gr_target *g, const char *object, const char *annex, size_t max,
                     char **out, size_t *len);

/* gdbremote_memory.c */
HRESULT gr_read(ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done);
HRESULT gr_write(ds_target *t, uint64_t addr, const void *buf, size_t size, size_t *done);
HRESULT gr_read_physical(ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done);
HRESULT gr_write_physical(ds_target *t, uint64_t addr, const void *buf, size_t size,
                          size_t *done);
HRESULT gr_search(ds_target *t, uint64_t addr, uint64_t size, const void *pattern,
                  size_t pattern_size, uint64_t *match);

/* gdbremote_regions.c */
HRESULT gr_query(ds_target *t, uint64_t addr, struct ds_region *out);
HRESULT gr_next_readable(ds_target *t, uint64_t addr, uint64_t *start, uint64_t *size);
void gr_regions_free(struct gr_target *g);
/* How many of the size bytes at addr the server's map says are readable
   (*avail; 0 when addr itself is not): S_OK. S_FALSE when the map cannot
   say (no map, or one that may leave memory out): *avail = size. Reads
   are cut there because ptrace-based servers read PROT_NONE pages that
   the process itself cannot. */
HRESULT gr_readable_extent(struct gr_target *g, uint64_t addr, size_t size, size_t *avail);
/* Which source answers QueryVirtual, in words (for notes and docs). */
const char *gr_region_source_name(enum gr_region_source s);

#endif /* DS_GDBREMOTE_INTERNAL_H */
