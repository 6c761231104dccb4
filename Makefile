# Thin wrapper over CMake, in the Neovim style: `make brief`, `make test`, `make bench`.
BUILD      ?= build
BUILD_TYPE ?= RelWithDebInfo
CMAKE_FLAGS ?=
BRIEF      ?= briefs/pakistan-us
OUT        ?= out

SAN_BUILD  ?= build-san

.PHONY: all deps test-deps briefc brief test test-san test-slurm bench golden mutants docs package clean distclean

all: brief

deps:
	@sh scripts/deps.sh build

test-deps:
	@sh scripts/deps.sh test
	@sh tests/pdfjs/setup.sh
	@sh tests/citeproc/setup.sh
	@sh tests/maps/setup.sh
	@sh tests/browser/setup.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

briefc: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j2

brief: briefc
	@mkdir -p $(OUT)
	$(BUILD)/briefc build $(BRIEF) -o $(OUT)/$(notdir $(BRIEF)).pdf --stats

# The whole suite, then again under AddressSanitizer and UndefinedBehaviorSanitizer (clang),
# with a short run of every fuzz harness.
test: test-deps briefc
	ctest --test-dir $(BUILD) --output-on-failure -j2
	$(MAKE) test-san

test-san: test-deps
	CC=clang cmake -S . -B $(SAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DBRIEFC_SANITIZE=ON -DBRIEFC_FUZZ=ON $(CMAKE_FLAGS)
	cmake --build $(SAN_BUILD) -j2
	ASAN_OPTIONS=detect_leaks=1:exitcode=86:strict_string_checks=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 BRIEFC_TEST_SLOW=1 \
	  ctest --test-dir $(SAN_BUILD) --output-on-failure -j2 -LE valgrind

# A one-node Slurm (munge, slurmctld, slurmd on localhost, as root) runs the handout batch
# as a job array through examples/handouts.sbatch.
test-slurm: briefc
	@sh scripts/deps.sh slurm
	sh tests/slurm/run.sh $(BUILD)

# Rewrites the golden layout dumps (tests/golden) after an intended layout change: review
# the diff it prints and commit it with the change (ctest's golden_* tests compare them).
golden: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j2 --target briefc
	sh tests/golden/update.sh $(BUILD)/briefc tests/golden
	@git diff --stat -- tests/golden 2>/dev/null || true

# The README's pictures, rendered from the sample brief and the chart gallery (tests/e2e/docs.sh
# fails when they are stale).
docs: briefc
	sh docs/render.sh $(BUILD)/briefc docs/img

# A Debian package, briefc_<version>_<arch>.deb, in $(BUILD) (CPack; cmake/install.cmake).
package: briefc
	cd $(BUILD) && cpack -G DEB

# Mutation testing: each mutant in tests/mutants/list is applied to a copy of the tree in
# $(MUTANT_BUILD), rebuilt, and must be killed by the tests named for it; prints the table
# (also in $(MUTANT_BUILD)/mutants.txt). Slow: not part of `make test`. NAMES=... for a few.
MUTANT_BUILD ?= build-mutant
mutants: test-deps
	MUTANT_BUILD=$(MUTANT_BUILD) bash tests/mutants/run.sh $(NAMES)

bench: briefc
	sh tests/bench.sh $(BUILD)/briefc

clean:
	cmake --build $(BUILD) --target clean 2>/dev/null || true

distclean:
	rm -rf $(BUILD) $(SAN_BUILD) $(MUTANT_BUILD) $(OUT)
