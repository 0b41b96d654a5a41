package dev.duplex.tck;

import java.util.Locale;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers the container the TCK runs in with Arquillian; found through
 * {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension}. Arquillian takes one
 * {@link DeployableContainer} implementation, so the system property {@value #PROPERTY} chooses it:
 * {@value #JETTY} (the default, {@link JettyEe11Container}) or {@value #TOMCAT} ({@link Tomcat11Container}).
 * The same value is the qualifier of the container's settings in {@code arquillian.xml}
 * ({@code arquillian.launch}).
 */
public final class ContainerExtension implements LoadableExtension {
    static final String PROPERTY = "tck.container";
    static final String JETTY = "jetty-ee11";
    static final String TOMCAT = "tomcat-11";

    @Override
    public void register(ExtensionBuilder builder) {
        String container = System.getProperty(PROPERTY, JETTY).trim().toLowerCase(Locale.ROOT);
        switch (container) {
            case JETTY -> builder.service(DeployableContainer.class, JettyEe11Container.class);
            case TOMCAT -> builder.service(DeployableContainer.class, Tomcat11Container.class);
            default -> throw new IllegalArgumentException(PROPERTY + "=" + container + ": expected " + JETTY
                    + " or " + TOMCAT);
        }
    }
}
