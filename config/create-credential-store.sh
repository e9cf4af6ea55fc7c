#!/usr/bin/env bash
# mktsync: the Elytron credential store "mktsync" that Marketo's secrets are read from
# (docs/security.md, "Secrets"), added to a server configuration unless it has one already:
#   <config dir>/mktsync-key.cs         secret-key-credential-store "mktsync-key": the key that
#                                       encrypts the store's password in the XML (resolver "mktsync"
#                                       of expression=encryption, written ${ENC::mktsync:...})
#   <config dir>/mktsync-secrets.p12    credential-store "mktsync", with a random password that is
#                                       printed nowhere
# and the config source that names its aliases (config/configure-server.cli). The aliases are added
# with the CLI docs/security.md shows (config/use-simulator.cli adds the simulator's).
#   config/create-credential-store.sh JBOSS_HOME [SERVER_CONFIG]
set -euo pipefail
JBOSS_HOME=${1:?usage: create-credential-store.sh JBOSS_HOME [SERVER_CONFIG]}
CONFIG=${2:-standalone-full.xml}
SCRIPT=$(mktemp)
chmod 600 "$SCRIPT"
trap 'rm -f "$SCRIPT"' EXIT

cli() {
  { echo "embed-server --server-config=$CONFIG --std-out=discard --stability=community"; cat; echo stop-embedded-server; } >"$SCRIPT"
  "$JBOSS_HOME/bin/jboss-cli.sh" --file="$SCRIPT"
}

PASSWORD=$(head -c 32 /dev/urandom | base64 | tr -d '=+/\n')
OUT=$(cli <<CLI
if (outcome != success) of /subsystem=elytron/secret-key-credential-store=mktsync-key:read-resource
  /subsystem=elytron/secret-key-credential-store=mktsync-key:add(path=mktsync-key.cs, relative-to=jboss.server.config.dir, create=true, populate=true)
end-if
if (outcome != success) of /subsystem=elytron/expression=encryption:read-resource
  /subsystem=elytron/expression=encryption:add(resolvers=[{name=mktsync, credential-store=mktsync-key, secret-key=key}])
end-if
if (outcome == success) of /subsystem=elytron/credential-store=mktsync:read-resource
  echo mktsync-store-present
else
  /subsystem=elytron/expression=encryption:create-expression(resolver=mktsync, clear-text="$PASSWORD")
end-if
CLI
)
if [[ $OUT == *mktsync-store-present* ]]; then
  echo "create-credential-store.sh: $CONFIG has the credential store mktsync, left as it is"
  exit 0
fi
EXPRESSION=$(grep -o '\${ENC::mktsync:[^}]*}' <<<"$OUT") || { echo "create-credential-store.sh: no encrypted password in the CLI's answer" >&2; exit 1; }
cli >/dev/null <<CLI
/subsystem=elytron/credential-store=mktsync:add(path=mktsync-secrets.p12, relative-to=jboss.server.config.dir, create=true, credential-reference={clear-text="$EXPRESSION"})
CLI
echo "create-credential-store.sh: added the credential store mktsync to $CONFIG"
