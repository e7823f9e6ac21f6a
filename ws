#!/usr/bin/env bash
# ws: run the net.websocket examples from a checkout.
#
#   ./ws serve [--host H] [--port N]        the example server (default 127.0.0.1:8081)
#   ./ws connect URL [options]              interactive client
#   ./ws test [mvn args]                    install interop peers, build, run every test
#   ./ws help                               every command
#
# Builds the project first if a module's jar is missing (mvn install, tests skipped), then runs the examples module
# on the module path with only this project's jars. JAVA_OPTS is passed to java.
set -euo pipefail

# The checkout is where this script lives (following symlinks to it).
src="${BASH_SOURCE[0]}"
while [[ -L "$src" ]]; do
    dir="$(cd -P "$(dirname "$src")" && pwd)"
    src="$(readlink "$src")"
    [[ "$src" == /* ]] || src="$dir/$src"
done
here="$(cd -P "$(dirname "$src")" && pwd)"

# The jar a module's build left in its target/ directory (not sources/javadoc/tests jars), or nothing.
module_jar() {
    local jar
    for jar in "$here/$1"/target/*.jar; do
        case "$jar" in
            *-sources.jar | *-javadoc.jar | *-tests.jar | *"*"*) ;;
            *) printf '%s\n' "$jar"; return 0 ;;
        esac
    done
    return 0
}

# ./ws test: install the interop peers (when possible) and build and run every test.
if [[ "${1:-}" == test ]]; then
    shift
    "$here/scripts/install-peers"
    cd "$here"
    exec mvn -B install "$@"
fi

required=(api runtime impl-rfc6455 examples)
optional=(impl-hybi00)

missing=0
for m in "${required[@]}"; do
    [[ -n "$(module_jar "$m")" ]] || missing=1
done
if (( missing )); then
    if ! command -v mvn > /dev/null; then
        echo "ws: the project is not built and mvn is not on the PATH; build it with: mvn install -DskipTests" >&2
        exit 1
    fi
    echo "ws: building the project (mvn install, tests skipped)..." >&2
    (cd "$here" && mvn -q -B install -DskipTests) >&2
fi

module_path=""
for m in "${required[@]}" "${optional[@]}"; do
    jar="$(module_jar "$m")"
    if [[ -z "$jar" ]]; then
        for r in "${required[@]}"; do
            if [[ "$r" == "$m" ]]; then
                echo "ws: no jar in $m/target after building" >&2
                exit 1
            fi
        done
        continue
    fi
    module_path="${module_path:+$module_path:}$jar"
done

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java ${JAVA_OPTS:-} -p "$module_path" -m net.websocket.examples/net.websocket.examples.Main "$@"
