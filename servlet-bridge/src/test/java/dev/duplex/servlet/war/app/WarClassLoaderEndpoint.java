package dev.duplex.servlet.war.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Part of a test WAR: tells which context class loader its message handler runs with, the web
 * application's (the loader of this class, from WEB-INF/classes) or another.
 */
@ServerEndpoint("/war-context-loader")
public class WarClassLoaderEndpoint {
    @OnMessage
    public String which(String ignored) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context == WarClassLoaderEndpoint.class.getClassLoader() ? "the application's" : String.valueOf(context);
    }
}
