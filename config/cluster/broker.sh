#!/usr/bin/env bash
# mktsync: a replicated pair of ActiveMQ Artemis brokers outside WildFly (live + backup, replication
# HA), on this one machine, for two WildFly nodes to share (config/cluster/use-remote-broker.cli).
# The broker survives the loss of its live server: the backup holds a copy of the journal and takes
# over; clients with ha=true and reconnect-attempts=-1 fail over to it.
#
#   config/cluster/broker.sh [-d DIR] create              both instances, unless they exist
#   config/cluster/broker.sh [-d DIR] start [live|backup|all]   (all: live, then backup, each waited for)
#   config/cluster/broker.sh [-d DIR] stop  [live|backup|all]   graceful (SIGTERM), -9 after 30 s
#   config/cluster/broker.sh [-d DIR] kill  live|backup   kill -9: a crash, to see the other take over
#   config/cluster/broker.sh [-d DIR] wait  live|backup active|synced [SECONDS]
#   config/cluster/broker.sh [-d DIR] status
#
# DIR (default server/target/cluster) holds the instances live/ and backup/. The distribution comes
# from every `mvn package` (server/target/apache-artemis-2.40.0) or $ARTEMIS_HOME. Idempotent:
# create leaves an existing instance as it is (its broker.xml may carry an operator's changes), start
# leaves a running broker running. Users, from the environment (defaults for trying it out only):
#   MKTSYNC_BROKER_USER / MKTSYNC_BROKER_PASSWORD   the WildFly nodes (role amq: everything)
#   MKTSYNC_JMS_USER / MKTSYNC_JMS_PASSWORD         remote JMS clients such as sender/ (roles
#                                                   mktsync-producer, mktsync-subscriber)
#   MKTSYNC_OPERATOR_USER / MKTSYNC_OPERATOR_PASSWORD an operator (role mktsync-operator)
# The roles are config/configure-server.cli's, on the same addresses (docs/security.md).
#   MKTSYNC_CLUSTER_USER / MKTSYNC_CLUSTER_PASSWORD the replication link between the two brokers
# After a failover, with both stopped, start first the one that was active last: it has the newer
# journal (a live started alone does not know that its backup went on without it).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DIR="$ROOT/server/target/cluster"
if [[ ${1:-} == -d ]]; then
  DIR=$2
  shift 2
fi
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
ARTEMIS_HOME=${ARTEMIS_HOME:-$ROOT/server/target/apache-artemis-2.40.0}

# Ports: live 61616, backup 61716 (--port-offset 100), all protocols on that one acceptor. Away from
# WildFly's 8080/8443/9990/9993 and their +100/+200 offsets for two nodes. No web console (8161).
LIVE_PORT=61616
BACKUP_OFFSET=100
BACKUP_PORT=$((LIVE_PORT + BACKUP_OFFSET))

NODE_USER=${MKTSYNC_BROKER_USER:-mktsync-node}
NODE_PASSWORD=${MKTSYNC_BROKER_PASSWORD:-mktsync-node-Pw1!}
CLIENT_USER=${MKTSYNC_JMS_USER:-mktsync}
CLIENT_PASSWORD=${MKTSYNC_JMS_PASSWORD:-mktsync-Pw1!}
OPERATOR_USER=${MKTSYNC_OPERATOR_USER:-mktsync-ops}
OPERATOR_PASSWORD=${MKTSYNC_OPERATOR_PASSWORD:-mktsync-ops-Pw1!}
CLUSTER_USER=${MKTSYNC_CLUSTER_USER:-mktsync-cluster}
CLUSTER_PASSWORD=${MKTSYNC_CLUSTER_PASSWORD:-mktsync-cluster-Pw1!}

die() { echo "broker.sh: $*" >&2; exit 1; }
node_ok() { [[ $1 == live || $1 == backup ]] || die "no node '$1' (live or backup)"; }
pid_of() { cat "$DIR/$1/data/broker.pid" 2>/dev/null || true; }
# Alive and not a zombie (a killed broker whose parent shell is gone may linger as one for a while).
running() {
  local p s
  p=$(pid_of "$1")
  [[ -n $p ]] && s=$(ps -o stat= -p "$p" 2>/dev/null) && [[ $s != Z* ]]
}

