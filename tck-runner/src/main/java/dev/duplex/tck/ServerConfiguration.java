package dev.duplex.tck;

import java.util.Arrays;
import java.util.List;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * The settings both embedded containers take from {@code arquillian.xml} through the setters: where the server
 * listens, where its files go, and which classes the web applications must not see.
 *
 * <p>Not thread-safe: Arquillian fills it in once, before the container's {@code setup}, and it is only read
 * afterwards.
 */
public abstract class ServerConfiguration implements ContainerConfiguration {

    /**
     * Class name prefixes the web applications may not load from the container classpath, as in a
     * real server where only the WAR carries the test classes: the TCK (its classes are on the test
     * JVM's classpath too) and the test harness.
     */
    public static final String DEFAULT_HIDDEN_CLASSES =
            "com.sun.ts.,org.jboss.arquillian.,org.jboss.shrinkwrap.,org.junit.,org.opentest4j.";

    private String bindAddress = "127.0.0.1";
    private int port;
    private String hiddenClasses = DEFAULT_HIDDEN_CLASSES;
    private String workDirectory = "";

    @Override
    public void validate() throws ConfigurationException {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new ConfigurationException("bindAddress must name a host or an address, it is blank");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigurationException("port must be 0 (any free port) or 1..65535, it is " + port);
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

    /** See {@link #DEFAULT_HIDDEN_CLASSES}; comma-separated. */
    public List<String> getHiddenClasses() {
        return split(hiddenClasses);
    }

    public void setHiddenClasses(String hiddenClasses) {
        this.hiddenClasses = hiddenClasses;
    }

    /**
     * Where the exported WARs and the web applications' files go; blank (the default) means a fresh directory
     * under {@code java.io.tmpdir}, deleted when the container stops.
     */
    public String getWorkDirectory() {
        return workDirectory;
    }

    public void setWorkDirectory(String workDirectory) {
        this.workDirectory = workDirectory == null ? "" : workDirectory.trim();
    }

    static List<String> split(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
