# dataspaces — GNU make build.
#
#   make            the library (build/libdataspaces.a, .so)
#   make demo       install what it needs, build, run the demo
#   make cli        build/dataspaces, the command line (CLI_LIBEDIT=0 CLI_CAPSTONE=0: without them)
#   make check      install what it needs, build, run every test, twice: as built
#                   and under AddressSanitizer + UBSan (needs nothing beside the
#                   checkout: the tests make their own processes, cores, dumps)
#   make test [SANITIZE=1]  one of the two builds only
#   make conformance        the third-party dump corpus (tests/conformance/), read
#                   from DS_TESTDATA (default ../shared/testdata); fails without it
#   make check CONFORMANCE=1  both suites in one run, one closing count (CI)
#   make bench      the benchmark table (bench/README.md)
#   make install PREFIX=/usr/local [DESTDIR=...]
#   make uninstall PREFIX=/usr/local [DESTDIR=...]

PREFIX   ?= /usr/local
CC       ?= cc
CXX      ?= c++
PKG_CONFIG ?= pkg-config
VERSION  := 0.1.0

ifeq ($(SANITIZE),1)
BUILD    ?= build-asan
OPT      := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
LDSAN    := -fsanitize=address,undefined
else
BUILD    ?= build
OPT      := -O2 -g
LDSAN    :=
endif

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
ELF_CFLAGS := $(shell $(PKG_CONFIG) --cflags libelf 2>/dev/null)
ELF_LIBS   := $(shell $(PKG_CONFIG) --libs libelf 2>/dev/null || echo -lelf)
CFLAGS_LIB := -std=c11 -D_GNU_SOURCE $(WARN) $(OPT) -pthread -fPIC -fvisibility=hidden \
              -Iinclude -Isrc $(ELF_CFLAGS) $(CFLAGS)
CFLAGS_TEST := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror $(OPT) -Iinclude -Isrc -Itests/lib $(CFLAGS)

