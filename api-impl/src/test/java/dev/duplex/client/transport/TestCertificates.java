package dev.duplex.client.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate made for a test run, in a temporary PKCS12 key store. The JDK has no
 * public API that creates certificates, so this runs the JDK's own {@code keytool}; nothing is
 * committed to the repository. Public for the client container's tests in {@code dev.duplex.client}.
 */
public final class TestCertificates {
    /** The password of the trust stores {@link #writeTrustStore} writes. */
    public static final String TRUST_STORE_PASSWORD = "test-trust";
    private static final char[] PASSWORD = "test-only".toCharArray();

    private final KeyStore keyStore;
    private final Certificate certificate;

    private TestCertificates(KeyStore keyStore, Certificate certificate) {
        this.keyStore = keyStore;
        this.certificate = certificate;
    }

    /**
     * Creates a key pair and a certificate for {@code commonName} with the given subject
     * alternative names, e.g. {@code ip:127.0.0.1} or {@code dns:other.test}.
     */
    public static TestCertificates create(Path directory, String alias, String commonName,
            String subjectAlternativeNames)
            throws IOException, InterruptedException, GeneralSecurityException {
        Path store = directory.resolve(alias + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + commonName, "-ext", "SAN=" + subjectAlternativeNames,
                "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD);
        }
        return new TestCertificates(keyStore, keyStore.getCertificate(alias));
    }

    /** A server context presenting this certificate. */
    public SSLContext serverContext() throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** A client context trusting this certificate, and nothing else. */
    public SSLContext trustingContext() throws GeneralSecurityException, IOException {
        KeyStore trusted = trustStore();
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /**
     * Writes a PKCS12 trust store holding only this certificate, protected by {@link #TRUST_STORE_PASSWORD},
     * for a JVM that reads it through {@code javax.net.ssl.trustStore}.
     */
    public Path writeTrustStore(Path file) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            trustStore().store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
        return file;
    }

    private KeyStore trustStore() throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", certificate);
        return trusted;
    }
}
