package dev.duplex.servlet.jmx;

import dev.duplex.monitoring.SessionStatistics;

/** The {@link EndpointMXBean} of one endpoint's statistics. */
final class EndpointBean extends StatisticsBean implements EndpointMXBean {
    private final String path;

    EndpointBean(SessionStatistics endpoint) {
        super(endpoint::snapshot);
        this.path = endpoint.name();
    }

    @Override
    public String getPath() {
        return path;
    }
}
