package dev.duplex.tck;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * Settings of the embedded Jetty 12.1 ee11 container, read by Arquillian from {@code arquillian.xml}
 * (element {@code <configuration>} of the container) through the setters.
 *
 * <p>Not thread-safe: Arquillian fills it in once, before {@link JettyEe11Container#setup}, and it is
 * only read afterwards.
 */
public final class JettyEe11Configuration implements ContainerConfiguration {

    /**
     * Container classpath entries whose META-INF and annotations Jetty scans for every web
     * application (Jetty's {@code org.eclipse.jetty.server.webapp.ContainerIncludeJarPattern}): the
     * Duplex jars (or their {@code target/classes} directories inside a reactor build) but not this
     * runner's, and the Jakarta WebSocket API jars. Comma-separated regular expressions matched
     * against the whole URI. The TCK jars must not match, or every test WAR would see every TCK
     * endpoint.
     *
     * <p>Initializer discovery does not depend on this pattern (Jetty uses {@link java.util.ServiceLoader}
     * on the web application's class loader); the pattern decides which container classes also reach
     * {@code @HandlesTypes}, so an initializer sees the matching classes of Duplex's own jars as well.
     */
    public static final String DEFAULT_CONTAINER_JAR_PATTERN = String.join(",",
            ".*/duplex-(?!tck-runner)[^/]*\\.jar$",
            ".*/(api-impl|servlet-bridge)/target/classes/?$",
            ".*/jakarta\\.websocket-(client-)?api-[^/]*\\.jar$");

    /**
     * Class name prefixes the web applications may not load from the container classpath, as in a
     * real server where only the WAR carries the test classes: the TCK (its classes are on the test
     * JVM's classpath too) and the test harness.
     */
    public static final String DEFAULT_HIDDEN_CLASSES =
            "com.sun.ts.,org.jboss.arquillian.,org.jboss.shrinkwrap.,org.junit.,org.opentest4j.";

    /**
     * Class name prefixes every web application loads from the container classpath (parent first),
     * so the container and the applications share one copy: Duplex itself and the Jakarta WebSocket
     * API (Jetty already treats every {@code jakarta.} class this way; it is named here so that the
     * rule does not hang on a Jetty default).
     */
    public static final String DEFAULT_PROTECTED_CLASSES = "dev.duplex.,jakarta.websocket.";

    private String bindAddress = "127.0.0.1";
    private int port;
    private String containerJarPattern = DEFAULT_CONTAINER_JAR_PATTERN;
    private String hiddenClasses = DEFAULT_HIDDEN_CLASSES;
    private String protectedClasses = DEFAULT_PROTECTED_CLASSES;
    private String workDirectory = "";

    @Override
    public void validate() throws ConfigurationException {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new ConfigurationException("bindAddress must name a host or an address, it is blank");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigurationException("port must be 0 (any free port) or 1..65535, it is " + port);
        }
        for (String regex : containerJarPattern.split(",")) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new ConfigurationException("containerJarPattern has an invalid regular expression '"
                        + regex + "': " + e.getDescription());
            }
        }
    }

    /** The address the HTTP connector binds to and the TCK connects to; default {@code 127.0.0.1}. */
    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress.trim();
    }

    /** The HTTP port; {@code 0} (the default) asks the system for a free one. */
    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    /** See {@link #DEFAULT_CONTAINER_JAR_PATTERN}. */
    public String getContainerJarPattern() {
        return containerJarPattern;
    }

    public void setContainerJarPattern(String containerJarPattern) {
        this.containerJarPattern = containerJarPattern.trim();
    }

    /** See {@link #DEFAULT_HIDDEN_CLASSES}; comma-separated. */
    public List<String> getHiddenClasses() {
        return split(hiddenClasses);
    }

    public void setHiddenClasses(String hiddenClasses) {
        this.hiddenClasses = hiddenClasses;
    }

    /** See {@link #DEFAULT_PROTECTED_CLASSES}; comma-separated. */
    public List<String> getProtectedClasses() {
        return split(protectedClasses);
    }

    public void setProtectedClasses(String protectedClasses) {
        this.protectedClasses = protectedClasses;
    }

    /**
     * Where the exported WARs and the web applications' temporary directories go; blank (the
     * default) means a fresh directory under {@code java.io.tmpdir}, deleted when the container stops.
     */
    public String getWorkDirectory() {
        return workDirectory;
    }

    public void setWorkDirectory(String workDirectory) {
        this.workDirectory = workDirectory == null ? "" : workDirectory.trim();
    }

    private static List<String> split(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