create_one() {
  local node=$1 inst="$DIR/$1"
  if [[ -f $inst/etc/broker.xml ]]; then
    echo "$node: $inst exists, left as it is"
    return
  fi
  [[ -x $ARTEMIS_HOME/bin/artemis ]] || die "no Artemis at $ARTEMIS_HOME: run 'mvn -B -pl server package' or set ARTEMIS_HOME"
  local role_args=() peer
  if [[ $node == live ]]; then
    peer=tcp://127.0.0.1:$BACKUP_PORT
  else
    role_args=(--backup --port-offset "$BACKUP_OFFSET")
    peer=tcp://127.0.0.1:$LIVE_PORT
  fi
  # --replicated: shared-nothing HA, the backup keeps its own copy of the journal (no shared disk).
  # --staticCluster: the pair finds each other by address, not by UDP multicast discovery.
  # --no-autotune: no disk benchmark at create time; the default journal-buffer-timeout serves.
  # --require-login: no anonymous access. Only the multi-protocol acceptor 'artemis', no web console.
  # (--failover-on-shutdown applies to shared store only: with replication the backup takes over
  # when the live is stopped gracefully too.)
  "$ARTEMIS_HOME/bin/artemis" create "$inst" --silent --name "$node" --host 127.0.0.1 \
    --replicated "${role_args[@]}" --staticCluster "$peer" \
    --cluster-user "$CLUSTER_USER" --cluster-password "$CLUSTER_PASSWORD" \
    --user "$NODE_USER" --password "$NODE_PASSWORD" --role amq --require-login \
    --nio --no-autotune --java-memory 512M --no-web \
    --no-amqp-acceptor --no-stomp-acceptor --no-hornetq-acceptor --no-mqtt-acceptor >/dev/null
  mktsync_settings "$inst/etc/broker.xml" "$node"
  # The remote clients' user and the operator, their passwords hashed as create does for its own user.
  add_user "$inst" "$CLIENT_USER" "$CLIENT_PASSWORD" mktsync-producer mktsync-subscriber
  add_user "$inst" "$OPERATOR_USER" "$OPERATOR_PASSWORD" mktsync-operator
  echo "$node: created $inst (port $([[ $node == live ]] && echo $LIVE_PORT || echo $BACKUP_PORT))"
}

add_user() {
  local inst=$1 user=$2 password=$3 role hash
  shift 3
  hash=$("$ARTEMIS_HOME/bin/artemis" mask --hash "$password" | sed -n 's/^result: //p')
  [[ -n $hash ]] || die "could not hash the password of $user"
  append_line "$inst/etc/artemis-users.properties" "$user = ENC($hash)"
  for role in "$@"; do
    append_line "$inst/etc/artemis-roles.properties" "$role = $user"
  done
}

# One <security-setting>: role amq (the WildFly nodes) may do everything; each further argument
# "role:permission,permission" grants a role those permissions.
security_setting() {
  local match=$1 p grant roles
  shift
  printf '         <security-setting match="%s">\n' "$match"
  for p in createNonDurableQueue deleteNonDurableQueue createDurableQueue deleteDurableQueue createAddress \
    deleteAddress consume browse send manage; do
    roles=amq
    for grant in "$@"; do
      [[ ",${grant#*:}," == *",$p,"* ]] && roles+=",${grant%%:*}"
    done
    printf '            <permission type="%s" roles="%s"/>\n' "$p" "$roles"
  done
  printf '         </security-setting>\n'
}

