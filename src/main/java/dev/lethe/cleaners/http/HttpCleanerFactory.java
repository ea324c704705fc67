package dev.lethe.cleaners.http;

import dev.lethe.cleaners.Cleaner;
import dev.lethe.cleaners.CleanerFactory;
import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.cleaners.ResourceSettings;
import dev.lethe.cleaners.SubjectTemplate;
import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.Resource;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonPointer;

/**
 * Makes {@code type: http} cleaners: binds and checks the settings (URL and body templates tried with sample
 * subjects, header variables resolved, methods and headers tried on a request), and gives each resource its own
 * JDK {@link HttpClient} whose connect and request timeouts are the resource's call time limit.
 */
final class HttpCleanerFactory implements CleanerFactory {

    private static final Logger log = LoggerFactory.getLogger(HttpCleanerFactory.class);

    private final ResilienceSettings defaults;
    private final Function<String, String> environment;
    private final Clock clock;

    /**
     * @param defaults {@code lethe.resilience.*}, for a resource's call time limit
     * @param environment variable name to value, null when unset ({@code System::getenv})
     */
    HttpCleanerFactory(ResilienceSettings defaults, Function<String, String> environment, Clock clock) {
        this.defaults = defaults;
        this.environment = environment;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "http";
    }

    private static boolean namesSubject(Object template) {
        String text = template == null ? "" : template.toString();
        return text.contains("{id}") || text.contains("{sha256}");
    }

    @Override
    public Cleaner create(Resource resource, ResourceSettings bound) {
        String name = resource.name();
        HttpSettings settings = bound.bind(name, HttpSettings.class);
        if (!SubjectTemplate.ID.equals(resource.settings().subjectValue())) {
            log.warn("{} is not used by type http: its url and body templates place {id}, {tenant}, {type} and "
                    + "{sha256} themselves", setting(name, "subject-value"));
        }
        UrlTemplate url = UrlTemplate.parse(settings.url(), setting(name, "url"));
        HttpCall erase = new HttpCall(settings.method(), url, body(settings.body(), setting(name, "body")),
                pointer(settings.itemsPointer(), setting(name, "items-pointer")), setting(name, "items-pointer"));
        if (!namesSubject(settings.url()) && !namesSubject(settings.body())) {
            throw new InvalidConfigurationException(setting(name, "url") + " or " + setting(name, "body")
                    + " must name the subject with {id} or {sha256}: otherwise every subject's request makes the same call");
        }
        HttpCall dryRun = dryRunCall(name, settings.dryRun(), url);
        HttpCall soft = softCall(name, settings.soft(), url);
        Set<Integer> nothingFound = nothingFound(name, settings);
        if (settings.maxRetryAfter().isNegative()) {
            throw new InvalidConfigurationException(setting(name, "max-retry-after") + " must not be negative");
        }
        Map<String, String> headers = HeaderValues.resolve(settings.headers(), environment, setting(name, "headers"));
        checkHeaders(name, headers);
        Duration timeout = resource.settings().resilience().orElse(defaults).callTimeout();
        checkMethod(erase, timeout, setting(name, "method"));
        checkMethod(dryRun, timeout, setting(name, "dry-run.method"));
        if (soft != null) {
            checkMethod(soft, timeout, setting(name, "soft.method"));
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        return new HttpCleaner(name, client, headers, timeout, nothingFound, settings.maxRetryAfter(), erase, dryRun,
                soft, clock);
    }

    @Override
    public FailureClassifier failureClassifier() {
        return HttpFailures.CLASSIFIER;
    }

    private static HttpCall dryRunCall(String name, HttpSettings.DryRun dryRun, UrlTemplate url) {
        if (dryRun == null) {
            return new HttpCall("GET", url, null, null, setting(name, "dry-run.items-pointer"));
        }
        if ("DELETE".equals(dryRun.method())) {
            throw new InvalidConfigurationException(setting(name, "dry-run.method")
                    + " must not be DELETE: a dry run changes nothing");
        }
        UrlTemplate dryRunUrl = dryRun.url() == null ? url : UrlTemplate.parse(dryRun.url(), setting(name, "dry-run.url"));
        return new HttpCall(dryRun.method(), dryRunUrl, null,
                pointer(dryRun.itemsPointer(), setting(name, "dry-run.items-pointer")),
                setting(name, "dry-run.items-pointer"));
    }

    private static HttpCall softCall(String name, HttpSettings.Soft soft, UrlTemplate url) {
        if (soft == null) {
            return null;
        }
        UrlTemplate softUrl = soft.url() == null ? url : UrlTemplate.parse(soft.url(), setting(name, "soft.url"));
        return new HttpCall(soft.method(), softUrl, body(soft.body(), setting(name, "soft.body")),
                pointer(soft.itemsPointer(), setting(name, "soft.items-pointer")), setting(name, "soft.items-pointer"));
    }

    private static JsonBodyTemplate body(String template, String setting) {
        return template == null ? null : JsonBodyTemplate.parse(template, setting);
    }

    private static JsonPointer pointer(String pointer, String setting) {
        if (pointer == null) {
            return null;
        }
        if (pointer.isEmpty() || !pointer.startsWith("/")) {
            throw new InvalidConfigurationException(setting + " must be a JSON pointer such as /deleted "
                    + "(RFC 6901: it starts with '/')");
        }
        try {
            return JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(setting + " is not a JSON pointer (RFC 6901): " + e.getMessage());
        }
    }

    /**
     * 2xx, 3xx or 4xx statuses; never 429 (the service is busy: transient) nor a 5xx (it failed: a task must not be
     * reported done because a server broke).
     */
    private static Set<Integer> nothingFound(String name, HttpSettings settings) {
        Set<Integer> statuses = new LinkedHashSet<>();
        for (Integer status : settings.nothingFoundStatuses()) {
            if (status == null || status < 200 || status > 499 || status == 429) {
                throw new InvalidConfigurationException(setting(name, "nothing-found-statuses")
                        + " must hold statuses from 200 to 499 other than 429 (429 and 5xx are transient), not "
                        + status);
            }
            statuses.add(status);
        }
        return statuses;
    }

    /** Each header alone, so the message names the one the client refuses (never its value). */
    private static void checkHeaders(String name, Map<String, String> headers) {
        headers.forEach((header, value) -> {
            try {
                HttpRequest.newBuilder(java.net.URI.create("http://localhost/")).header(header, value);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(setting(name, "headers." + header) + " cannot be sent: a "
                        + "header the client sets itself (Connection, Content-Length, Expect, Host, Upgrade), or a name "
                        + "or value with characters a header cannot hold");
            }
        });
    }

    private static void checkMethod(HttpCall call, Duration timeout, String setting) {
        try {
            call.request(Samples.SUBJECT, Map.of(), timeout);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(setting + ": " + call.method() + " is not a method this client "
                    + "can send");
        } catch (HttpCallFailure e) {
            throw new IllegalStateException("the sample subject fills every segment", e);
        }
    }

    private static String setting(String resource, String setting) {
        return ResourceSettings.name(resource, setting);
    }
}
