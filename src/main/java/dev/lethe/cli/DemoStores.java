package dev.lethe.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the old reset scripts cleared beside the database, set up for the demo: a directory of files per person, a
 * compacted profile topic on the embedded broker, an in-process newsletter service reached over HTTP, Redis
 * sessions where a Redis server is reachable, and photos in object storage where one is named. Each becomes a resource of its type in the demo's configuration.
 */
final class DemoStores implements AutoCloseable {

    static final List<String> PEOPLE = List.of("1", "1001", "1002", "1003", "1004", "1005", "1006");
    static final String PROFILE_TOPIC = "demo.user-profiles";
    private static final int UPLOADS_PER_PERSON = 2;

    private final Path filesRoot;
    private final DemoNewsletterService newsletter;
    private final DemoProfiles profiles;
    private final Optional<DemoRedis> redis;
    private final Optional<DemoObjectStore> objects;

    private DemoStores(Path filesRoot, DemoNewsletterService newsletter, DemoProfiles profiles, Optional<DemoRedis> redis,
            Optional<DemoObjectStore> objects) {
        this.filesRoot = filesRoot;
        this.newsletter = newsletter;
        this.profiles = profiles;
        this.redis = redis;
        this.objects = objects;
    }

    static DemoStores start(String brokers) throws IOException {
        Path root = Files.createTempDirectory("lethe-demo-files");
        for (String person : PEOPLE) {
            Path home = Files.createDirectories(root.resolve("users").resolve(person).resolve("uploads"));
            Files.writeString(home.getParent().resolve("avatar.png"), "not really a picture of " + person);
            for (int n = 1; n <= UPLOADS_PER_PERSON; n++) {
                Files.writeString(home.resolve("upload-" + n + ".txt"), "upload " + n);
            }
        }
        DemoNewsletterService newsletter = DemoNewsletterService.start(PEOPLE);
        DemoProfiles profiles = DemoProfiles.create(brokers, PROFILE_TOPIC, PEOPLE);
        return new DemoStores(root, newsletter, profiles, DemoRedis.connectIfReachable(PEOPLE),
                DemoObjectStore.connectIfNamed(PEOPLE));
    }

    /** The resources of the non-SQL stores, as command-line arguments (they override the demo's application YAML). */
    List<String> workerArguments() {
        List<String> args = new ArrayList<>(List.of(
                "--lethe.resources.user_files.type=filesystem",
                "--lethe.resources.user_files.root=" + filesRoot,
                "--lethe.resources.user_files.paths[0]=users/{id}",
                "--lethe.resources.user_files.categories[0]=content",
                "--lethe.resources.user_files.depends-on[0]=posts",
                "--lethe.resources.newsletter.type=http",
                "--lethe.resources.newsletter.url=" + newsletter.baseUrl() + "/contacts/{id}",
                "--lethe.resources.newsletter.items-pointer=/deleted",
                "--lethe.resources.newsletter.categories[0]=marketing",
                "--lethe.resources.profile_topic.type=kafka",
                "--lethe.resources.profile_topic.topic=" + PROFILE_TOPIC,
                "--lethe.resources.profile_topic.key={id}",
                "--lethe.resources.profile_topic.categories[0]=account",
                // The account row goes last, after every other store of the person (a list is replaced whole).
                "--lethe.resources.users.depends-on=chat_messages,chats,posts,sessions,user_files,newsletter,profile_topic"));
        redis.ifPresent(server -> args.addAll(server.workerArguments()));
        objects.ifPresent(store -> args.addAll(store.workerArguments()));
        return args;
    }

    void printWhatIsUsed(PrintStream out) {
        out.println("Stores beside the database: files under " + filesRoot + ", the compacted topic " + PROFILE_TOPIC
                + ", a newsletter service on " + newsletter.baseUrl()
                + redis.map(server -> ", Redis at " + server.url()).orElse("; no Redis reachable (set LETHE_DEMO_REDIS_URL), so no redis resource")
                + objects.map(store -> ", object storage at " + store.endpoint())
                        .orElse(System.getenv("LETHE_DEMO_S3_ENDPOINT") == null
                                ? "; no object storage named (set LETHE_DEMO_S3_ENDPOINT, e.g. a local MinIO), so no s3 resource"
                                : "; the object storage LETHE_DEMO_S3_ENDPOINT names is not usable, so no s3 resource")
                + ".");
    }

    void printWhatIsLeft(PrintStream out) throws IOException {
        out.println();
        out.println("Left in the other stores");
        out.println("------------------------");
        out.printf("%-6s %-13s %-12s %-16s %-11s %s%n", "user", "files", "newsletter", "profile record",
                redis.isPresent() ? "redis keys" : "", objects.isPresent() ? "objects" : "");
        Map<String, Boolean> profileLive = profiles.liveKeys();
        for (String person : PEOPLE) {
            out.printf("%-6s %-13d %-12s %-16s %-11s %s%n", person, filesOf(person),
                    newsletter.isSubscribed(person) ? "subscribed" : "-",
                    profileLive.getOrDefault(person, false) ? "present" : "tombstone",
                    redis.map(server -> String.valueOf(server.keysOf(person))).orElse(""),
                    objects.map(store -> String.valueOf(store.objectsOf(person))).orElse(""));
        }
    }

    private long filesOf(String person) throws IOException {
        Path home = filesRoot.resolve("users").resolve(person);
        if (!Files.exists(home)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Override
    public void close() throws IOException {
        newsletter.close();
        redis.ifPresent(DemoRedis::close);
        objects.ifPresent(DemoObjectStore::close);
        if (Files.exists(filesRoot)) {
            try (Stream<Path> paths = Files.walk(filesRoot)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
