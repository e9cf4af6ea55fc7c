package io.mktsync.it;

import io.mktsync.sender.SyncClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The build's demo TLS trust store (config/create-tls.sh), as a JMS client and an operator's HTTPS client use it. */
public final class Tls {

    public static final Path TRUST_STORE = Path.of(System.getProperty("jboss.home", "target/wildfly"),
            "standalone", "configuration", "tls", "mktsync-trust.p12");
    public static final String PASSWORD = System.getProperty("mktsync.tls-password", "mktsync-tls-Pw1!");

    private Tls() {
    }

    /** JMS over TLS to the server's HTTPS port. */
    public static String jmsUrl() {
        return SyncClient.tlsUrl(SyncClient.DEFAULT_TLS_ADDRESS, TRUST_STORE, PASSWORD);
    }

    /** Trusts the server's certificate, and nothing else. */
    public static SSLContext sslContext() {
        try (InputStream in = Files.newInputStream(TRUST_STORE)) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(in, PASSWORD.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("trust store " + TRUST_STORE + ": " + e, e);
        }
    }
}
