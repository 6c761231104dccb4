# Thin wrapper over CMake, in the Neovim style: `make brief`, `make test`, `make bench`.
BUILD      ?= build
BUILD_TYPE ?= RelWithDebInfo
CMAKE_FLAGS ?=
BRIEF      ?= briefs/pakistan-us
OUT        ?= out

.PHONY: all deps test-deps briefc brief test bench clean distclean

all: brief

deps:
	@sh scripts/deps.sh build

test-deps:
	@sh scripts/deps.sh test
	@sh tests/pdfjs/setup.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

briefc: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j2

brief: briefc
	@mkdir -p $(OUT)
	$(BUILD)/briefc build $(BRIEF) -o $(OUT)/$(notdir $(BRIEF)).pdf --stats

test: test-deps briefc
	ctest --test-dir $(BUILD) --output-on-failure -j2

bench: briefc
	sh tests/bench.sh $(BUILD)/briefc

clean:
	cmake --build $(BUILD) --target clean 2>/dev/null || true

distclean:
	rm -rf $(BUILD) $(OUT)
