/**
 * The client library, shared by the command line and the GUI: {@code XwClient} logs in, and one part
 * per kind of object does the rest ({@code Works}, {@code Data}, {@code Apps}, {@code Groupings},
 * {@code Admin}, {@code Hosts}, {@code AnyKind}).
 */
package xtremweb.client.api;
