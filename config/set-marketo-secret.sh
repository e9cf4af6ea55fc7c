#!/usr/bin/env bash
# mktsync: puts one of Marketo's secrets into the credential store "mktsync"
# (config/create-credential-store.sh) of a stopped server, reading it from standard input so that it
# is in no command line, shell history or CLI history; it is never printed. The plugin reads it when
# it next deploys (docs/security.md, "Secrets").
#   config/set-marketo-secret.sh JBOSS_HOME ALIAS [SERVER_CONFIG] < file-with-the-secret
# ALIAS: marketo-client-secret (REST) or marketo-encryption-key (SOAP).
set -euo pipefail
JBOSS_HOME=${1:?usage: set-marketo-secret.sh JBOSS_HOME ALIAS [SERVER_CONFIG] < secret}
ALIAS=${2:?usage: set-marketo-secret.sh JBOSS_HOME ALIAS [SERVER_CONFIG] < secret}
CONFIG=${3:-standalone-full.xml}
case $ALIAS in
  marketo-client-secret | marketo-encryption-key) ;;
  *) echo "set-marketo-secret.sh: ALIAS is marketo-client-secret or marketo-encryption-key" >&2; exit 2 ;;
esac
IFS= read -r SECRET || true
[[ -n $SECRET ]] || { echo "set-marketo-secret.sh: no secret on standard input" >&2; exit 2; }
[[ $SECRET != *'"'* && $SECRET != *'\'* ]] || { echo "set-marketo-secret.sh: a secret with \" or \\ cannot be passed to the CLI" >&2; exit 2; }
SCRIPT=$(mktemp)
chmod 600 "$SCRIPT"
trap 'rm -f "$SCRIPT"' EXIT
cat >"$SCRIPT" <<CLI
embed-server --server-config=$CONFIG --std-out=discard --stability=community
try
  /subsystem=elytron/credential-store=mktsync:add-alias(alias=$ALIAS, secret-value="$SECRET")
catch
  /subsystem=elytron/credential-store=mktsync:set-secret(alias=$ALIAS, secret-value="$SECRET")
end-try
stop-embedded-server
CLI
"$JBOSS_HOME/bin/jboss-cli.sh" --file="$SCRIPT" >/dev/null
echo "set-marketo-secret.sh: $ALIAS set in the credential store mktsync of $CONFIG"
