package dev.duplex.cdi;

import dev.duplex.endpoint.instance.InjectConstructors;
import dev.duplex.endpoint.instance.InstanceProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.Decorator;
import jakarta.enterprise.inject.spi.Interceptor;
import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.inject.Singleton;
import jakarta.websocket.DeploymentException;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Creates the application's endpoints, encoders, decoders and configurators through a CDI container.
 *
 * <p><b>How an instance is made.</b> A class that is a bean of the container (it has a bean-defining
 * annotation, or the archive discovers all classes) is created as that bean: {@code @Inject}
 * constructors, fields and initializer methods, {@code @PostConstruct}, interceptors and decorators all
 * apply (CDI 4.1 sections 3.1, 9 and 10 of the core specification). A class that is no bean gets the
 * non-contextual injection Jakarta EE gives servlets and listeners ({@link Unmanaged}): injection and
 * lifecycle callbacks, no decorators.
 *
 * <p><b>Scopes.</b> {@code @Dependent} (and no bean at all): one instance per creation, as the
 * WebSocket specification's default of one endpoint instance per peer (Jakarta WebSocket 2.2 section
 * 3.1.7, {@code Configurator.getEndpointInstance}); it is destroyed ({@code @PreDestroy}, its own
 * dependents) when its session closes. {@code @ApplicationScoped} and {@code @Singleton}: honoured,
 * one instance shared by every peer, which the specification allows a configurator to do; the
 * container owns it and it must be thread-safe across sessions. Any other scope (request, session,
 * conversation) is refused at deployment with a {@link DeploymentException}: those contexts are not
 * the session's, so the endpoint's state would come and go between two messages of one peer.
 *
 * <p><b>Callbacks.</b> Each callback of a session runs with the request context active
 * ({@link RequestContextController}), so {@code @RequestScoped} beans can be used in
 * {@code @OnMessage}; each callback is one request.
 *
 * <p><b>Which container.</b> The {@link BeanManager} given to the constructor, or, for the instance
 * Duplex finds as a service, {@code CDI.current()}, looked up until one is found and then kept. In a
 * WAR, Duplex deploys the endpoints once it is found ({@link #isReady()}), at the latest when the
 * application's listeners start, after every initializer, Weld Servlet's included. Where no CDI
 * container runs, instances are made by their public no-argument constructor, logged at INFO once.
 *
 * <p>Thread-safe.
 */
public final class CdiInstanceProvider implements InstanceProvider {
    private static final System.Logger LOG = System.getLogger(CdiInstanceProvider.class.getName());

    private final Supplier<BeanManager> lookup;
    private volatile BeanManager beanManager;
    private volatile boolean toldNoContainer;
    /** How to destroy each instance made and not yet destroyed, by identity; shared instances are not here. */
    private final Map<Object, Runnable> destroyers = new IdentityHashMap<>();
    /** Per class that is no bean: its injection target, built once (it reads the class's annotated type). */
    private final Map<Class<?>, Unmanaged<?>> unmanagedFactories = new ConcurrentHashMap<>();
    /**
     * Request context controllers not in use. A controller remembers whether it activated the context, so one
     * serves one callback at a time; making one resolves beans and observers, which cost more than the callback
     * itself, so they are reused. At most as many as callbacks ran at once; they go with the provider (no
     * thread-local keeps them on a container's pooled threads).
     */
    private final Queue<RequestContextController> idleControllers = new ConcurrentLinkedQueue<>();
    private volatile Instance<RequestContextController> controllers;

    /** The provider Duplex finds as a service: the CDI container is {@code CDI.current()}'s. */
    public CdiInstanceProvider() {
        this.lookup = CdiInstanceProvider::currentBeanManager;
    }

    /** A provider for the given CDI container. */
    public CdiInstanceProvider(BeanManager beanManager) {
        if (beanManager == null) {
            throw new NullPointerException("beanManager");
        }
        this.beanManager = beanManager;
        this.lookup = () -> beanManager;
    }

    @Override
    public <T> T create(Class<T> type) throws InstantiationException {
        BeanManager manager = beanManager();
        if (manager == null) {
            return InstanceProvider.plain().create(type);
        }
        try {
            Bean<?> bean = beanOf(manager, type);
            return bean != null ? createBean(manager, type, bean) : createUnmanaged(manager, type);
        } catch (InstantiationException e) {
            throw e;
        } catch (RuntimeException e) {
            InstantiationException failure = new InstantiationException(
                    "the CDI container could not create " + type.getName() + ": " + e);
            failure.initCause(e);
            throw failure;
        }
    }

    private <T> T createBean(BeanManager manager, Class<T> type, Bean<?> bean) throws InstantiationException {
        Class<? extends Annotation> scope = bean.getScope();
        if (scope == Dependent.class) {
            @SuppressWarnings("unchecked")
            Bean<T> typed = (Bean<T>) bean;
            CreationalContext<T> context = manager.createCreationalContext(typed);
            T instance = typed.create(context);
            remember(instance, () -> typed.destroy(instance, context));
            return instance;
        }
        if (isShared(scope)) {
            return type.cast(manager.getReference(bean, type, manager.createCreationalContext(bean)));
        }
        throw new InstantiationException(refusedScope(type, scope));
    }

    private <T> T createUnmanaged(BeanManager manager, Class<T> type) {
        @SuppressWarnings("unchecked")
        Unmanaged<T> factory = (Unmanaged<T>) unmanagedFactories.computeIfAbsent(type,
                t -> new Unmanaged<>(manager, t));
        Unmanaged.UnmanagedInstance<T> unmanaged = factory.newInstance().produce().inject().postConstruct();
        T instance = unmanaged.get();
        remember(instance, () -> unmanaged.preDestroy().dispose());
        return instance;
    }

    private void remember(Object instance, Runnable destroyer) {
        synchronized (destroyers) {
            destroyers.put(instance, destroyer);
        }
    }

    @Override
    public void destroy(Object instance) {
        if (instance == null) {
            return;
        }
        Runnable destroyer;
        synchronized (destroyers) {
            destroyer = destroyers.remove(instance);
        }
        if (destroyer == null) {
            return; // not made here, or shared by its scope
        }
        try {
            destroyer.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "destroying " + instance.getClass().getName() + " failed", e);
        }
    }

    @Override
    public void checkDeployable(Class<?> type, String role) throws DeploymentException {
        BeanManager manager = beanManager();
        if (manager == null) {
            if (!InjectConstructors.declares(type)) {
                InstanceProvider.plain().checkDeployable(type, role);
            }
            return; // an @Inject constructor is checked once the CDI container runs, at creation
        }
        Bean<?> bean = beanOf(manager, type);
        if (bean == null) {
            if (!InjectConstructors.declares(type)) {
                InstanceProvider.plain().checkDeployable(type, role);
            }
            return;
        }
        Class<? extends Annotation> scope = bean.getScope();
        if (scope != Dependent.class && !isShared(scope)) {
            throw new DeploymentException("the " + role + " " + refusedScope(type, scope));
        }
    }

    /** Whether a CDI container runs: the given one, or one {@code CDI.current()} finds. */
    @Override
    public boolean isReady() {
        return beanManager() != null;
    }

    /** Runs {@code call} with the request context active; nested calls share the outer one's. */
    @Override
    public void runCallback(Runnable call) {
        BeanManager manager = beanManager; // never looked up here: creation came first and found it if any
        if (manager == null) {
            call.run();
            return;
        }
        RequestContextController controller = idleControllers.poll();
        if (controller == null) {
            Instance<RequestContextController> source = controllers;
            if (source == null) {
                source = manager.createInstance().select(RequestContextController.class);
                controllers = source;
            }
            controller = source.get(); // dependent on the Instance, which lives as long as this provider
        }
        boolean activated = controller.activate();
        try {
            call.run();
        } finally {
            try {
                if (activated) {
                    controller.deactivate();
                }
            } finally {
                idleControllers.add(controller);
            }
        }
    }

    /** How many instances are alive, made here and not yet destroyed (shared ones not counted). */
    public int liveInstances() {
        synchronized (destroyers) {
            return destroyers.size();
        }
    }

    /** The bean whose class is exactly {@code type} (any qualifier), or null when the class is no bean. */
    private static Bean<?> beanOf(BeanManager manager, Class<?> type) {
        Bean<?> found = null;
        for (Bean<?> bean : manager.getBeans(type, Any.Literal.INSTANCE)) {
            if (bean.getBeanClass() == type && !(bean instanceof Interceptor) && !(bean instanceof Decorator)) {
                if (found != null) {
                    return manager.resolve(java.util.Set.of(found, bean));
                }
                found = bean;
            }
        }
        return found;
    }

    private static boolean isShared(Class<? extends Annotation> scope) {
        return scope == ApplicationScoped.class || scope == Singleton.class;
    }

    private static String refusedScope(Class<?> type, Class<? extends Annotation> scope) {
        return type.getName() + " is @" + scope.getSimpleName() + ": a WebSocket endpoint, coder or"
                + " configurator lives as long as its session (one per peer, Jakarta WebSocket 2.2 section 3.1.7)"
                + " or is shared by all; use @Dependent (one per peer) or @ApplicationScoped (one for all)";
    }

    private BeanManager beanManager() {
        BeanManager manager = beanManager;
        if (manager != null) {
            return manager;
        }
        manager = lookup.get();
        if (manager != null) {
            beanManager = manager;
        } else if (!toldNoContainer) {
            toldNoContainer = true;
            LOG.log(Level.INFO, "no CDI container is running yet; WebSocket instances are made by their"
                    + " no-argument constructor until one is");
        }
        return manager;
    }

    private static BeanManager currentBeanManager() {
        try {
            return CDI.current().getBeanManager();
        } catch (RuntimeException e) {
            return null; // no CDI provider, or none running yet (Weld says so with an IllegalStateException)
        }
    }
}
