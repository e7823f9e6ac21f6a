#!/usr/bin/env bash
# ws: run the net.websocket examples from a checkout.
#
#   ./ws serve [--host H] [--port N] [--cluster redis://H:P]
#                                           the example endpoints in the OSGi distribution (Felix, Gogo shell on
#                                           the console; default 127.0.0.1:8081); --cluster adds /topic/NAME,
#                                           shared by every server on that Redis
#   ./ws serve --jakarta [--host H] [--port N]
#                                           the Jakarta WebSocket echo endpoint at /jakarta-echo, on the module path
#   ./ws serve --plain [--host H] [--port N] [--tls]
#                                           the same endpoints on the plain module path, no framework; --tls
#                                           (which implies --plain) serves wss:// with a self-signed certificate
#                                           made at start-up, its SHA-256 fingerprint printed; --cluster
#                                           redis://H:P adds /topic/NAME, shared by every server on that Redis
#   ./ws serve --container jetty|tomcat|undertow [--host H] [--port N]
#                                           the same endpoints through the servlet upgrade (WebSocketServlet) in
#                                           that embedded container, beside a plain servlet at /hello (200 hello)
#   ./ws connect URL [options]              interactive client (--proxy http://HOST:PORT: through an HTTP proxy)
#   ./ws cat URL [--binary] [--proxy http://HOST:PORT]
#                                           stdin to a connection, its messages to stdout
#   ./ws test [mvn args]                    install interop peers, build, run every test, check a release build
#                                           and the baseline, soak and fuzz briefly
#   ./ws soak [--minutes N] [--png FILE]    the soak: the server under a mixed load of good and bad peers for N
#                                           minutes (default 90 s), judged by its invariants (docs/ROBUSTNESS.md)
#   ./ws help                               every command
#
# Builds the project first if a jar is missing (mvn install, tests skipped). './ws serve' runs the distribution's
# executable jar; everything else runs the examples module on the module path with only this project's jars.
# JAVA_OPTS is passed to java.
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
    mvn -B install "$@"
    # then the release build and the semantic-versioning baseline, tests skipped (scripts/release-check)
    "$here/scripts/release-check" "$@"
    # then the short soak (SOAK_SECONDS of mixed load, 120 by default; 0 skips it): when the bench module was just
    # built, bench/run is told not to build it again
    if [[ "${SOAK_SECONDS:-120}" != 0 ]]; then
        if [[ -d "$here/bench/target/lib" ]]; then
            touch "$here/bench/target/.built"
        fi
        "$here/bench/run" --soak --seconds "${SOAK_SECONDS:-120}"
    fi
    # then a bounded coverage-guided fuzzing run of every fuzz target (FUZZ_SECONDS each; 0 skips it)
    if [[ "${FUZZ_SECONDS:-4}" != 0 ]]; then
        exec "$here/scripts/fuzz" "${FUZZ_SECONDS:-4}"
    fi
    exit 0
fi

# ./ws soak: the soak harness of the bench module (which builds what it needs)
if [[ "${1:-}" == soak ]]; then
    shift
    exec "$here/bench/run" --soak "$@"
fi

# Builds the project (tests skipped), as the first run of a fresh checkout needs.
build() {
    if ! command -v mvn > /dev/null; then
        echo "ws: the project is not built and mvn is not on the PATH; build it with: mvn install -DskipTests" >&2
        exit 1
    fi
    echo "ws: building the project (mvn install, tests skipped)..." >&2
    (cd "$here" && mvn -q -B install -DskipTests) >&2
}

# ./ws serve --container NAME: the servlet-containers module's launcher, on the class path its build copied to
# target/lib (the containers are dependencies of that module only)
if [[ "${1:-}" == serve && " ${*:2} " == *" --container"* ]]; then
    shift
    lib="$here/servlet-containers/target/lib"
    launcher="$(module_jar servlet-containers)"
    if [[ -z "$launcher" || ! -d "$lib" ]]; then
        build
        launcher="$(module_jar servlet-containers)"
    fi
    if [[ -z "$launcher" || ! -d "$lib" ]]; then
        echo "ws: no servlet-containers/target jar and lib after building" >&2
        exit 1
    fi
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    exec java ${JAVA_OPTS:-} -cp "$launcher:$lib/*" net.websocket.servlet.containers.ContainerServer "$@"
fi

