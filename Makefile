# Thin wrapper over Meson: the two README commands and a few helpers.
# `make run` and `make test` install missing Debian packages first.

BUILD      ?= build
TESTBUILD  ?= build-test
DB         ?= demo.db

.PHONY: all deps test-deps run test bench clean

all: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

deps:
	@./scripts/deps.sh

test-deps:
	@./scripts/deps.sh test

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=release

$(TESTBUILD)/build.ninja:
	meson setup $(TESTBUILD) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false

run: all
	./scripts/run-demo.sh $(BUILD)/hailong $(DB)

test: test-deps $(TESTBUILD)/build.ninja
	ninja -C $(TESTBUILD)
	meson test -C $(TESTBUILD) --print-errorlogs --num-processes 2

bench: all
	./bench/run.sh $(BUILD)/hailong

clean:
	rm -rf $(BUILD) $(TESTBUILD)
