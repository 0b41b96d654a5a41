package dev.duplex.tck;

import java.nio.file.Path;

import org.eclipse.jetty.ee11.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee11.webapp.Configuration;
import org.eclipse.jetty.ee11.webapp.FragmentConfiguration;
import org.eclipse.jetty.ee11.webapp.JettyWebXmlConfiguration;
import org.eclipse.jetty.ee11.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppConfiguration;
import org.eclipse.jetty.ee11.webapp.WebInfConfiguration;
import org.eclipse.jetty.ee11.webapp.WebXmlConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.util.ClassMatcher;

/**
 * Builds the Jetty ee11 {@link WebAppContext} for one WAR file the way a Servlet 6.1 server deploys
 * it, so that Duplex's servlet bridge meets the TCK's WARs as it would in production.
 *
 * <ul>
 *   <li>Annotation scanning and {@code ServletContainerInitializer} discovery (Servlet 6.1 section
 *       8.2.4) are on: Jetty finds initializers through {@link java.util.ServiceLoader} on the web
 *       application's class loader, so those of WEB-INF/lib jars and those of the container classpath
 *       (where Duplex's servlet bridge lives) both run, and each receives the WAR's classes that match
 *       its {@code @HandlesTypes}.</li>
 *   <li>The container jars matching {@link JettyEe11Configuration#getContainerJarPattern()} are
 *       scanned as well (META-INF resources, fragments, annotations); nothing else on the container
 *       classpath is, above all not the TCK jar.</li>
 *   <li>Class loading is the servlet default, child first, with two exceptions: the protected classes
 *       (Duplex, the {@code jakarta.} APIs) always come from the container, so the container and the
 *       application share the very same {@code Class} objects; the hidden classes (the TCK, the test
 *       harness) never do, so a WAR sees only the test classes it carries.</li>
 *   <li>A failure while the application starts, for example a {@code DeploymentException} thrown by
 *       an initializer, leaves the context deployed but unavailable (every request answers 503)
 *       instead of failing the deployment: the TCK's negative deployment tests expect exactly such an
 *       application, one whose endpoints are not in service.</li>
 * </ul>
 *
 * <p>Stateless; thread-safe.
 */
final class WebApplications {

    private WebApplications() {
    }

    /**
     * Creates the (not yet started) context for a WAR.
     *
     * @param war          the WAR file
     * @param contextPath  the context path, "/" followed by the WAR's base name
     * @param tempDir      the context's own temporary directory (the WAR is extracted there)
     * @param config       the container's settings
     */
    static WebAppContext create(Path war, String contextPath, Path tempDir, JettyEe11Configuration config) {
        WebAppContext context = new WebAppContext();
        context.setContextPath(contextPath);
        context.setDisplayName(contextPath.substring(1));
        context.setWar(war.toString());
        context.setExtractWAR(true);
        context.setTempDirectory(tempDir.toFile());
        context.setParentLoaderPriority(false);
        context.setThrowUnavailableOnStartupException(false);
        context.setConfigurations(new Configuration[] {
            new WebInfConfiguration(),
            new WebXmlConfiguration(),
            new MetaInfConfiguration(),
            new FragmentConfiguration(),
            new WebAppConfiguration(),
            new AnnotationConfiguration(),
            new JettyWebXmlConfiguration()
        });
        context.setAttribute(MetaInfConfiguration.CONTAINER_JAR_PATTERN, config.getContainerJarPattern());
        context.addProtectedClassMatcher(new ClassMatcher(config.getProtectedClasses().toArray(String[]::new)));
        context.addHiddenClassMatcher(new ClassMatcher(config.getHiddenClasses().toArray(String[]::new)));
        return context;
    }
}