# ./ws serve (without --plain): the OSGi distribution in the foreground, the Gogo shell on the console. It keeps
# serving when standard input is closed; Ctrl-C or SIGTERM stop it gracefully (connections get 1001).
if [[ "${1:-}" == serve ]]; then
    plain=0
    for arg in "${@:2}"; do
        # --tls (a self-signed certificate made at start-up) is served by the module-path server
        [[ "$arg" == --plain ]] && plain=1
        [[ "$arg" == --tls ]] && plain=2
        # --jakarta (the Jakarta WebSocket echo at /jakarta-echo) is served from the module path as well
        [[ "$arg" == --jakarta ]] && plain=1
    done
    if (( plain == 2 )) && [[ " ${*:2} " != *" --plain "* ]]; then
        echo "ws serve: --tls serves from the plain module path (as --plain: no OSGi framework, no Gogo shell);" \
            "in OSGi a server serves wss:// when its configuration names a keyStore" >&2
    fi
    if (( ! plain )); then
        usage="usage: ws serve [--plain] [--host H] [--port N] [--cluster redis://H:P]   (default 127.0.0.1:8081; port 0 = any)"
        props=()
        shift
        while (( $# )); do
            case "$1" in
                --port | --host | --cluster)
                    if (( $# < 2 )); then
                        echo "ws serve: $1 needs a value" >&2; echo "$usage" >&2; exit 2
                    fi
                    opt="${1#--}"; val="$2"; shift 2 ;;
                --port=* | --host=* | --cluster=*)
                    opt="${1%%=*}"; opt="${opt#--}"; val="${1#*=}"; shift ;;
                -h | --help)
                    echo "$usage"; exit 0 ;;
                *)
                    echo "ws serve: unknown argument '$1'" >&2; echo "$usage" >&2; exit 2 ;;
            esac
            if [[ "$opt" == port && ! ( "$val" =~ ^[0-9]+$ && "$val" -le 65535 ) ]]; then
                echo "ws serve: --port must be a number from 0 to 65535, not '$val'" >&2; exit 2
            fi
            props+=("-Dwebsocket.$opt=$val")
        done
        dist="$here/distribution/target/net.websocket.distribution.jar"
        [[ -f "$dist" ]] || build
        if [[ ! -f "$dist" ]]; then
            echo "ws: no $dist after building" >&2
            exit 1
        fi
        # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
        exec java ${JAVA_OPTS:-} "${props[@]}" -jar "$dist"
    fi
    # --plain: the module-path server, without the flag
    args=()
    for arg in "${@:2}"; do
        [[ "$arg" == --plain ]] || args+=("$arg")
    done
    set -- serve "${args[@]}"
fi

required=(api runtime impl-rfc6455 examples)
optional=(impl-hybi00 impl-deflate)

missing=0
for m in "${required[@]}"; do
    [[ -n "$(module_jar "$m")" ]] || missing=1
done
if (( missing )); then
    build
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

# ./ws serve --jakarta: the Jakarta container and the Jakarta WebSocket API jars join the module path
extra=()
if [[ "${1:-}" == serve && " ${*:2} " == *" --jakarta "* ]]; then
    jakarta="$(module_jar jakarta)"
    if [[ -z "$jakarta" || ! -d "$here/jakarta/target/api" ]]; then
        build
        jakarta="$(module_jar jakarta)"
    fi
    for jar in "$jakarta" "$here"/jakarta/target/api/*.jar; do
        module_path="$module_path:$jar"
    done
    extra=(--add-modules net.websocket.jakarta)
fi

# serve --cluster: the cluster module and its Redis client (cluster/target/lib) on the module path as well
if [[ "${1:-}" == serve && " ${*:2} " == *" --cluster "* ]]; then
    jar="$(module_jar cluster)"
    if [[ -z "$jar" || ! -d "$here/cluster/target/lib" ]]; then
        build
        jar="$(module_jar cluster)"
    fi
    module_path="$module_path:$jar"
    for lib in "$here"/cluster/target/lib/*.jar; do
        module_path="$module_path:$lib"
    done
    extra=(--add-modules ALL-MODULE-PATH)
fi

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java ${JAVA_OPTS:-} -p "$module_path" "${extra[@]}" -m net.websocket.examples/net.websocket.examples.Main "$@"
