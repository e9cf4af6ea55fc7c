#!/usr/bin/env bash
# mktsync: a self-signed TLS key pair for trying it out and for the tests, made with the JDK's keytool,
# unless it exists already:
#   DIR/mktsync-server.p12  the server's key store (alias mktsync, for localhost and 127.0.0.1), which
#                           config/configure-server.cli gives WildFly's HTTPS listener: JMS over TLS
#                           (port 8443) and the operations endpoint
#   DIR/mktsync-trust.p12   a trust store holding its certificate, for JMS clients (sender --trust-store)
#   DIR/mktsync-server.pem  the same certificate in PEM, for curl --cacert
#   config/create-tls.sh DIR [STORE_PASSWORD]
# An organisation uses its own key store instead (docs/security.md, "TLS"). The password defaults to
# the demo one, as the demo users' do; it is never printed.
set -euo pipefail
DIR=${1:?usage: create-tls.sh DIR [STORE_PASSWORD]}
export PASSWORD=${2:-${MKTSYNC_TLS_PASSWORD:-mktsync-tls-Pw1!}}
mkdir -p "$DIR"
KEYSTORE="$DIR/mktsync-server.p12"
if [[ -f $KEYSTORE ]]; then
  echo "create-tls.sh: $KEYSTORE exists, left as it is"
  exit 0
fi
keytool -genkeypair -alias mktsync -keyalg RSA -keysize 3072 -validity 825 -storetype PKCS12 \
  -keystore "$KEYSTORE" -storepass:env PASSWORD -dname "CN=localhost, O=mktsync self-signed demo" \
  -ext "SAN=dns:localhost,ip:127.0.0.1" >/dev/null 2>&1
keytool -exportcert -rfc -alias mktsync -keystore "$KEYSTORE" -storepass:env PASSWORD -file "$DIR/mktsync-server.pem" >/dev/null 2>&1
rm -f "$DIR/mktsync-trust.p12"
keytool -importcert -noprompt -alias mktsync -file "$DIR/mktsync-server.pem" -storetype PKCS12 \
  -keystore "$DIR/mktsync-trust.p12" -storepass:env PASSWORD >/dev/null 2>&1
echo "create-tls.sh: made $KEYSTORE, $DIR/mktsync-trust.p12 and $DIR/mktsync-server.pem"
