#!/usr/bin/env bash
# Print the path of a Chromium for the browser tests, installing Debian's `chromium` package when it is
# missing (needs root, as in CI).
#   export NEWSLEDGER_TEST_CHROMIUM=$(scripts/chromium-for-tests.sh)
set -euo pipefail
find_chromium() {
    for name in chromium chromium-browser; do
        if command -v "$name" >/dev/null 2>&1; then
            command -v "$name"
            return 0
        fi
    done
    return 1
}
if ! find_chromium >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    (apt-get update -qq && apt-get install -y -qq chromium) >&2
fi
find_chromium
