package dev.duplex.cdi.beans;

/** What a decorated endpoint implements: the decorator wraps {@link #reply}. */
public interface Replies {
    String reply(String message);
}
