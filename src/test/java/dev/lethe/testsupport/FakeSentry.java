package dev.lethe.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for Sentry's ingest: an HTTP server on the loopback that accepts every envelope the SDK posts (gzip or
 * not) and keeps its items, so tests can see what would have left the company.
 */
public final class FakeSentry implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One item of an envelope: {@code type} is event, transaction, client_report... */
    public record Item(String type, JsonNode payload) {
    }

    private final HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<Item> items = new CopyOnWriteArrayList<>();

    private FakeSentry(HttpServer server) {
        this.server = server;
    }

    public static FakeSentry start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeSentry sentry = new FakeSentry(server);
            server.createContext("/", sentry::receive);
            server.start();
            return sentry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The DSN of project 1 on this server. */
    public String dsn() {
        return "http://key@127.0.0.1:" + server.getAddress().getPort() + "/1";
    }

    /** Every request body received, decompressed. */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    public List<JsonNode> items(String type) {
        return items.stream().filter(item -> item.type().equals(type)).map(Item::payload).toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = in.readAllBytes();
                }
            }
            bodies.add(new String(body, StandardCharsets.UTF_8));
            items.addAll(parse(body));
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    /** An envelope: a header line, then items of a header line and a payload ({@code length} bytes, or a line). */
    private static List<Item> parse(byte[] envelope) {
        List<Item> parsed = new ArrayList<>();
        int position = endOfLine(envelope, 0) + 1;
        while (position < envelope.length) {
            int headerEnd = endOfLine(envelope, position);
            JsonNode header = JSON.readTree(new String(envelope, position, headerEnd - position, StandardCharsets.UTF_8));
            int payloadStart = headerEnd + 1;
            int payloadEnd = header.has("length") ? payloadStart + header.get("length").asInt()
                    : endOfLine(envelope, payloadStart);
            String payload = new String(envelope, payloadStart, payloadEnd - payloadStart, StandardCharsets.UTF_8);
            String type = header.path("type").asString();
            parsed.add(new Item(type, payload.startsWith("{") ? JSON.readTree(payload) : JSON.nullNode()));
            position = payloadEnd + 1;
        }
        return parsed;
    }

    private static int endOfLine(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
