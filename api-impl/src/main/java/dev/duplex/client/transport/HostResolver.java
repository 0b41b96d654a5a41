package dev.duplex.client.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into an address. Called on the connector's resolver thread, never on a
 * selector thread, since the system resolver blocks. The connect timeout covers it.
 */
@FunctionalInterface
public interface HostResolver {

    /** The system resolver, {@link InetAddress#getByName}: its first address. */
    HostResolver SYSTEM = InetAddress::getByName;

    /**
     * @param host a name or a literal address; an IPv6 literal comes without brackets
     */
    InetAddress resolve(String host) throws UnknownHostException;
}
