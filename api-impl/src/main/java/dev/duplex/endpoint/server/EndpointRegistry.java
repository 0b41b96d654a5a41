package dev.duplex.endpoint.server;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployed server endpoints of one application, and the mapping of request paths to them
 * (Jakarta WebSocket 2.2 section 3.1.1).
 *
 * <p>Matching: a request path matches an endpoint path when it is that exact URI or a valid
 * expansion of that template [WSC-3.1.1-1]. When several match, the best is chosen by comparing
 * segments from the left: at the first segment where the candidates differ, an exact segment wins
 * over a variable one [WSC-3.1.1-3]. An exact URI therefore always wins over a template. The
 * spec's procedure narrows the candidates segment by segment and could drop every candidate in a
 * case such as "/a/b/c" and "/{x}/b/d" for "/a/b/d"; this registry still finds "/{x}/b/d" there,
 * since the path is a valid expansion of it, and agrees with the spec's procedure whenever that
 * finds a match.
 *
 * <p>Thread-safety: copy-on-write. Additions are serialised and publish a new immutable snapshot;
 * {@link #match} reads the current snapshot without locking.
 */
public final class EndpointRegistry {
    private record Entry(ServerEndpointConfig config, UriTemplate template) {
    }

    /** A trie of segments, built once per snapshot and never changed after publication. */
    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        Node variable;
        Entry entry;
    }

    private record Snapshot(List<Entry> entries, Node root) {
    }

    private final Object writeLock = new Object();
    private volatile Snapshot snapshot = new Snapshot(List.of(), new Node());

    /**
     * Adds an endpoint.
     *
     * @return the parsed path
     * @throws DeploymentException when the path is invalid, or equivalent to a deployed one
     *                             [WSC-3.1.1-2, WSC-4.1.1-4]
     */
    public UriTemplate add(ServerEndpointConfig config) throws DeploymentException {
        UriTemplate template;
        try {
            template = UriTemplate.parse(config.getPath());
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("cannot deploy endpoint " + endpointName(config) + ": " + e.getMessage()
                    + " (Jakarta WebSocket 2.2 section 3.1.1)", e);
        }
        synchronized (writeLock) {
            Snapshot current = snapshot;
            for (Entry existing : current.entries()) {
                if (existing.template().isEquivalentTo(template)) {
                    throw new DeploymentException("cannot deploy endpoint " + endpointName(config) + " at \""
                            + template.path() + "\": the path duplicates \"" + existing.template().path()
                            + "\" of endpoint " + endpointName(existing.config())
                            + "; an application must not contain two equal or equivalent endpoint paths"
                            + " (Jakarta WebSocket 2.2 sections 3.1.1 and 4.1.1)");
                }
            }
            List<Entry> entries = new ArrayList<>(current.entries());
            entries.add(new Entry(config, template));
            snapshot = new Snapshot(List.copyOf(entries), buildTrie(entries));
        }
        return template;
    }

    /** Removes every endpoint, as when the application's deployment fails (section 5.2.1 [WSC-5.2.1-3]). */
    public void clear() {
        synchronized (writeLock) {
            snapshot = new Snapshot(List.of(), new Node());
        }
    }

    /** The deployed configurations, in the order they were added. */
    public List<ServerEndpointConfig> configs() {
        List<ServerEndpointConfig> configs = new ArrayList<>();
        for (Entry entry : snapshot.entries()) {
            configs.add(entry.config());
        }
        return List.copyOf(configs);
    }

    public boolean isEmpty() {
        return snapshot.entries().isEmpty();
    }

    /**
     * Maps a request path (raw, relative to the WebSocket root, without query) to the best
     * matching endpoint.
     *
     * @return the match, or null when no endpoint path matches, or the path's percent-encoding is
     *         malformed (then it can be no valid expansion of any path)
     */
    public EndpointMatch match(String rawPath) {
        RequestPath path;
        try {
            path = RequestPath.parse(rawPath);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return match(path);
    }

    /** As {@link #match(String)}, for a path already parsed. */
    public EndpointMatch match(RequestPath path) {
        List<String> segments = path.segments();
        Entry entry = find(snapshot.root(), segments, 0);
        if (entry == null) {
            return null;
        }
        return new EndpointMatch(entry.config(), entry.template(), entry.template().bind(segments));
    }

    /**
     * Depth-first, exact segment before variable, so the first complete match found is the best.
     * Each trie node is visited at most once per call.
     */
    private static Entry find(Node node, List<String> segments, int index) {
        if (index == segments.size()) {
            return node.entry;
        }
        String segment = segments.get(index);
        Node exact = node.literals.get(segment);
        if (exact != null) {
            Entry found = find(exact, segments, index + 1);
            if (found != null) {
                return found;
            }
        }
        // A variable takes one whole, non-empty segment (section 3.1.1 example ii).
        if (node.variable != null && !segment.isEmpty()) {
            return find(node.variable, segments, index + 1);
        }
        return null;
    }

    private static Node buildTrie(List<Entry> entries) {
        Node root = new Node();
        for (Entry entry : entries) {
            UriTemplate template = entry.template();
            Node node = root;
            for (int i = 0; i < template.segmentCount(); i++) {
                if (template.isVariable(i)) {
                    if (node.variable == null) {
                        node.variable = new Node();
                    }
                    node = node.variable;
                } else {
                    node = node.literals.computeIfAbsent(template.literal(i), literal -> new Node());
                }
            }
            node.entry = entry;
        }
        return root;
    }

    private static String endpointName(ServerEndpointConfig config) {
        Class<?> endpointClass = config.getEndpointClass();
        return endpointClass == null ? "(no endpoint class)" : endpointClass.getName();
    }
}
