/**
 * Arquillian containers for the Jakarta WebSocket TCK: one embedded Jetty 12.1 ee11 (or Tomcat 11) server per
 * test run, each TCK WAR deployed into it as a web application so that Duplex's servlet bridge,
 * which sits on the container classpath, deploys the WAR's endpoints through its
 * {@code ServletContainerInitializer}.
 *
 * <p>Registered by {@link dev.duplex.tck.ContainerExtension}; configured by {@code arquillian.xml}
 * (see {@link dev.duplex.tck.JettyEe11Configuration}, {@link dev.duplex.tck.Tomcat11Configuration}).
 */
package dev.duplex.tck;