# The least-privilege roles of config/configure-server.cli. The most specific match applies alone;
# "#" gives producers their temporary reply queues, whose names are random.
security_settings() {
  local operator=mktsync-operator:consume,browse,send
  echo '<security-settings>'
  security_setting '#' mktsync-producer:createNonDurableQueue,deleteNonDurableQueue,createAddress,consume,browse
  security_setting jms.queue.SyncRequests mktsync-producer:send mktsync-operator:send
  security_setting jms.topic.SyncReplies \
    mktsync-subscriber:createNonDurableQueue,deleteNonDurableQueue,createDurableQueue,deleteDurableQueue,consume,browse
  security_setting jms.queue.SyncRequestsParked "$operator"
  security_setting jms.queue.DLQ "$operator"
  security_setting jms.queue.ExpiryQueue "$operator"
  echo '      </security-settings>'
}

# create writes these files without a final newline.
append_line() {
  [[ ! -s $1 || -z $(tail -c 1 "$1") ]] || echo >>"$1"
  echo "$2" >>"$1"
}

# The addresses and settings of config/configure-server.cli's embedded broker, with the same names:
# WildFly's jms-queue/jms-topic (and external-jms-queue/-topic, enable-amq1-prefix) address
# jms.queue.X / jms.topic.X, and remote clients use enable1xPrefixes=true.
mktsync_settings() {
  local xml=$1 node=$2
  XML_NODE=$node XML_SECURITY=$(security_settings) perl -0pi -e '
    # Dead letters and expired messages to the prefixed queues, as in WildFly.
    s#<dead-letter-address>DLQ</#<dead-letter-address>jms.queue.DLQ</#g;
    s#<expiry-address>ExpiryQueue</#<expiry-address>jms.queue.ExpiryQueue</#g;
    # Duplicate detection (_AMQ_DUPL_ID on replies and parked copies): on by default; said here,
    # with the cache persisted (and so replicated), so that a repeat after failover is refused too.
    s#(\s*<persistence-enabled>true</persistence-enabled>)#$1\n\n      <id-cache-size>20000</id-cache-size>\n      <persist-id-cache>true</persist-id-cache>#;
    s#<security-settings>.*?</security-settings>#$ENV{XML_SECURITY}#s;
    # The intake queue: a rolled-back request comes again after 2 s, 4 s, 8 s ... up to 60 s, ten times
    # in all, then goes to jms.queue.DLQ.
    s#(\s*</address-settings>)#
         <address-setting match="jms.queue.SyncRequests">
            <dead-letter-address>jms.queue.DLQ</dead-letter-address>
            <expiry-address>jms.queue.ExpiryQueue</expiry-address>
            <redelivery-delay>2000</redelivery-delay>
            <redelivery-delay-multiplier>2.0</redelivery-delay-multiplier>
            <max-redelivery-delay>60000</max-redelivery-delay>
            <max-delivery-attempts>10</max-delivery-attempts>
         </address-setting>$1#;
    s#<addresses>.*?</addresses>#<addresses>
         <address name="jms.queue.SyncRequests"><anycast><queue name="jms.queue.SyncRequests"/></anycast></address>
         <address name="jms.queue.SyncRequestsParked"><anycast><queue name="jms.queue.SyncRequestsParked"/></anycast></address>
         <address name="jms.topic.SyncReplies"><multicast/></address>
         <address name="jms.queue.DLQ"><anycast><queue name="jms.queue.DLQ"/></anycast></address>
         <address name="jms.queue.ExpiryQueue"><anycast><queue name="jms.queue.ExpiryQueue"/></anycast></address>
      </addresses>#s;
    # A restarted live first looks for a server active with its node id (the backup that took over)
    # and comes back as its backup, then takes over again (failback), instead of starting with a stale
    # journal beside it. No quorum vote on the live: a pair has no third voter, and the live should
    # keep serving when its backup goes.
    s#<primary>.*?</primary>#<primary>
               <check-for-active-server>true</check-for-active-server>
               <vote-on-replication-failure>false</vote-on-replication-failure>
            </primary>#s;
    s#<backup/>#<backup>
               <allow-failback>true</allow-failback>
            </backup>#;
  ' "$xml"
  grep -q 'jms.queue.SyncRequests' "$xml" || die "$xml: the mktsync settings did not apply"
}

