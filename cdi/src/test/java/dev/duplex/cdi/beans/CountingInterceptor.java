package dev.duplex.cdi.beans;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the calls of {@link Counted} methods: shows an interceptor applies to an endpoint's method. */
@Counted
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class CountingInterceptor {
    public static final AtomicInteger CALLS = new AtomicInteger();

    @AroundInvoke
    public Object count(InvocationContext invocation) throws Exception {
        CALLS.incrementAndGet();
        return invocation.proceed();
    }
}
