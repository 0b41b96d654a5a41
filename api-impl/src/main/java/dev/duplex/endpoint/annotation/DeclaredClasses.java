package dev.duplex.endpoint.annotation;

import dev.duplex.endpoint.coder.CoderType;
import dev.duplex.endpoint.instance.InjectConstructors;
import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Deployment checks on the classes an endpoint annotation names: the endpoint itself, its
 * encoders and decoders, its configurator. Each must be something the runtime can instantiate
 * (public, concrete, with a public no-argument constructor) and coders must implement one of the
 * coder interfaces with a resolvable type (Jakarta WebSocket 2.2 sections 4.1, 4.1.2, 4.1.3, 4.2).
 */
final class DeclaredClasses {
    private DeclaredClasses() {
    }

    /** Records why {@code type} cannot be instantiated by the runtime; {@code what} names its role. */
    static void checkInstantiable(Class<?> type, String what, DeploymentProblems problems, String source) {
        String problem = whyNotInstantiable(type);
        if (problem != null) {
            problems.ofClass("the " + what + " " + type.getName() + " " + problem, source);
        }
    }

    /**
     * Null when the class is public, concrete and has a public no-argument constructor, or an
     * {@code @Inject} constructor for a CDI container to call (whether one is in use is the instance
     * provider's check, when the endpoint is deployed); otherwise why not.
     */
    static String whyNotInstantiable(Class<?> type) {
        int modifiers = type.getModifiers();
        if (type.isInterface() || type.isArray() || type.isPrimitive() || Modifier.isAbstract(modifiers)) {
            return "is not a concrete class";
        }
        if (!Modifier.isPublic(modifiers)) {
            return "is not public";
        }
        if (type.getEnclosingClass() != null && !Modifier.isStatic(modifiers)) {
            return "is an inner class; it must be static to be created without an enclosing instance";
        }
        try {
            type.getConstructor();
            return null;
        } catch (NoSuchMethodException e) {
            return InjectConstructors.declares(type) ? null : "has no public no-argument constructor";
        }
    }

    /**
     * Describes the decoders, recording each that implements no decoder interface or whose type is
     * open; with null {@code problems} such decoders are left out silently (already recorded).
     */
    static List<CoderType> decoderTypes(List<Class<? extends Decoder>> decoders, DeploymentProblems problems) {
        List<CoderType> types = new ArrayList<>(decoders.size());
        for (Class<? extends Decoder> decoder : decoders) {
            try {
                types.add(CoderType.ofDecoder(decoder));
            } catch (IllegalArgumentException e) {
                if (problems != null) {
                    problems.ofClass("decoder " + e.getMessage(), "section 4.1.3");
                }
            }
        }
        return types;
    }

    /** Checks that each decoder can be instantiated (its kind is checked by {@link #decoderTypes}). */
    static void checkDecoders(List<Class<? extends Decoder>> decoders, DeploymentProblems problems, String source) {
        for (Class<? extends Decoder> decoder : decoders) {
            checkInstantiable(decoder, "decoder", problems, source);
        }
    }

    /** Checks that each encoder implements an encoder interface with a resolvable type and can be instantiated. */
    static void checkEncoders(List<Class<? extends Encoder>> encoders, DeploymentProblems problems, String source) {
        for (Class<? extends Encoder> encoder : encoders) {
            try {
                CoderType.ofEncoder(encoder);
            } catch (IllegalArgumentException e) {
                problems.ofClass("encoder " + e.getMessage(), source);
            }
            checkInstantiable(encoder, "encoder", problems, source);
        }
    }
}
