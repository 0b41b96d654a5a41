/**
 * An in-memory transport: two {@link dev.duplex.engine.Transport} ends joined in one JVM, for
 * tests of everything above the engine (sessions, endpoints, the client) without sockets.
 *
 * <p>Depends on {@code dev.duplex.engine} only. It lives in the main sources, not the test
 * sources, so that every layer and module (the annotation scanner, the server configuration,
 * the servlet bridge, applications testing their own endpoints) can open sessions over it.
 */
package dev.duplex.transport.memory;
