package dev.duplex.tck;

/**
 * Settings of the embedded Tomcat 11 container (element {@code <configuration>} of the container
 * {@code tomcat-11} in {@code arquillian.xml}): those of every embedded container, nothing of its own.
 */
public final class Tomcat11Configuration extends ServerConfiguration {
}
