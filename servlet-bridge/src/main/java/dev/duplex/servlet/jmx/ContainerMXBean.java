package dev.duplex.servlet.jmx;

import java.util.List;

/**
 * The figures of every server endpoint of one web application added up, the {@code ObjectName}
 * {@code dev.duplex:type=Container,context="/app"}. Client sessions the application opens are not among them:
 * they have an MBean of their own, of type {@code Client}.
 */
public interface ContainerMXBean extends StatisticsMXBean {

    /** The application's context path; empty for the root application. */
    String getContextPath();

    /** The paths of the endpoints, in the order they were deployed. */
    List<String> getEndpointPaths();
}
