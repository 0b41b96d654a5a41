package dev.duplex.servlet.jmx;

import dev.duplex.monitoring.ContainerStatistics;
import dev.duplex.monitoring.SessionStatistics;
import java.util.List;

/** The {@link ContainerMXBean} of one application's server container. */
final class ContainerBean extends StatisticsBean implements ContainerMXBean {
    private final String contextPath;
    private final ContainerStatistics statistics;

    ContainerBean(String contextPath, ContainerStatistics statistics) {
        super(statistics::total);
        this.contextPath = contextPath;
        this.statistics = statistics;
    }

    @Override
    public String getContextPath() {
        return contextPath;
    }

    @Override
    public List<String> getEndpointPaths() {
        return statistics.endpoints().stream().map(SessionStatistics::name).toList();
    }
}
