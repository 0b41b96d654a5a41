package dev.duplex.tck;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of every Tomcat web application's class loader: the container class path, minus the classes (and
 * their resources) of the TCK and the test harness, so that a WAR sees only the test classes it carries, as on a
 * real server. Jetty gets the same from its hidden-class matcher.
 */
final class HidingClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final List<String> hiddenClassPrefixes;
    private final List<String> hiddenResourcePrefixes;

    HidingClassLoader(ClassLoader parent, List<String> hiddenClassPrefixes) {
        super("duplex-tck-hiding", parent);
        this.hiddenClassPrefixes = List.copyOf(hiddenClassPrefixes);
        this.hiddenResourcePrefixes = hiddenClassPrefixes.stream().map(prefix -> prefix.replace('.', '/')).toList();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        for (String prefix : hiddenClassPrefixes) {
            if (name.startsWith(prefix)) {
                throw new ClassNotFoundException(name + " is hidden from web applications");
            }
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return hidden(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return hidden(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }

    private boolean hidden(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        for (String prefix : hiddenResourcePrefixes) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
