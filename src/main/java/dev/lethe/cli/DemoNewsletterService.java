package dev.lethe.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for a downstream service the old scripts called (a newsletter's contact list), in-process on a loopback
 * port: {@code DELETE /contacts/{id}} answers {@code {"deleted":1}} or 404, {@code GET} answers 200 or 404.
 */
final class DemoNewsletterService implements AutoCloseable {

    private static final String PATH = "/contacts/";

    private final HttpServer server;
    private final Set<String> contacts = ConcurrentHashMap.newKeySet();

    private DemoNewsletterService(HttpServer server, Collection<String> people) {
        this.server = server;
        this.contacts.addAll(people);
    }

    static DemoNewsletterService start(Collection<String> people) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        DemoNewsletterService service = new DemoNewsletterService(server, people);
        server.createContext(PATH, service::handle);
        server.start();
        return service;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    boolean isSubscribed(String person) {
        return contacts.contains(person);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String id = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(PATH.length()), StandardCharsets.UTF_8);
        boolean known = contacts.contains(id);
        switch (exchange.getRequestMethod()) {
            case "DELETE" -> respond(exchange, contacts.remove(id) ? 200 : 404, known ? "{\"deleted\":1}" : "{}");
            case "GET" -> respond(exchange, known ? 200 : 404, "{}");
            default -> respond(exchange, 405, "{}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
