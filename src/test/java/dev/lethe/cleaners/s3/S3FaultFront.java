package dev.lethe.cleaners.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lethe.testsupport.S3Server;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * An HTTP front to the tests' real S3 server that answers DeleteObjects the way AWS does when it refuses some objects:
 * the objects a script names are left alone and reported in {@code <Error>} elements with the script's code, the
 * others are deleted on the real server. It can also drop the {@code prefix} of listings, as a store that ignores it
 * would. Every other request is passed through unchanged. The cleaner under test talks to it with the real SDK.
 */
final class S3FaultFront implements AutoCloseable {

    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "transfer-encoding", "upgrade");

    private final S3Server server;
    private final HttpServer http;
    private final HttpClient forward = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** (object, DeleteObjects call number from 1) → S3 error code to answer, or null to delete it. */
    private volatile BiFunction<ObjectIdentifier, Integer, String> refusals = (object, call) -> null;
    private volatile boolean ignorePrefix;
    private final AtomicInteger deleteCalls = new AtomicInteger();
    private final List<Integer> deleteBatchSizes = new CopyOnWriteArrayList<>();

    S3FaultFront(S3Server server) {
        this.server = server;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.createContext("/", this::handle);
        http.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    void refuse(BiFunction<ObjectIdentifier, Integer, String> script) {
        this.refusals = script;
    }

    void ignorePrefix() {
        this.ignorePrefix = true;
    }

    int deleteCalls() {
        return deleteCalls.get();
    }

    /** How many objects each DeleteObjects call carried, in order. */
    List<Integer> deleteBatchSizes() {
        return List.copyOf(deleteBatchSizes);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ("POST".equals(exchange.getRequestMethod()) && query != null && query.matches("(.*&)?delete(=[^&]*)?(&.*)?")) {
                answerDelete(exchange, bucketOf(exchange), body);
            } else {
                pass(exchange, query, body);
            }
        } catch (Exception e) {
            exchange.sendResponseHeaders(599, -1);
        } finally {
            exchange.close();
        }
    }

    private void answerDelete(HttpExchange exchange, String bucket, byte[] body) throws Exception {
        int call = deleteCalls.incrementAndGet();
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setNamespaceAware(true);
        Document request = xml.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        NodeList objects = request.getElementsByTagNameNS("*", "Object");
        List<ObjectIdentifier> deleted = new ArrayList<>();
        StringBuilder errors = new StringBuilder();
        for (int i = 0; i < objects.getLength(); i++) {
            Element object = (Element) objects.item(i);
            String key = text(object, "Key");
            String versionId = text(object, "VersionId");
            ObjectIdentifier identifier = ObjectIdentifier.builder().key(key).versionId(versionId).build();
            String code = refusals.apply(identifier, call);
            if (code == null) {
                deleted.add(identifier);
            } else {
                errors.append("<Error><Key>").append(xml(key)).append("</Key>")
                        .append(versionId == null ? "" : "<VersionId>" + xml(versionId) + "</VersionId>")
                        .append("<Code>").append(code).append("</Code><Message>refused by the test</Message></Error>");
            }
        }
        deleteBatchSizes.add(objects.getLength());
        if (!deleted.isEmpty()) {
            server.client().deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(deleted).quiet(true)));
        }
        byte[] answer = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + errors + "</DeleteResult>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private void pass(HttpExchange exchange, String query, byte[] body) throws Exception {
        String forwardedQuery = query;
        if (ignorePrefix && query != null) {
            forwardedQuery = String.join("&", java.util.Arrays.stream(query.split("&"))
                    .filter(parameter -> !parameter.startsWith("prefix=")).toList());
        }
        URI target = URI.create(server.endpoint() + exchange.getRequestURI().getRawPath()
                + (forwardedQuery == null || forwardedQuery.isEmpty() ? "" : "?" + forwardedQuery));
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private static String bucketOf(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        return path.substring(1).split("/", 2)[0];
    }

    private static String text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS("*", name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    }
}
