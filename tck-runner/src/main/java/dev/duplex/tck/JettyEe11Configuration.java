package dev.duplex.tck;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jboss.arquillian.container.spi.ConfigurationException;

/**
 * Settings of the embedded Jetty 12.1 ee11 container, read by Arquillian from {@code arquillian.xml}
 * (element {@code <configuration>} of the container) through the setters.
 *
 * <p>Not thread-safe: Arquillian fills it in once, before {@link JettyEe11Container#setup}, and it is
 * only read afterwards.
 */
public final class JettyEe11Configuration extends ServerConfiguration {

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
     * Class name prefixes every web application loads from the container classpath (parent first),
     * so the container and the applications share one copy: Duplex itself and the Jakarta WebSocket
     * API (Jetty already treats every {@code jakarta.} class this way; it is named here so that the
     * rule does not hang on a Jetty default).
     */
    public static final String DEFAULT_PROTECTED_CLASSES = "dev.duplex.,jakarta.websocket.";

    private String containerJarPattern = DEFAULT_CONTAINER_JAR_PATTERN;
    private String protectedClasses = DEFAULT_PROTECTED_CLASSES;

    @Override
    public void validate() throws ConfigurationException {
        super.validate();
        for (String regex : containerJarPattern.split(",")) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new ConfigurationException("containerJarPattern has an invalid regular expression '"
                        + regex + "': " + e.getDescription());
            }
        }
    }

    /** See {@link #DEFAULT_CONTAINER_JAR_PATTERN}. */
    public String getContainerJarPattern() {
        return containerJarPattern;
    }

    public void setContainerJarPattern(String containerJarPattern) {
        this.containerJarPattern = containerJarPattern.trim();
    }

    /** See {@link #DEFAULT_PROTECTED_CLASSES}; comma-separated. */
    public List<String> getProtectedClasses() {
        return split(protectedClasses);
    }

    public void setProtectedClasses(String protectedClasses) {
        this.protectedClasses = protectedClasses;
    }
}
