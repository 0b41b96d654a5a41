package dev.duplex.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import fixture.war.HelloServlet;

/**
 * The way the TCK uses the container: the extension and arquillian.xml found on the classpath, a
 * client-side deployment, and the deployment's URL injected as the TCK's WebSocketCommonClient
 * has it injected.
 */
@ExtendWith(ArquillianExtension.class)
class ArquillianGlueTest {

    @ArquillianResource
    @OperateOnDeployment("_DEFAULT_")
    URL url;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "glue_web.war").addClass(HelloServlet.class);
    }

    @Test
    void injectedUrlNamesLoopbackTheServersPortAndTheContextRoot() throws Exception {
        assertEquals("http", url.getProtocol());
        assertEquals("127.0.0.1", url.getHost());
        assertEquals("/glue_web/", url.getPath());

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url + "hello")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("hello from /glue_web", response.body());
    }
}
