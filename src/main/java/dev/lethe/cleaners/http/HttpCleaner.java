package dev.lethe.cleaners.http;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.cleaners.Cleaner;
import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Erases a subject's data held by another service by calling its HTTP API: one call per subject (the API is
 * called per subject, so no batching across subjects: {@link #cleanAll} is the default, one call after another).
 * HARD makes the erase call, SOFT the soft call, a dry run the dry-run call (by default a GET on the same URL). A
 * 2xx is done (the count at the items pointer, or 1), a nothing-found status is 0; 429 and 5xx are transient (a
 * {@code Retry-After} on 429 or 503 holds the next attempt back), other statuses permanent. Redirects are never
 * followed: an erase call goes where it was configured to go, or fails.
 */
final class HttpCleaner implements Cleaner {

    /** The most of a 2xx response read for its count. */
    static final int MAX_COUNTED_RESPONSE_BYTES = 1 << 20;

    private final String resource;
    private final HttpClient client;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final Set<Integer> nothingFound;
    private final Duration maxRetryAfter;
    private final HttpCall erase;
    private final HttpCall dryRun;
    private final HttpCall soft;
    private final Clock clock;

    /**
     * @param timeout the resource's call time limit: no call waits longer for its response
     * @param soft the SOFT call, or null when SOFT skips this resource
     */
    HttpCleaner(String resource, HttpClient client, Map<String, String> headers, Duration timeout,
            Set<Integer> nothingFound, Duration maxRetryAfter, HttpCall erase, HttpCall dryRun, HttpCall soft,
            Clock clock) {
        this.resource = resource;
        this.client = client;
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
        this.nothingFound = Set.copyOf(nothingFound);
        this.maxRetryAfter = maxRetryAfter;
        this.erase = erase;
        this.dryRun = dryRun;
        this.soft = soft;
        this.clock = clock;
    }

    @Override
    public long clean(CleanCommand command) throws Exception {
        HttpCall call = command.dryRun() ? dryRun : command.mode() == Mode.SOFT ? soft : erase;
        if (call == null) {
            // The planner skips SOFT for a resource that does not support it; never erase instead.
            throw new IllegalStateException("lethe.resources." + resource + " has no soft call");
        }
        return send(call, command.subject());
    }

    @Override
    public boolean supportsSoftDelete() {
        return soft != null;
    }

    private long send(HttpCall call, Subject subject) throws Exception {
        HttpRequest request = call.request(subject, headers, timeout);
        HttpResponse<byte[]> response = exchange(request, call);
        int status = response.statusCode();
        if (nothingFound.contains(status)) {
            return 0;
        }
        if (status >= 200 && status < 300) {
            return call.count(response.body(), status);
        }
        String setting = "lethe.resources." + resource;
        if (status == 429) {
            // Never retried within the call: the task waits in the ledger, at least as long as the service asked.
            throw HttpCallFailure.status(setting, call.method(), status, true,
                    Optional.of(retryAfter(response.headers()).orElse(Duration.ZERO)));
        }
        if (status >= 500 && status < 600) {
            Optional<Duration> wait = status == 503 ? retryAfter(response.headers()) : Optional.empty();
            throw HttpCallFailure.status(setting, call.method(), status, true, wait);
        }
        throw HttpCallFailure.status(setting, call.method(), status, false, Optional.empty());
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, HttpCall call) throws Exception {
        HttpResponse.BodyHandler<byte[]> body = info -> call.readsBody() && info.statusCode() / 100 == 2
                && !nothingFound.contains(info.statusCode())
                ? new LimitedBody(MAX_COUNTED_RESPONSE_BYTES, call.pointerSetting(), info.statusCode())
                : BodySubscribers.replacing(null);
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, body);
        try {
            // The request's timeout covers the wait for the response's head; this one the body too.
            return exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The wait a {@code Retry-After} asks for (seconds or an HTTP date), at most {@code max-retry-after}. */
    Optional<Duration> retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").flatMap(this::parseRetryAfter)
                .map(wait -> wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait);
    }

    private Optional<Duration> parseRetryAfter(String value) {
        String text = value.trim();
        if (text.matches("[0-9]+")) {
            return Optional.of(text.length() > 18 ? maxRetryAfter : Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Duration until = Duration.between(clock.instant(),
                    ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
