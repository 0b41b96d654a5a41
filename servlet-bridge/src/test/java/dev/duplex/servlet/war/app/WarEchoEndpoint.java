package dev.duplex.servlet.war.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Part of a test WAR (WarDeploymentTest copies this package into WEB-INF/classes): found by the scan. */
@ServerEndpoint("/war-echo")
public class WarEchoEndpoint {
    @OnMessage
    public String echo(String text) {
        return "war:" + text;
    }
}