start_one() {
  local node=$1 inst="$DIR/$1"
  [[ -f $inst/etc/broker.xml ]] || die "$node: no instance in $inst (run create first)"
  if running "$node"; then
    echo "$node: running already (pid $(pid_of "$node"))"
    return
  fi
  mkdir -p "$inst/log" "$inst/data"
  # Where this run's log begins, so that 'wait' reads only what this run wrote.
  stat -c %s "$inst/log/artemis.log" 2>/dev/null >"$inst/log/.start-offset" || echo 0 >"$inst/log/.start-offset"
  # bin/artemis execs java, so $! is the broker's own pid (kill -9 hits the broker, not a wrapper).
  nohup "$inst/bin/artemis" run >>"$inst/log/console.out" 2>&1 </dev/null &
  echo $! >"$inst/data/broker.pid"
  echo "$node: started (pid $!), log $inst/log/artemis.log"
}

stop_one() {
  local node=$1 p
  p=$(pid_of "$node")
  if ! running "$node"; then
    echo "$node: not running"
    return
  fi
  kill -TERM "$p"
  for _ in $(seq 30); do
    running "$node" || { echo "$node: stopped"; return; }
    sleep 1
  done
  kill -9 "$p" 2>/dev/null || true
  echo "$node: did not stop in 30 s, killed"
}

kill_one() {
  local node=$1 p
  p=$(pid_of "$node")
  running "$node" || { echo "$node: not running"; return; }
  kill -9 "$p"
  echo "$node: killed (kill -9 $p) at $(date +%T.%3N)"
  # Gone before we return, so that a 'start' right after it starts a new broker.
  for _ in $(seq 50); do running "$node" || return 0; sleep 0.2; done
}

# A node's state is its log's last state line since it started: AMQ221007 "Server is now active"
# (a live started, or a backup took over, or a live took back), AMQ221109 (a backup started and waits),
# AMQ221024 (a backup holds a full copy of the live's journal and can take over).
state_of() {
  local inst="$DIR/$1" from line
  from=$(cat "$inst/log/.start-offset" 2>/dev/null || echo 0)
  line=$(tail -c +"$((from + 1))" "$inst/log/artemis.log" 2>/dev/null | grep -E 'AMQ221007|AMQ221109|AMQ221024' | tail -1)
  case $line in
    *AMQ221007*) echo active ;;
    *AMQ221024*) echo synced ;;
    *AMQ221109*) echo backup ;;
    *) echo starting ;;
  esac
}

wait_for() {
  local node=$1 what=$2 timeout=${3:-120} inst="$DIR/$1"
  [[ $what == active || $what == synced ]] || die "wait for 'active' or 'synced', not '$what'"
  for _ in $(seq "$((timeout * 5))"); do
    if [[ $(state_of "$node") == "$what" ]]; then
      echo "$node: $what ($(date +%T.%3N))"
      return
    fi
    running "$node" || die "$node: not running (see $inst/log/artemis.log)"
    sleep 0.2
  done
  die "$node: not $what after $timeout s (see $inst/log/artemis.log)"
}

status() {
  for node in live backup; do
    if running "$node"; then
      echo "$node: running (pid $(pid_of "$node")), $(state_of "$node")"
    elif [[ -d $DIR/$node ]]; then
      echo "$node: stopped"
    else
      echo "$node: not created"
    fi
  done
}

cmd=${1:-}
shift || true
case $cmd in
  create) create_one live; create_one backup ;;
  start)
    case ${1:-all} in
      all) start_one live; wait_for live active; start_one backup; wait_for backup synced ;;
      *) node_ok "$1"; start_one "$1" ;;
    esac ;;
  stop)
    case ${1:-all} in
      all) stop_one backup; stop_one live ;;
      *) node_ok "$1"; stop_one "$1" ;;
    esac ;;
  kill) node_ok "${1:-}"; kill_one "$1" ;;
  wait) node_ok "${1:-}"; wait_for "$1" "${2:-active}" "${3:-120}" ;;
  status) status ;;
  *) sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
