#!/usr/bin/env bash
# Starts the configured server. If MKTSYNC_JMS_USER and MKTSYNC_JMS_PASSWORD are set, that
# application user is (re)created first as a producer and subscriber, so remote JMS clients can log
# in; MKTSYNC_OPERATOR_USER and MKTSYNC_OPERATOR_PASSWORD likewise make an operator. No password or
# secret is echoed.
set -euo pipefail
if [[ -n "${MKTSYNC_JMS_USER:-}" && -n "${MKTSYNC_JMS_PASSWORD:-}" ]]; then
  bash "$JBOSS_HOME/bin/add-user.sh" -a -s -u "$MKTSYNC_JMS_USER" -p "$MKTSYNC_JMS_PASSWORD" -g mktsync-producer,mktsync-subscriber
fi
if [[ -n "${MKTSYNC_OPERATOR_USER:-}" && -n "${MKTSYNC_OPERATOR_PASSWORD:-}" ]]; then
  bash "$JBOSS_HOME/bin/add-user.sh" -a -s -u "$MKTSYNC_OPERATOR_USER" -p "$MKTSYNC_OPERATOR_PASSWORD" -g mktsync-operator
fi
# Marketo's secrets into the credential store mktsync from files (Docker secrets, for example
# /run/secrets/marketo-client-secret), never from an environment variable (docs/security.md, "Secrets").
if [[ -n "${MKTSYNC_MARKETO_REST_CLIENT_SECRET_FILE:-}" ]]; then
  bash /opt/set-marketo-secret.sh "$JBOSS_HOME" marketo-client-secret <"$MKTSYNC_MARKETO_REST_CLIENT_SECRET_FILE"
fi
if [[ -n "${MKTSYNC_MARKETO_SOAP_ENCRYPTION_KEY_FILE:-}" ]]; then
  bash /opt/set-marketo-secret.sh "$JBOSS_HOME" marketo-encryption-key <"$MKTSYNC_MARKETO_SOAP_ENCRYPTION_KEY_FILE"
fi
# A key store of this container's own for the HTTPS port, unless one is mounted at tls/mktsync-server.p12
# (its password in MKTSYNC_TLS_PASSWORD, docs/security.md, "TLS").
bash /opt/create-tls.sh "$JBOSS_HOME/standalone/configuration/tls"
exec bash "$JBOSS_HOME/bin/standalone.sh" -c standalone-full.xml --stability=community -b 0.0.0.0 -bmanagement 0.0.0.0 "$@"
