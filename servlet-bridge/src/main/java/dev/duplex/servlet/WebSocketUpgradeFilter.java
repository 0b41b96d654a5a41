package dev.duplex.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Mapped to {@code /*}: takes WebSocket handshakes for the paths of deployed endpoints and lets every
 * other request pass down the chain untouched (Jakarta WebSocket 2.2 section 6.1 leaves the means
 * to the implementation; a filter is the portable one).
 *
 * <p>Its {@link #init} marks the end of the application's WebSocket deployment: the container
 * initializes filters after every {@code ServletContextListener} has run (Servlet 6.1 section 11.4.2),
 * so endpoints added by listeners still count as deployed at start-up. Its {@link #destroy} closes the
 * application's open sessions with 1001 Going Away.
 */
public final class WebSocketUpgradeFilter implements Filter {
    private final DuplexWebSocketApplication application;

    WebSocketUpgradeFilter(DuplexWebSocketApplication application) {
        this.application = application;
    }

    @Override
    public void init(FilterConfig filterConfig) {
        application.started();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse
                && application.upgrade().handle(http, httpResponse)) {
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    public void destroy() {
        application.stopped();
    }
}
