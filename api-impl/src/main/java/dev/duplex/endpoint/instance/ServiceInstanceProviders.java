package dev.duplex.endpoint.instance;

import java.lang.System.Logger.Level;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds an {@link InstanceProvider} listed as a service by the thread's context class loader. */
final class ServiceInstanceProviders {
    private static final System.Logger LOG = System.getLogger(ServiceInstanceProviders.class.getName());

    private ServiceInstanceProviders() {
    }

    static InstanceProvider first() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = InstanceProvider.class.getClassLoader();
        }
        try {
            Iterator<InstanceProvider> found = ServiceLoader.load(InstanceProvider.class, loader).iterator();
            if (found.hasNext()) {
                InstanceProvider provider = found.next();
                LOG.log(Level.DEBUG, "instances are created by {0}", provider.getClass().getName());
                return provider;
            }
        } catch (ServiceConfigurationError e) {
            LOG.log(Level.WARNING, "an InstanceProvider listed as a service cannot be loaded; instances are"
                    + " created by their no-argument constructor: " + e, e);
        }
        return InstanceProvider.plain();
    }
}
