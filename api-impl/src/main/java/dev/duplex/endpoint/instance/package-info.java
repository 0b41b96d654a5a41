/**
 * How the application's endpoints, encoders, decoders and configurators are created and destroyed:
 * the {@link dev.duplex.endpoint.instance.InstanceProvider} SPI, with the plain default (the public
 * no-argument constructor) and the hook a CDI provider uses to surround each callback.
 */
package dev.duplex.endpoint.instance;
