package dev.duplex.endpoint.session;

/**
 * Runs application code with the application's class loader as the thread's context class loader
 * (Jakarta EE Platform specification, "Thread Context Class Loader": while application code runs
 * the context class loader is the application's, so that {@code ServiceLoader}, JNDI, JAXB and
 * the like find the application's classes and resources, WEB-INF/lib included). Stateless.
 */
final class ContextClassLoader {
    private ContextClassLoader() {
    }

    /**
     * Runs {@code task} with {@code loader} as the current thread's context class loader and puts
     * the thread's own back afterwards, whatever the task throws. With a null {@code loader} the
     * task runs with the thread's context class loader unchanged.
     */
    static void runWith(ClassLoader loader, Runnable task) {
        if (loader == null) {
            task.run();
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader own = thread.getContextClassLoader();
        if (own == loader) {
            task.run();
            return;
        }
        thread.setContextClassLoader(loader);
        try {
            task.run();
        } finally {
            thread.setContextClassLoader(own);
        }
    }
}
