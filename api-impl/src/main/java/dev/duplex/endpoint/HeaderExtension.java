package dev.duplex.endpoint;

import dev.duplex.engine.handshake.ExtensionOffer;
import dev.duplex.engine.handshake.ExtensionParameter;
import jakarta.websocket.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link jakarta.websocket.Extension} as it travels in {@code Sec-WebSocket-Extensions} (RFC 6455
 * section 9.1): the bridge between the API's type and the engine's {@link ExtensionOffer}. Equal
 * when name and parameters (in order) are equal.
 *
 * <p>Immutable and thread-safe.
 */
public final class HeaderExtension implements Extension {

    /** One parameter; its value is null for a parameter sent without one. */
    public record Param(String getName, String getValue) implements Extension.Parameter {
        public Param {
            Objects.requireNonNull(getName, "name");
        }

        @Override
        public String toString() {
            return getValue == null ? getName : getName + '=' + getValue;
        }
    }

    private final String name;
    private final List<Parameter> parameters;

    private HeaderExtension(String name, List<Parameter> parameters) {
        this.name = name;
        this.parameters = List.copyOf(parameters);
    }

    /** The extension the engine read from a header. */
    public static HeaderExtension of(ExtensionOffer offer) {
        List<Parameter> parameters = new ArrayList<>(offer.parameters().size());
        for (ExtensionParameter parameter : offer.parameters()) {
            parameters.add(new Param(parameter.name(), parameter.value()));
        }
        return new HeaderExtension(offer.name(), parameters);
    }

    /**
     * The engine's form of any {@link Extension}, for writing a header.
     *
     * @throws IllegalArgumentException if its name or a parameter's name or value is not an HTTP
     *                                  token, which the header cannot carry (RFC 6455 section 9.1)
     */
    public static ExtensionOffer toOffer(Extension extension) {
        List<ExtensionParameter> parameters = new ArrayList<>();
        List<Parameter> given = extension.getParameters();
        if (given != null) {
            for (Parameter parameter : given) {
                parameters.add(new ExtensionParameter(parameter.getName(), parameter.getValue()));
            }
        }
        return new ExtensionOffer(extension.getName(), parameters);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public List<Parameter> getParameters() {
        return parameters;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HeaderExtension that && name.equals(that.name) && parameters.equals(that.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, parameters);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name);
        for (Parameter parameter : parameters) {
            out.append("; ").append(parameter);
        }
        return out.toString();
    }
}