# Every layer's folder (src/backend, src/commands, src/dbgeng, src/rsp, src/serve).
LIB_SRC  := $(sort $(wildcard src/*.c src/*/*.c))
LIB_OBJ  := $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRC))
HEADERS  := $(wildcard include/dataspaces/*.h)
TEST_SRC := $(sort $(wildcard tests/test_*.c))
TEST_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRC))
# tests/test_dbgeng.c again as C++ (g++ and clang++): the same source calls
# p->Method() where C calls p->lpVtbl->Method(p), on the same objects.
DBGENG_CXX_TESTS := test_dbgeng_gxx test_dbgeng_clangxx
TEST_BIN += $(addprefix $(BUILD)/tests/,$(DBGENG_CXX_TESTS))
TEST_LIB_SRC := $(sort $(wildcard tests/lib/*.c))
HELPER_SRC := $(sort $(filter-out %_m32.c,$(wildcard tests/helpers/*.c)))
HELPER_M32 := $(sort $(wildcard tests/helpers/*_m32.c))
HELPER_BIN := $(patsubst tests/helpers/%.c,$(BUILD)/helpers/%,$(HELPER_SRC) $(HELPER_M32))
CONF_SRC := $(sort $(wildcard tests/conformance/conf_*.c))
CONF_BIN := $(patsubst tests/conformance/%.c,$(BUILD)/conformance/%,$(CONF_SRC))
# The third-party corpus `make conformance` reads (a relative path is taken
# from the top of the checkout).
DS_TESTDATA ?= ../shared/testdata

DEMO_DEPS  := gcc g++ make pkg-config libelf-dev libedit-dev libcapstone-dev
# What each face's tests need, one line each (the issue that added it owns it).
DBGENG_DEPS := mingw-w64-x86-64-dev clang python3
CLI_DEPS    := libedit-dev libcapstone-dev tmux
REMOTE_DEPS := gdbserver lldb qemu-user qemu-system-x86 seabios
PYTHON_DEPS := python3-dev python3-pytest python3-setuptools python3-pip
DUMP_DEPS   := elfutils lldb
SERVE_DEPS  := gdb lldb gdbserver gdb-multiarch
CHECK_DEPS := $(DEMO_DEPS) g++ libcmocka-dev gcc-multilib gdb $(DBGENG_DEPS) $(CLI_DEPS) \
              $(REMOTE_DEPS) $(PYTHON_DEPS) $(DUMP_DEPS) $(SERVE_DEPS)

.PHONY: all lib demo check test tests-built deps-demo deps-check install uninstall clean bench headers helpers \
        python python-module \
        conformance conformance-built testdata-present

all: lib
lib: $(BUILD)/libdataspaces.a $(BUILD)/libdataspaces.so

$(BUILD)/obj/%.o: %.c $(HEADERS) $(wildcard src/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_LIB) -c $< -o $@

$(BUILD)/libdataspaces.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libdataspaces.so: $(LIB_OBJ)
	$(CC) -shared -pthread -Wl,-soname,libdataspaces.so.0 -o $@ $^ $(LDSAN) $(ELF_LIBS)

# ---- tests ------------------------------------------------------------------
$(BUILD)/tests/%: tests/%.c $(TEST_LIB_SRC) $(wildcard tests/lib/*.h) $(BUILD)/libdataspaces.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_TEST) $< $(TEST_LIB_SRC) -o $@ $(BUILD)/libdataspaces.a $(LDSAN) \
	    $(ELF_LIBS) -lcmocka -pthread $(TEST_LDFLAGS)

# The conformance programs: the same test library, one directory over.
$(BUILD)/conformance/%: tests/conformance/%.c $(TEST_LIB_SRC) $(wildcard tests/lib/*.h) \
                        $(BUILD)/libdataspaces.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_TEST) $< $(TEST_LIB_SRC) -o $@ $(BUILD)/libdataspaces.a $(LDSAN) \
	    $(ELF_LIBS) -lcmocka -pthread $(TEST_LDFLAGS)

# test_oom fails the library's allocations on purpose: its calls to these
# come to the test's wrappers. conf_oom runs its sessions over the corpus.
$(BUILD)/tests/test_oom $(BUILD)/conformance/conf_oom: TEST_LDFLAGS := \
    -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup
$(BUILD)/conformance/conf_oom: tests/test_oom.c

# test_commands_display counts the reads a display makes (large chunks,
# never a read per byte).
$(BUILD)/tests/test_commands_display: TEST_LDFLAGS := -Wl,--wrap=ds_read_virtual

# The corpus replay compiles the fuzz harnesses in; the commands harness
# sends every .dump to a scratch file of its own (fuzz/commands_harness.h).
$(BUILD)/tests/test_corpus: TEST_LDFLAGS := -Wl,--wrap=ds_write_dump_progress
$(BUILD)/tests/test_corpus $(BUILD)/conformance/conf_corpus: $(wildcard fuzz/*.h fuzz/*.c)
# The packet-layer and stub replays compile theirs in too.
$(BUILD)/tests/test_corpus_rsp $(BUILD)/tests/test_corpus_serve: $(wildcard fuzz/*.h)

# The C++ builds of test_dbgeng: the test library stays C (compiled by $(CC)).
# The engine's objects are C objects whose vtables carry no C++ RTTI, so
# UBSan's vptr check (typeid of the callee) does not apply (docs/dbgeng.md).
CXXFLAGS_TEST := -std=c++17 -D_GNU_SOURCE -Wall -Wextra -Werror $(OPT) -fno-sanitize=vptr \
                 -Iinclude -Isrc -Itests/lib
TEST_LIB_OBJ := $(patsubst tests/lib/%.c,$(BUILD)/testlib/%.o,$(TEST_LIB_SRC))
$(BUILD)/testlib/%.o: tests/lib/%.c $(wildcard tests/lib/*.h) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_TEST) -c $< -o $@
$(BUILD)/tests/test_dbgeng_gxx $(BUILD)/tests/test_dbgeng_clangxx: tests/test_dbgeng.c \
    $(TEST_LIB_OBJ) $(BUILD)/libdataspaces.a $(wildcard tests/lib/*.h)
	@mkdir -p $(dir $@)
	$(if $(findstring clang,$@),clang++,g++) $(CXXFLAGS_TEST) -x c++ -c $< -o $@.o
	g++ $@.o $(TEST_LIB_OBJ) -o $@ $(BUILD)/libdataspaces.a $(LDSAN) $(ELF_LIBS) -lcmocka -pthread

$(BUILD)/helpers/%_m32: tests/helpers/%_m32.c tests/helpers/helper.h
	@mkdir -p $(dir $@)
	$(CC) -m32 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O1 -g $< -o $@ -lpthread

$(BUILD)/helpers/%: tests/helpers/%.c tests/helpers/helper.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O1 -g $< -o $@ -lpthread

# remote_target is not PIE: a copy launched under gdbserver or qemu-user has
# its static data where a copy run by the test reports it.
$(BUILD)/helpers/remote_target: tests/helpers/remote_target.c tests/helpers/helper.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O1 -g -fno-pie -no-pie $< -o $@ -lpthread

# split_image's data segment shares file page 0 with its code, 64 KiB
# above it (small arm64 programs look so): two mappings of offset 0.
$(BUILD)/helpers/split_image: tests/helpers/split_image.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O1 -g $< -o $@ \
	    -Wl,-z,max-page-size=0x10000 -Wl,-z,noseparate-code -Wl,-z,norelro

# libholes.so's segments sit 64 KiB apart: the loader leaves holes.
$(BUILD)/helpers/libholes.so: tests/helpers/lib/holes.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror -O1 -g -shared -fPIC $< -o $@ \
	    -Wl,-z,max-page-size=0x10000 -Wl,-z,separate-code
test tests-built: $(BUILD)/helpers/libholes.so

helpers: $(HELPER_BIN)

# ---- the Python package (python/, docs/python.md) --------------------------------
# `make python`: the extension dataspaces._dataspaces, built against Debian's
# /usr/bin/python3 (not a python3 that comes first in PATH) with the static
# library linked in, into $(BUILD)/python/dataspaces/ beside the package's
# Python files: PYTHONPATH=$(BUILD)/python imports it. Also the tests' minidump
# writer and the helpers its tests start; `make python-module` the package
# alone (bench/ uses it). `python3 -m pip install ./python` builds the same
# extension from pyproject.toml (python/README.md).
PYTHON   ?= /usr/bin/python3
PY_INC   := $(shell $(PYTHON) -c 'import sysconfig; print(sysconfig.get_paths()["include"])' 2>/dev/null)
PY_EXT   := $(shell $(PYTHON) -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))' 2>/dev/null)
PY_SRC   := $(sort $(wildcard python/src/*.c))
PY_PKG   := $(BUILD)/python/dataspaces
PY_SO    := $(PY_PKG)/_dataspaces$(PY_EXT)
PY_FILES := $(addprefix $(PY_PKG)/,__init__.py __init__.pyi py.typed)

python: python-module $(BUILD)/python/make_dumps $(HELPER_BIN)
python-module: $(PY_SO) $(PY_FILES)
test: python

$(PY_SO): $(PY_SRC) python/src/ext.h $(HEADERS) $(BUILD)/libdataspaces.a
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(OPT) -fPIC -fvisibility=hidden -shared -pthread \
	    -Iinclude -I$(PY_INC) $(CFLAGS) $(PY_SRC) -o $@ $(BUILD)/libdataspaces.a \
	    -Wl,--exclude-libs,ALL $(LDSAN) $(ELF_LIBS)

$(PY_PKG)/%: python/dataspaces/%
	@mkdir -p $(dir $@)
	cp $< $@

$(BUILD)/python/make_dumps: python/tests/make_dumps.c $(TEST_LIB_SRC) $(wildcard tests/lib/*.h) \
                               $(BUILD)/libdataspaces.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_TEST) $< $(TEST_LIB_SRC) -o $@ $(BUILD)/libdataspaces.a $(LDSAN) \
	    $(ELF_LIBS) -lcmocka -pthread

# Every public header alone, as C11 and C++17, under strict warnings.
headers:
	@mkdir -p $(BUILD)/headertest
	@for h in $(notdir $(HEADERS)); do \
	  printf '#include <dataspaces/%s>\nint ds_header_test_%s;\n' $$h $$(echo $$h | tr . _) \
	    > $(BUILD)/headertest/$$h.c; \
	  $(CC) -std=c11 -Wall -Wextra -pedantic -Werror -Iinclude -c $(BUILD)/headertest/$$h.c \
	    -o $(BUILD)/headertest/$$h.c.o || exit 1; \
	  cp $(BUILD)/headertest/$$h.c $(BUILD)/headertest/$$h.cpp; \
	  $(CXX) -std=c++17 -Wall -Wextra -pedantic -Werror -Iinclude -c \
	    $(BUILD)/headertest/$$h.cpp -o $(BUILD)/headertest/$$h.cpp.o || exit 1; \
	done; echo "headers: every public header compiles alone as C11 and C++17"

deps-demo:
	@sh scripts/deps.sh $(DEMO_DEPS)
deps-check:
	@sh scripts/deps.sh $(CHECK_DEPS)

test: lib $(TEST_BIN) $(HELPER_BIN)
	@BUILD=$(BUILD) CC="$(CC)" CXX="$(CXX)" LDSAN="$(LDSAN)" sh tests/run.sh $(TEST_BIN)

# `make check` is the one command CI runs: set up, build from scratch, and
# run the suite twice, plainly and under ASan + UBSan, counting both in one
# closing line. (`make test` runs one build only; SANITIZE=1 picks which.)
# It builds both itself, so a SANITIZE given on its command line (which
# make passes down to every sub-make) is overridden for each. With
# CONFORMANCE=1 the conformance programs run in the same run, counted in the
# same closing line.
CHECK_RUN := $(patsubst tests/%.c,build/tests/%,$(TEST_SRC)) \
             $(patsubst tests/%.c,build-asan/tests/%,$(TEST_SRC))
CHECK_RUN += $(addprefix build/tests/,$(DBGENG_CXX_TESTS)) \
             $(addprefix build-asan/tests/,$(DBGENG_CXX_TESTS))
CONF_RUN  := $(patsubst tests/conformance/%.c,build/conformance/%,$(CONF_SRC)) \
             $(patsubst tests/conformance/%.c,build-asan/conformance/%,$(CONF_SRC))
CHECK_BUILT := lib tests-built $(if $(filter 1,$(CONFORMANCE)),conformance-built)
CHECK_BUILT += python

check: deps-check $(if $(filter 1,$(CONFORMANCE)),testdata-present)
	@$(MAKE) --no-print-directory SANITIZE= BUILD=build $(CHECK_BUILT)
	@$(MAKE) --no-print-directory SANITIZE=1 BUILD=build-asan $(CHECK_BUILT)
	@$(if $(filter 1,$(CONFORMANCE)),DS_TESTDATA="$(abspath $(DS_TESTDATA))") \
	    CC="$(CC)" CXX="$(CXX)" sh tests/run.sh $(CHECK_RUN) $(if $(filter 1,$(CONFORMANCE)),$(CONF_RUN))

tests-built: $(TEST_BIN) $(HELPER_BIN)
conformance-built: $(CONF_BIN) $(HELPER_BIN)

# `make conformance`: the third-party dumps (tests/conformance/README.md),
# both builds, one closing line. Without the corpus it fails: a suite that
# reads nothing must not pass.
testdata-present:
	@test -d "$(DS_TESTDATA)/elfcore" && test -d "$(DS_TESTDATA)/minidump" || { \
	  echo "make conformance: no test corpus at $(DS_TESTDATA) (it needs its elfcore/ and" \
	       "minidump/ directories); set DS_TESTDATA=/path/to/testdata" >&2; exit 1; }

conformance: deps-check testdata-present
	@$(MAKE) --no-print-directory SANITIZE= BUILD=build lib conformance-built
	@$(MAKE) --no-print-directory SANITIZE=1 BUILD=build-asan lib conformance-built
	@DS_TESTDATA="$(abspath $(DS_TESTDATA))" DS_RUN_EXTRAS=0 CC="$(CC)" CXX="$(CXX)" \
	    sh tests/run.sh $(CONF_RUN)

# ---- dataspaces(1), the command line (cli/) ---------------------------------------
# A thin front end over the library's command language. libedit (line
# editing, history) and capstone (`u`) are optional: used when pkg-config
# finds them, left out with CLI_LIBEDIT=0 / CLI_CAPSTONE=0 (the program then
# reads plain lines, and `u` says it is not built in).
CLI_LIBEDIT  ?= $(shell $(PKG_CONFIG) --exists libedit 2>/dev/null && echo 1 || echo 0)
CLI_CAPSTONE ?= $(shell $(PKG_CONFIG) --exists capstone 2>/dev/null && echo 1 || echo 0)
CLI_SRC    := $(sort $(wildcard cli/*.c))
CLI_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) $(OPT) -Iinclude -DDS_CLI_VERSION='"$(VERSION)"' \
              -DDS_CLI_LIBEDIT=$(CLI_LIBEDIT) -DDS_CLI_CAPSTONE=$(CLI_CAPSTONE) \
              $(if $(filter 1,$(CLI_LIBEDIT)),$(shell $(PKG_CONFIG) --cflags libedit)) \
              $(if $(filter 1,$(CLI_CAPSTONE)),$(shell $(PKG_CONFIG) --cflags capstone)) $(CFLAGS)
CLI_LIBS   := $(if $(filter 1,$(CLI_LIBEDIT)),$(shell $(PKG_CONFIG) --libs libedit)) \
              $(if $(filter 1,$(CLI_CAPSTONE)),$(shell $(PKG_CONFIG) --libs capstone))
# A stamp named after the choice, so that changing it rebuilds the program.
CLI_STAMP  := $(BUILD)/cli-with-libedit$(CLI_LIBEDIT)-capstone$(CLI_CAPSTONE)

.PHONY: cli
cli: $(BUILD)/dataspaces
all: cli
install: cli
$(BUILD)/tests/test_cli: $(BUILD)/dataspaces $(BUILD)/dataspaces-plain
$(BUILD)/tests/test_cli_remote: $(BUILD)/dataspaces

$(CLI_STAMP):
	@mkdir -p $(dir $@)
	@rm -f $(BUILD)/cli-with-*
	@touch $@

$(BUILD)/dataspaces: $(CLI_SRC) cli/cli.h $(HEADERS) $(BUILD)/libdataspaces.a $(CLI_STAMP)
	$(CC) $(CLI_CFLAGS) $(CLI_SRC) -o $@ $(BUILD)/libdataspaces.a $(LDSAN) $(ELF_LIBS) \
	    $(CLI_LIBS) -pthread

# The same program without libedit and capstone, for test_cli to run.
$(BUILD)/dataspaces-plain: $(CLI_SRC) cli/cli.h $(HEADERS) $(BUILD)/libdataspaces.a
	$(CC) $(filter-out -DDS_CLI_LIBEDIT=% -DDS_CLI_CAPSTONE=%,$(CLI_CFLAGS)) \
	    -DDS_CLI_LIBEDIT=0 -DDS_CLI_CAPSTONE=0 $(CLI_SRC) -o $@ $(BUILD)/libdataspaces.a \
	    $(LDSAN) $(ELF_LIBS) -pthread

# ---- demo ---------------------------------------------------------------------
# The dbgeng.h face's examples, one in C and one in C++ (built by `make`;
# the C++ one where a C++ compiler is installed: `make demo` installs g++).
DBGENG_EXAMPLES := $(BUILD)/examples/dbgeng_triage \
                   $(if $(shell command -v $(CXX) 2>/dev/null),$(BUILD)/examples/dbgeng_scan)
all: $(DBGENG_EXAMPLES)
tests-built test: $(DBGENG_EXAMPLES) $(BUILD)/examples/demo_target  # run by tests/run.sh
$(BUILD)/examples/%: examples/%.cpp $(BUILD)/libdataspaces.a
	@mkdir -p $(dir $@)
	$(CXX) -std=c++17 -Wall -Wextra -Werror $(OPT) -fno-sanitize=vptr -Iinclude $< -o $@ \
	    $(BUILD)/libdataspaces.a $(LDSAN) $(ELF_LIBS) -pthread

$(BUILD)/examples/%: examples/%.c $(BUILD)/libdataspaces.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_TEST) $< -o $@ $(BUILD)/libdataspaces.a $(LDSAN) $(ELF_LIBS) -pthread

demo: deps-demo
	@$(MAKE) --no-print-directory $(BUILD)/examples/demo $(BUILD)/examples/demo_target
	@$(BUILD)/examples/demo $(BUILD)/examples/demo_target
	@$(MAKE) --no-print-directory $(BUILD)/examples/dbgeng_triage $(BUILD)/examples/dbgeng_scan
	@echo; $(BUILD)/examples/dbgeng_triage $(BUILD)/examples/demo_target
	@echo; $(BUILD)/examples/dbgeng_scan $(BUILD)/examples/demo_target
	@$(MAKE) --no-print-directory $(BUILD)/dataspaces
	@sh examples/cli_demo.sh $(BUILD)

# ---- bench --------------------------------------------------------------------
bench:
	@$(MAKE) --no-print-directory -C bench BUILD=../$(BUILD)

# ---- install ------------------------------------------------------------------
install: lib
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/dataspaces \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 $(BUILD)/libdataspaces.a $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(BUILD)/libdataspaces.so $(DESTDIR)$(PREFIX)/lib/libdataspaces.so.$(VERSION)
	ln -sf libdataspaces.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libdataspaces.so.0
	ln -sf libdataspaces.so.0 $(DESTDIR)$(PREFIX)/lib/libdataspaces.so
	install -m 644 $(HEADERS) $(DESTDIR)$(PREFIX)/include/dataspaces/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' dataspaces.pc.in \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/dataspaces.pc
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/dataspaces $(DESTDIR)$(PREFIX)/bin/dataspaces
	install -m 644 docs/dataspaces.1 $(DESTDIR)$(PREFIX)/share/man/man1/dataspaces.1

# Removes exactly what install put there (and the include directory if it
# is then empty); nothing else under PREFIX is touched.
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/lib/libdataspaces.a \
	  $(DESTDIR)$(PREFIX)/lib/libdataspaces.so.$(VERSION) \
	  $(DESTDIR)$(PREFIX)/lib/libdataspaces.so.0 \
	  $(DESTDIR)$(PREFIX)/lib/libdataspaces.so \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig/dataspaces.pc \
	  $(DESTDIR)$(PREFIX)/bin/dataspaces $(DESTDIR)$(PREFIX)/share/man/man1/dataspaces.1 \
	  $(addprefix $(DESTDIR)$(PREFIX)/include/dataspaces/,$(notdir $(HEADERS)))
	-rmdir $(DESTDIR)$(PREFIX)/include/dataspaces 2>/dev/null

clean:
	rm -rf build build-asan

$(BUILD)/examples/demo_target: examples/demo_target.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O1 -g $< -o $@

fuzz: lib ; $(MAKE) -C fuzz FUZZ_SECONDS=$(FUZZ_SECONDS)
