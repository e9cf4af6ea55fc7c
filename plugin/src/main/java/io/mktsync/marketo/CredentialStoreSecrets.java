package io.mktsync.marketo;

import io.smallrye.config.SecretKeysHandler;
import java.util.logging.Logger;
import org.jboss.as.server.CurrentServiceContainer;
import org.jboss.msc.service.ServiceController;
import org.jboss.msc.service.ServiceName;
import org.wildfly.security.credential.PasswordCredential;
import org.wildfly.security.credential.store.CredentialStore;
import org.wildfly.security.credential.store.CredentialStoreException;
import org.wildfly.security.password.interfaces.ClearPassword;

/**
 * Resolves {@code ${credential-store::<store>/<alias>}} in MicroProfile Config from an Elytron
 * credential store of the server, so that Marketo's secrets are never in the server's XML, a
 * system property or an environment variable (docs/security.md, "Secrets"). WildFly has no config
 * source backed by a credential store, and its {@code ${ENC::...}} expressions are not resolved in
 * MicroProfile Config sources, hence this handler. An alias the store lacks reads as unset (the
 * plugin then reports the key missing); messages name the store and alias, never a value.
 */
public class CredentialStoreSecrets implements SecretKeysHandler {

    private static final Logger LOG = Logger.getLogger(CredentialStoreSecrets.class.getName());
    private static final ServiceName CREDENTIAL_STORES = ServiceName.of("org", "wildfly", "security", "credential-store");

    @Override
    public String getName() {
        return "credential-store";
    }

    @Override
    public String decode(String reference) {
        int slash = reference.indexOf('/');
        if (slash <= 0 || slash == reference.length() - 1) {
            throw new IllegalArgumentException("expected ${credential-store::<store>/<alias>}, got a reference without both");
        }
        String store = reference.substring(0, slash);
        String alias = reference.substring(slash + 1);
        ServiceController<?> service = CurrentServiceContainer.getServiceContainer().getService(CREDENTIAL_STORES.append(store));
        if (service == null) {
            throw new IllegalStateException("no Elytron credential store named " + store + " (config/configure-server.cli adds it)");
        }
        try {
            PasswordCredential credential = ((CredentialStore) service.getValue()).retrieve(alias, PasswordCredential.class);
            if (credential == null) {
                LOG.warning("credential store " + store + " has no alias " + alias + "; the key that names it reads as unset");
                return "";
            }
            return new String(credential.getPassword().castAndApply(ClearPassword.class, ClearPassword::getPassword));
        } catch (CredentialStoreException e) {
            // Elytron's messages name the store and alias only.
            throw new IllegalStateException("cannot read alias " + alias + " from credential store " + store + ": " + e.getMessage());
        }
    }
}
