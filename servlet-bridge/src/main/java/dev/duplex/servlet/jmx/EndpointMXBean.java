package dev.duplex.servlet.jmx;

/**
 * The figures of one server endpoint of a web application: every session opened at its path, the
 * {@code ObjectName} {@code dev.duplex:type=Endpoint,context="/app",path="/chat/{room}"}.
 */
public interface EndpointMXBean extends StatisticsMXBean {

    /** The endpoint's path as deployed: the URI template itself, such as {@code /chat/{room}}. */
    String getPath();
}
