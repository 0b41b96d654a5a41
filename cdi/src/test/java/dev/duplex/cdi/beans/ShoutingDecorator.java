package dev.duplex.cdi.beans;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.Locale;

/** Upper-cases every reply of a {@link Replies} bean: shows a decorator applies to an endpoint's method. */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class ShoutingDecorator implements Replies {
    @Inject
    @Delegate
    @Any
    Replies delegate;

    @Override
    public String reply(String message) {
        return delegate.reply(message).toUpperCase(Locale.ROOT);
    }
}
