package dev.duplex.endpoint.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.endpoint.annotation.TestCoders.BeanEncoder;
import dev.duplex.endpoint.annotation.TestCoders.BeanTextDecoder;
import dev.duplex.endpoint.annotation.TestCoders.BlobDecoder;
import dev.duplex.endpoint.annotation.TestCoders.DecoderWithoutNoArgConstructor;
import dev.duplex.endpoint.annotation.TestCoders.ShapelessEncoder;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code @ServerEndpoint} and {@code @ClientEndpoint} declare, read and checked (sections 4.1 and 4.2). */
class EndpointDeclarationsTest {

    public static class ChatConfigurator extends ServerEndpointConfig.Configurator {
    }

    @ServerEndpoint(value = "/chat/{room}", subprotocols = {"v2.chat", "v1.chat"}, encoders = BeanEncoder.class,
            decoders = {BeanTextDecoder.class, BlobDecoder.class}, configurator = ChatConfigurator.class)
    public static class Chat {
        @OnMessage
        public void read(String text) {
        }
    }

    @ServerEndpoint("/plain")
    public static class Plain {
    }

    @Test
    void theServerDeclarationCarriesWhatTheAnnotationSays() throws DeploymentException {
        ServerEndpointDeclaration declaration = ServerEndpointDeclaration.of(Chat.class);

        assertEquals(Chat.class, declaration.endpointClass());
        assertEquals("/chat/{room}", declaration.path());
        assertEquals(List.of("v2.chat", "v1.chat"), declaration.subprotocols());
        assertEquals(List.of(BeanEncoder.class), declaration.encoders());
        assertEquals(List.of(BeanTextDecoder.class, BlobDecoder.class), declaration.decoders());
        assertEquals(ChatConfigurator.class, declaration.configuratorClass());
        assertTrue(declaration.hasCustomConfigurator());
    }

    @Test
    void aServerDeclarationWithoutConfiguratorNamesTheDefault() throws DeploymentException {
        ServerEndpointDeclaration declaration = ServerEndpointDeclaration.of(Plain.class);

        assertEquals(ServerEndpointConfig.Configurator.class, declaration.configuratorClass());
        assertFalse(declaration.hasCustomConfigurator());
        assertEquals(List.of(), declaration.subprotocols());
    }

    @ServerEndpoint(value = "/bad", encoders = ShapelessEncoder.class)
    public static class ShapelessEncoderServer {
    }

    @Test
    void anEncoderMustImplementAnEncoderKind() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> ServerEndpointDeclaration.of(ShapelessEncoderServer.class));

        assertTrue(e.getMessage().contains(ShapelessEncoderServer.class.getName() + ": encoder "
                + ShapelessEncoder.class.getName() + " implements none of Encoder.Text"), e.getMessage());
        assertTrue(e.getMessage().contains("section 4.1.2"), e.getMessage());
    }

    @ServerEndpoint(value = "/bad", decoders = DecoderWithoutNoArgConstructor.class)
    public static class UninstantiableDecoderServer {
    }

    @Test
    void aDecoderNeedsAPublicNoArgConstructor() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> ServerEndpointDeclaration.of(UninstantiableDecoderServer.class));

        assertTrue(e.getMessage().contains("the decoder " + DecoderWithoutNoArgConstructor.class.getName()
                + " has no public no-argument constructor"), e.getMessage());
    }

    public static class ConfiguratorWithoutNoArgConstructor extends ServerEndpointConfig.Configurator {
        public ConfiguratorWithoutNoArgConstructor(int required) {
        }
    }

    @ServerEndpoint(value = "/bad", configurator = ConfiguratorWithoutNoArgConstructor.class)
    public static class UninstantiableConfiguratorServer {
    }

    @Test
    void aConfiguratorNeedsAPublicNoArgConstructor() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> ServerEndpointDeclaration.of(UninstantiableConfiguratorServer.class));

        assertTrue(e.getMessage().contains("the configurator " + ConfiguratorWithoutNoArgConstructor.class.getName()
                + " has no public no-argument constructor"), e.getMessage());
    }

    public static class CountingConfigurator extends ClientEndpointConfig.Configurator {
    }

    @ClientEndpoint(subprotocols = {"b", "a"}, encoders = BeanEncoder.class, decoders = BeanTextDecoder.class,
            configurator = CountingConfigurator.class)
    public static class ConfiguredClient {
    }

    @ClientEndpoint
    public static class PlainClient {
    }

    @Test
    void theClientConfigCarriesWhatTheAnnotationSays() throws DeploymentException {
        ClientEndpointConfig config = ClientEndpointConfigs.fromAnnotation(ConfiguredClient.class);

        assertEquals(List.of("b", "a"), config.getPreferredSubprotocols());
        assertEquals(List.of(BeanEncoder.class), config.getEncoders());
        assertEquals(List.of(BeanTextDecoder.class), config.getDecoders());
        assertInstanceOf(CountingConfigurator.class, config.getConfigurator());
    }

    @Test
    void eachClientConfigGetsItsOwnConfiguratorInstance() throws DeploymentException {
        ClientEndpointConfig first = ClientEndpointConfigs.fromAnnotation(ConfiguredClient.class);
        ClientEndpointConfig second = ClientEndpointConfigs.fromAnnotation(ConfiguredClient.class);

        assertNotSame(first.getConfigurator(), second.getConfigurator());
    }

    @Test
    void aClientWithoutConfiguratorGetsTheBuildersDefault() throws DeploymentException {
        ClientEndpointConfig config = ClientEndpointConfigs.fromAnnotation(PlainClient.class);

        assertEquals(List.of(), config.getPreferredSubprotocols());
        assertFalse(config.getConfigurator() instanceof CountingConfigurator);
    }

    public static class FailingConfigurator extends ClientEndpointConfig.Configurator {
        public FailingConfigurator() {
            throw new IllegalStateException("no configuration today");
        }
    }

    @ClientEndpoint(configurator = FailingConfigurator.class)
    public static class FailingConfiguratorClient {
    }

    @Test
    void aConfiguratorThatThrowsFailsDeploymentWithItsCause() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> ClientEndpointConfigs.fromAnnotation(FailingConfiguratorClient.class));

        assertTrue(e.getMessage().contains(FailingConfigurator.class.getName() + " threw"), e.getMessage());
        assertEquals("no configuration today", e.getCause().getMessage());
    }

    @ClientEndpoint(encoders = ShapelessEncoder.class)
    public static class ShapelessEncoderClient {
    }

    @Test
    void aClientEncoderMustImplementAnEncoderKind() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> ClientEndpointConfigs.fromAnnotation(ShapelessEncoderClient.class));

        assertTrue(e.getMessage().contains(ShapelessEncoderClient.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("section 4.2.1"), e.getMessage());
    }

    @Test
    void aClientConfigNeedsTheAnnotation() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> ClientEndpointConfigs.fromAnnotation(Plain.class));

        assertTrue(e.getMessage().contains(Plain.class.getName() + ": is not annotated with @ClientEndpoint"),
                e.getMessage());
    }
}
