#!/usr/bin/env bash
# mktsync: the cluster on this one machine, after `mvn package`: the replicated broker pair
# (broker.sh), the Marketo simulator on WildFly's own ports, and two plugin nodes on
# standalone-full-cluster.xml, node1 on ports +100 (readiness http://127.0.0.1:10090/health/ready),
# node2 on +200 (10190), sharing one PostgreSQL that must be running already, with the database
# created: MKTSYNC_DB_HOST, _PORT, _NAME, _USER and MKTSYNC_DB_PASSWORD (required), as for
# standalone-full-postgresql.xml. The failsafe execution "cluster" starts the same topology.
#
#   config/cluster/cluster.sh start    broker pair, simulator, node1, node2, each waited for
#   config/cluster/cluster.sh stop     all of them, gracefully
#   config/cluster/cluster.sh status
#
# Each server has its own base folder under server/target/cluster-local (made once from the build's
# configuration, then kept: logs in <name>/log). Remote JMS clients connect to the broker pair:
# (tcp://127.0.0.1:61616,tcp://127.0.0.1:61716)?ha=true&reconnectAttempts=-1&enable1xPrefixes=true
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TARGET=$ROOT/server/target
JBOSS_HOME=${JBOSS_HOME:-$TARGET/wildfly-39.0.1.Final}
DIR=$TARGET/cluster-local
# name:port offset:configuration:what is deployed (the WAR last)
SERVERS=(simulator:0:standalone-full.xml:h2.jar,simulator.war
  node1:100:standalone-full-cluster.xml:h2.jar,postgresql.jar,mktsync.war
  node2:200:standalone-full-cluster.xml:h2.jar,postgresql.jar,mktsync.war)

die() { echo "cluster.sh: $*" >&2; exit 1; }
pid_of() { cat "$DIR/$1/server.pid" 2>/dev/null || true; }
running() { local p; p=$(pid_of "$1"); [[ -n $p ]] && kill -0 "$p" 2>/dev/null; }

# A base folder of its own: the configuration as the build left it (before any test deployed into
# it), and its deployments in its own content repository: the JDBC drivers the configuration names
# (their content may be gone from the installation's, which a long run on standalone-full.xml prunes
# of what it does not name) and the WAR.
start_one() {
  local name=$1 offset=$2 config=$3 deploy=$4 base="$DIR/$1" war=${4##*,} commands d
  if running "$name"; then
    echo "$name: running already (pid $(pid_of "$name"))"
    return
  fi
  if [[ ! -d $base ]]; then
    [[ -d $TARGET/node-configuration ]] || die "no $TARGET/node-configuration: run 'mvn -B package -DskipTests' first"
    mkdir -p "$base"
    cp -a "$TARGET/node-configuration" "$base/configuration"
    commands="embed-server --server-config=$config --std-out=discard --stability=community"
    for d in ${deploy//,/ }; do commands+=",deploy --force $TARGET/deployments/$d --name=$d"; done
    JAVA_OPTS="-Djboss.server.base.dir=$base" "$JBOSS_HOME/bin/jboss-cli.sh" --commands="$commands,stop-embedded-server" \
      >"$base/cli.log" 2>&1 || die "$name: could not deploy into $base (see $base/cli.log)"
  fi
  # LAUNCH_JBOSS_IN_BACKGROUND: standalone.sh passes SIGTERM on to the server, whose pid it writes.
  JBOSS_HOME=$JBOSS_HOME LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$base/server.pid" \
    nohup "$JBOSS_HOME/bin/standalone.sh" -c "$config" --stability=community -Djboss.server.base.dir="$base" \
    -Djboss.socket.binding.port-offset="$offset" -Djboss.node.name="$name" -Djboss.tx.node.id="$name" \
    >>"$base/console.log" 2>&1 </dev/null &
  local ready=http://127.0.0.1:$((9990 + offset))/health/ready
  for _ in $(seq 360); do
    # UP, and with the WAR deployed: while it is still deploying, UP says nothing about it.
    if curl -sf "$ready" | grep '^{"status":"UP"' | grep -q "\"$war\":\"OK\""; then
      echo "$name: ready ($ready)"
      return
    fi
    sleep 0.5
  done
  die "$name: not ready after 180 s (see $base/log/server.log)"
}

stop_one() {
  local name=$1 p
  p=$(pid_of "$name")
  running "$name" || { echo "$name: not running"; return; }
  kill -TERM "$p"
  while kill -0 "$p" 2>/dev/null; do sleep 0.5; done
  echo "$name: stopped"
}

case ${1:-} in
  start)
    [[ -n ${MKTSYNC_DB_PASSWORD:-} ]] || die "MKTSYNC_DB_PASSWORD is required (the nodes' PostgreSQL)"
    "$ROOT/config/cluster/broker.sh" create
    "$ROOT/config/cluster/broker.sh" start all
    for s in "${SERVERS[@]}"; do IFS=: read -r name offset config deploy <<<"$s"; start_one "$name" "$offset" "$config" "$deploy"; done ;;
  stop)
    for ((i = ${#SERVERS[@]} - 1; i >= 0; i--)); do stop_one "${SERVERS[i]%%:*}"; done
    "$ROOT/config/cluster/broker.sh" stop all ;;
  status)
    for s in "${SERVERS[@]}"; do
      name=${s%%:*}
      if running "$name"; then echo "$name: running (pid $(pid_of "$name"))"; else echo "$name: stopped"; fi
    done
    "$ROOT/config/cluster/broker.sh" status ;;
  *) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
