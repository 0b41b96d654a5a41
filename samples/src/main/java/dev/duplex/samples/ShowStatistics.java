package dev.duplex.samples;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Prints the WebSocket MBeans of a running JVM ({@code dev.duplex:*}): the figures of every Duplex application and
 * endpoint in it, read over JMX as jconsole would, without a window.
 *
 * <pre>java dev.duplex.samples.ShowStatistics [pid]</pre>
 *
 * <p>Without a pid, it reads the one local JVM that runs {@link SamplesServer}. It attaches with the JDK's attach
 * API and starts that JVM's local management agent, so the JVM needs no {@code -Dcom.sun.management} option; it
 * must run as the same user.
 */
public final class ShowStatistics {
    private ShowStatistics() {
    }

    public static void main(String[] args) throws Exception {
        String pid = args.length > 0 ? args[0] : samplesServer();
        VirtualMachine vm = VirtualMachine.attach(pid);
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            print(connector.getMBeanServerConnection());
        }
    }

    private static String samplesServer() {
        List<VirtualMachineDescriptor> found = VirtualMachine.list().stream()
                .filter(jvm -> jvm.displayName().startsWith(SamplesServer.class.getName()))
                .toList();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " JVMs run " + SamplesServer.class.getName()
                    + "; name one by its pid");
        }
        return found.get(0).id();
    }

    private static void print(MBeanServerConnection mbeans) throws Exception {
        Set<ObjectName> names = new TreeSet<>(mbeans.queryNames(new ObjectName("dev.duplex:*"), null));
        if (names.isEmpty()) {
            System.out.println("no dev.duplex MBeans (is dev.duplex.jmx=false?)");
        }
        for (ObjectName name : names) {
            System.out.println(name);
            Map<String, Object> attributes = new TreeMap<>();
            for (MBeanAttributeInfo attribute : mbeans.getMBeanInfo(name).getAttributes()) {
                attributes.put(attribute.getName(), readable(mbeans.getAttribute(name, attribute.getName())));
            }
            attributes.forEach((attribute, value) -> System.out.println("    " + attribute + " = " + value));
        }
    }

    /** A table of (key, value) rows, as MXBeans give a map, printed as a map; an array as a list. */
    private static Object readable(Object value) {
        if (value instanceof TabularData table) {
            Map<Object, Object> map = new TreeMap<>();
            for (Object row : table.values()) {
                CompositeData entry = (CompositeData) row;
                map.put(entry.get("key"), entry.get("value"));
            }
            return map;
        }
        if (value instanceof Object[] array) {
            return List.of(array);
        }
        return value;
    }
}
