package xtremweb.server.http;

/** One API operation; it answers through the exchange and may block (it runs on the server's thread pool). */
@FunctionalInterface
public interface Endpoint {
    void handle(Exchange exchange) throws Exception;
}
