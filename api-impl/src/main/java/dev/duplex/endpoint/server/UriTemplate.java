package dev.duplex.endpoint.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A server endpoint path: a relative URI or a level-1 URI template (RFC 6570), validated by the
 * rules of Jakarta WebSocket 2.2 section 3.1.1 "URI Mapping":
 * <ul>
 * <li>it starts with '/' and does not contain {@code /../}, {@code /./} or {@code //} (nor a "."
 *     or ".." segment at its end);</li>
 * <li>a variable replaces a whole segment: {@code /a/{x}}, never {@code /a/x{y}};</li>
 * <li>no variable is used twice;</li>
 * <li>only level 1 is supported (section 4.1.1 "value"): no operators such as {@code {+x}} or
 *     {@code {?x}}, no modifiers such as {@code {x*}} or {@code {x:3}}, no lists {@code {x,y}}.</li>
 * </ul>
 * Literal segments may be percent-encoded; they are compared with request segments after both are
 * decoded. A trailing '/' is kept: it makes a last, empty segment, so "/a/b/" matches only "/a/b/"
 * (section 3.1.1, example i).
 *
 * <p>Immutable and thread-safe.
 */
public final class UriTemplate {
    private static final String OPERATORS = "+#./;?&=,!@|";

    /** One segment: a decoded literal, or a variable (then {@code literal} is null). */
    private record Segment(String literal, String variable) {
        boolean isVariable() {
            return variable != null;
        }
    }

    private final String path;
    private final List<Segment> segments;
    private final List<String> variableNames;

    private UriTemplate(String path, List<Segment> segments, List<String> variableNames) {
        this.path = path;
        this.segments = segments;
        this.variableNames = variableNames;
    }

    /**
     * Parses and validates an endpoint path.
     *
     * @throws IllegalArgumentException naming the rule the path breaks
     */
    public static UriTemplate parse(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("the endpoint path must not be empty; it must start with '/'");
        }
        if (path.charAt(0) != '/') {
            throw invalid(path, "it must start with '/'");
        }
        String[] parts = path.substring(1).split("/", -1);
        List<Segment> segments = new ArrayList<>(parts.length);
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (part.isEmpty() && !last) {
                throw invalid(path, "it contains '//' (an empty segment)");
            }
            if (part.equals(".") || part.equals("..")) {
                throw invalid(path, "it contains the dot segment '" + part + "'");
            }
            if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0) {
                String name = variableName(path, part);
                if (!seen.add(name)) {
                    throw invalid(path, "the variable {" + name + "} is used more than once");
                }
                names.add(name);
                segments.add(new Segment(null, name));
            } else {
                segments.add(new Segment(literal(path, part), null));
            }
        }
        return new UriTemplate(path, List.copyOf(segments), List.copyOf(names));
    }

    private static String variableName(String path, String part) {
        if (part.charAt(0) != '{' || part.charAt(part.length() - 1) != '}' || part.length() < 2
                || part.indexOf('{', 1) >= 0 || part.indexOf('}') != part.length() - 1) {
            throw invalid(path, "the segment \"" + part
                    + "\" is not a whole-segment variable; a variable must be the entire segment, as in /a/{name}");
        }
        String name = part.substring(1, part.length() - 1);
        if (name.isEmpty()) {
            throw invalid(path, "it contains a variable with an empty name, {}");
        }
        if (OPERATORS.indexOf(name.charAt(0)) >= 0) {
            throw invalid(path, "the variable {" + name + "} uses the URI template operator '" + name.charAt(0)
                    + "'; only level-1 templates ({name}) are supported");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ',' || c == ':' || c == '*') {
                throw invalid(path, "the variable {" + name + "} uses '" + c
                        + "' (a list or a modifier); only level-1 templates ({name}) are supported");
            }
            if (c <= ' ' || c == 0x7f) {
                throw invalid(path, "the variable name {" + name + "} contains whitespace or a control character");
            }
        }
        return name;
    }

    /** Validates a literal segment against RFC 3986 pchar (non-ASCII allowed, as in an IRI) and decodes it. */
    private static String literal(String path, String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < 0x80 && !isPathChar(c)) {
                throw invalid(path, "the character '" + printable(c) + "' is not allowed in a path segment");
            }
        }
        try {
            return PercentDecoding.decode(part, false);
        } catch (IllegalArgumentException e) {
            throw invalid(path, e.getMessage());
        }
    }

    /** RFC 3986 section 3.3: pchar = unreserved / pct-encoded / sub-delims / ":" / "@". */
    private static boolean isPathChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._~%!$&'()*+,;=:@".indexOf(c) >= 0;
    }

    private static String printable(char c) {
        return c < ' ' || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private static IllegalArgumentException invalid(String path, String why) {
        return new IllegalArgumentException("invalid endpoint path \"" + path + "\": " + why);
    }

    /** The path exactly as it was given. */
    public String path() {
        return path;
    }

    public int segmentCount() {
        return segments.size();
    }

    /** Whether segment {@code index} is a variable. */
    public boolean isVariable(int index) {
        return segments.get(index).isVariable();
    }

    /** The decoded literal of segment {@code index}, or null when it is a variable. */
    public String literal(int index) {
        return segments.get(index).literal();
    }

    /** The variable names in the order they appear. */
    public List<String> variableNames() {
        return variableNames;
    }

    /** Whether this is a plain relative URI, without variables. */
    public boolean isLiteral() {
        return variableNames.isEmpty();
    }

    /**
     * Whether the two paths are the same relative URI or equivalent templates (section 3.1.1
     * [WSC-3.1.1-2]): the same segments, with variables in the same places, whatever their names.
     */
    public boolean isEquivalentTo(UriTemplate other) {
        if (other.segments.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            Segment mine = segments.get(i);
            Segment theirs = other.segments.get(i);
            if (mine.isVariable() != theirs.isVariable()
                    || !mine.isVariable() && !mine.literal().equals(theirs.literal())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Matches a request path: it matches when it is this exact URI, or a valid level-1 expansion
     * of this template, where a variable takes one whole, non-empty segment [WSC-3.1.1-1].
     *
     * @return the variables' decoded values in template order (unmodifiable; empty for a plain
     *         URI), or null when the path does not match
     */
    public Map<String, String> match(RequestPath requestPath) {
        List<String> values = requestPath.segments();
        if (values.size() != segments.size()) {
            return null;
        }
        Map<String, String> parameters = variableNames.isEmpty() ? Map.of() : new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            String value = values.get(i);
            if (segment.isVariable()) {
                if (value.isEmpty()) {
                    return null;
                }
                parameters.put(segment.variable(), value);
            } else if (!segment.literal().equals(value)) {
                return null;
            }
        }
        return parameters.isEmpty() ? Map.of() : Collections.unmodifiableMap(parameters);
    }

    /**
     * Binds the variables of this template to the segments of a path already known to match it.
     * Used by the registry after it has chosen this template.
     */
    Map<String, String> bind(List<String> values) {
        if (variableNames.isEmpty()) {
            return Map.of();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).isVariable()) {
                parameters.put(segments.get(i).variable(), values.get(i));
            }
        }
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public String toString() {
        return path;
    }
}
