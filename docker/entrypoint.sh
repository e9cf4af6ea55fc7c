#!/usr/bin/env bash
# Starts the configured server. If MKTSYNC_JMS_USER and MKTSYNC_JMS_PASSWORD are set, that
# application user is (re)created first, so remote JMS clients can log in; the password is not echoed.
set -euo pipefail
if [[ -n "${MKTSYNC_JMS_USER:-}" && -n "${MKTSYNC_JMS_PASSWORD:-}" ]]; then
  bash "$JBOSS_HOME/bin/add-user.sh" -a -s -u "$MKTSYNC_JMS_USER" -p "$MKTSYNC_JMS_PASSWORD" -g guest,mktsync-operator
fi
exec bash "$JBOSS_HOME/bin/standalone.sh" -c standalone-full.xml --stability=community -b 0.0.0.0 -bmanagement 0.0.0.0 "$@"
