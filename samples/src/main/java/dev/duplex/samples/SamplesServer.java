package dev.duplex.samples;

/**
 * Starts the samples server. The servlet bridge that serves the samples is not there yet
 * (issue 4), so for now this only says so.
 */
public final class SamplesServer {
    private SamplesServer() {
    }

    public static void main(String[] args) {
        System.out.println("Duplex samples: the servlet bridge is not there yet, so there is nothing to serve.");
    }
}
