package dev.lethe.cleaners.filesystem;

import static dev.lethe.testsupport.ResourceFixtures.aResource;
import static dev.lethe.testsupport.ResourceFixtures.settingsFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.cleaners.Cleaner;
import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.SafeErrors;
import dev.lethe.plan.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cleaner on real directories: what is removed, what is counted, and that nothing outside the root is touched. */
class FilesystemCleanerTests {

    @TempDir
    Path temp;
    Path root;
    Path outside;
    Path sentinel;

    @BeforeEach
    void directories() throws IOException {
        root = Files.createDirectories(temp.resolve("root"));
        outside = Files.createDirectories(temp.resolve("outside"));
        sentinel = write(outside.resolve("sentinel.txt"));
    }

    @Test
    void removesAMatchedDirectoryWithEverythingInItAndCountsRegularFilesOnly() throws Exception {
        write(root.resolve("users/42/profile.json"));
        write(root.resolve("users/42/photos/a.jpg"));
        write(root.resolve("users/42/photos/b.jpg"));
        Files.createDirectories(root.resolve("users/42/empty/deeper"));
        Files.createSymbolicLink(root.resolve("users/42/photos/outside-link"), sentinel);
        Files.createSymbolicLink(root.resolve("users/42/dir-link"), outside);
        write(root.resolve("users/421/profile.json"));
        Cleaner cleaner = cleaner("users/{id}");

        assertThat(cleaner.clean(hard("42"))).as("regular files, not directories or links").isEqualTo(3);

        assertThat(root.resolve("users/42")).doesNotExist();
        assertThat(root.resolve("users/421/profile.json")).exists();
        assertThat(sentinel).hasContent("data");
        assertThat(outside).isDirectory();
        assertThat(cleaner.clean(hard("42"))).as("safe to repeat: already gone").isZero();
    }

    @Test
    void globsWithinOneSegmentOnly() throws Exception {
        write(root.resolve("exports/42-2024.zip"));
        write(root.resolve("exports/42-2025.zip"));
        write(root.resolve("exports/421-2025.zip"));
        write(root.resolve("exports/42-2025.zip.bak"));
        write(root.resolve("exports/42-x/nested.zip"));
        Cleaner cleaner = cleaner("exports/{id}-*.zip");

        assertThat(cleaner.clean(hard("42"))).isEqualTo(2);

        assertThat(root.resolve("exports")).isDirectoryContaining(p -> p.getFileName().toString().equals("421-2025.zip"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("42-2025.zip.bak"));
        assertThat(root.resolve("exports/42-x/nested.zip")).as("* never crosses a '/'").exists();
    }

    @Test
    void aWildcardSegmentOnTheWayVisitsEveryRealDirectory() throws Exception {
        write(root.resolve("shards/a/42.json"));
        write(root.resolve("shards/b/42.json"));
        write(root.resolve("shards/b/43.json"));
        write(root.resolve("shards/c"));

        assertThat(cleaner("shards/*/{id}.json").clean(hard("42"))).isEqualTo(2);

        assertThat(root.resolve("shards/b/43.json")).exists();
        assertThat(root.resolve("shards/c")).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a*", "a?", "[ab]", "a[", "{a,b}", "a\\b"})
    void anIdWithPatternCharactersMatchesOnlyItself(String id) throws Exception {
        write(root.resolve("users").resolve(id).resolve("mine.txt"));
        for (String bystander : List.of("ab", "a", "abc", "b", "a\\", "x")) {
            write(root.resolve("users").resolve(bystander).resolve("theirs.txt"));
        }
        Cleaner cleaner = cleaner("users/{id}");

        assertThat(cleaner.clean(dryRun(id))).isEqualTo(1);
        assertThat(cleaner.clean(hard(id))).isEqualTo(1);

        assertThat(root.resolve("users").resolve(id)).doesNotExist();
        for (String bystander : List.of("ab", "a", "abc", "b", "a\\", "x")) {
            assertThat(root.resolve("users").resolve(bystander).resolve("theirs.txt")).exists();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "../outside", "a/../..", "/etc", "~", "~root", "x\u0000y"})
    void anIdThatWouldLeaveItsSegmentIsRefusedAndNothingIsTouched(String id) throws Exception {
        write(root.resolve("users/innocent/keep.txt"));
        Cleaner cleaner = cleaner("users/{id}", "{id}", "{id}/*");

        assertThatThrownBy(() -> cleaner.clean(hard(id))).isInstanceOf(FilesystemRefusal.class)
                .hasMessageStartingWith("lethe.resources.files.paths[0]: a substituted value ")
                .satisfies(e -> assertThat(SafeErrors.describe(e)).doesNotContain(id.length() > 2 ? id : "\n"));
        assertThatThrownBy(() -> cleaner.clean(dryRun(id))).isInstanceOf(FilesystemRefusal.class);
        assertThat(FilesystemFailures.CLASSIFIER.isTransient(new FilesystemRefusal("x"))).isFalse();

        assertThat(sentinel).hasContent("data");
        assertThat(root.resolve("users/innocent/keep.txt")).exists();
    }

    @Test
    void valuesThatJoinIntoDotDotOrLeaveAnEmptySegmentAreRefused() throws Exception {
        Cleaner joined = cleaner("{tenant}{id}/x");
        Cleaner tenantDirectory = cleaner("{tenant}/{id}");
        write(root.resolve("7/x"));

        assertThatThrownBy(() -> joined.clean(new CleanCommand(new Subject("user", ".", "."), Mode.HARD, false)))
                .isInstanceOf(FilesystemRefusal.class);
        assertThatThrownBy(() -> tenantDirectory.clean(hard("7"))).as("no tenant: 'users//7' is refused, not '7'")
                .isInstanceOf(FilesystemRefusal.class).hasMessageContaining("an empty segment");
        assertThat(root.resolve("7/x")).exists();
    }

    @Test
    void anEmptyValueAtTheEndNeverWidensToTheDirectoryAbove() throws Exception {
        write(root.resolve("users/7/acme/a.txt"));
        write(root.resolve("users/7/other/b.txt"));

        assertThatThrownBy(() -> cleaner("users/{id}/{tenant}").clean(hard("7"))).isInstanceOf(FilesystemRefusal.class)
                .hasMessageContaining("an empty segment");
        assertThat(root.resolve("users/7/other/b.txt")).exists();
    }

    @Test
    void aMatchingLinkIsRemovedAsALinkNeverFollowed() throws Exception {
        Path outsideDirectory = Files.createDirectories(outside.resolve("dir"));
        Path outsideFile = write(outsideDirectory.resolve("inner.txt"));
        Files.createDirectories(root.resolve("avatars"));
        Files.createSymbolicLink(root.resolve("avatars/42.png"), sentinel);
        Files.createSymbolicLink(root.resolve("avatars/42"), outsideDirectory);
        Cleaner cleaner = cleaner("avatars/{id}.png", "avatars/{id}");

        assertThat(cleaner.clean(dryRun("42"))).as("links are not regular files").isZero();
        assertThat(cleaner.clean(hard("42"))).isZero();

        assertThat(root.resolve("avatars/42.png")).doesNotExist();
        assertThat(Files.exists(root.resolve("avatars/42"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(sentinel).hasContent("data");
        assertThat(outsideFile).hasContent("data");
    }

    @Test
    void aLinkedDirectoryOnTheWayRefusesTheWholeCall() throws Exception {
        Path elsewhere = Files.createDirectories(outside.resolve("elsewhere"));
        Path theirs = write(elsewhere.resolve("42/data.txt"));
        write(root.resolve("real/42/data.txt"));
        Files.createSymbolicLink(root.resolve("linked"), elsewhere);
        Cleaner literal = cleaner("real/{id}", "linked/{id}");
        Cleaner wildcard = cleaner("*/{id}");

        assertThatThrownBy(() -> literal.clean(hard("42"))).isInstanceOf(FilesystemRefusal.class)
                .hasMessage("lethe.resources.files.paths[1]: a symbolic link where a directory is needed on the way"
                        + " to a match (links are never followed); nothing was removed");
        assertThatThrownBy(() -> wildcard.clean(hard("42"))).isInstanceOf(FilesystemRefusal.class);

        assertThat(theirs).hasContent("data");
        assertThat(root.resolve("real/42/data.txt")).as("nothing removed, not even the matches before").exists();
    }

    @Test
    void aDryRunCountsWhatARunWouldRemoveAndChangesNothing() throws Exception {
        write(root.resolve("users/42/a.txt"));
        write(root.resolve("users/42/sub/b.txt"));
        write(root.resolve("avatars/42.png"));
        Cleaner cleaner = cleaner("users/{id}", "users/{id}/sub", "avatars/{id}.png");

        assertThat(cleaner.clean(dryRun("42"))).as("a match inside another is counted once").isEqualTo(3);
        assertThat(root.resolve("users/42/sub/b.txt")).exists();
        assertThat(root.resolve("avatars/42.png")).exists();
        assertThat(cleaner.clean(hard("42"))).isEqualTo(3);
        assertThat(cleaner.clean(dryRun("42"))).isZero();
    }

    @Test
    void softIsNeverSupported() throws Exception {
        write(root.resolve("users/42/a.txt"));
        Cleaner cleaner = cleaner("users/{id}");

        assertThat(cleaner.supportsSoftDelete()).isFalse();
        assertThat(cleaner.clean(new CleanCommand(new Subject("user", "42", ""), Mode.SOFT, false))).isZero();
        assertThat(root.resolve("users/42/a.txt")).exists();
    }

    @Test
    void aRootThatIsGoneIsTransientAndTheSameRootBackWorksAgain() throws Exception {
        write(root.resolve("users/42/a.txt"));
        Cleaner cleaner = cleaner("users/{id}");
        Path away = temp.resolve("root-away");

        Files.move(root, away);
        assertThatThrownBy(() -> cleaner.clean(hard("42"))).isInstanceOf(FilesystemFailure.class)
                .hasMessage("lethe.resources.files.root is missing (a volume not mounted?)")
                .satisfies(e -> assertThat(FilesystemFailures.CLASSIFIER.isTransient(e)).isTrue());

        Files.createDirectories(root);
        assertThatThrownBy(() -> cleaner.clean(hard("42"))).as("an empty directory in its place: another volume")
                .isInstanceOf(FilesystemFailure.class).hasMessageContaining("not the directory found at start")
                .satisfies(e -> assertThat(FilesystemFailures.CLASSIFIER.isTransient(e)).isTrue());
        Files.delete(root);

        Files.move(away, root);
        assertThat(cleaner.clean(hard("42"))).isEqualTo(1);
    }

    @Test
    void aRootReplacedByAFileIsPermanent() throws Exception {
        Cleaner cleaner = cleaner("users/{id}");
        Files.delete(root);
        write(root);

        assertThatThrownBy(() -> cleaner.clean(hard("42"))).isInstanceOf(FilesystemFailure.class)
                .hasMessage("lethe.resources.files.root is no longer a directory")
                .satisfies(e -> assertThat(FilesystemFailures.CLASSIFIER.isTransient(e)).isFalse());
    }

    @Test
    void aDirectoryOnTheWayThatIsAFileMatchesNothing() throws Exception {
        write(root.resolve("users"));

        assertThat(cleaner("users/{id}/x").clean(hard("42"))).isZero();
        assertThat(root.resolve("users")).exists();
    }

    @Test
    void templatesMayUseTheHashedIdAndTheTenant() throws Exception {
        String sha = "73475cb40a568e8da8a045ced110137e159f890ac4da883b6b17dc651b3a8049"; // printf 42 | sha256sum
        write(root.resolve("acme/" + sha + "/a.txt"));
        Cleaner cleaner = cleaner("{tenant}/{sha256}");

        assertThat(cleaner.clean(new CleanCommand(new Subject("user", "42", "acme"), Mode.HARD, false))).isEqualTo(1);
        assertThat(root.resolve("acme")).isEmptyDirectory();
    }

    private Cleaner cleaner(String... paths) {
        Map<String, String> properties = new HashMap<>();
        properties.put("lethe.resources.files.root", root.toString());
        for (int i = 0; i < paths.length; i++) {
            properties.put("lethe.resources.files.paths[" + i + "]", paths[i]);
        }
        return new FilesystemCleanerFactory().create(new Resource("files", aResource().ofType("filesystem").build()),
                settingsFrom(properties));
    }

    private static CleanCommand hard(String id) {
        return new CleanCommand(new Subject("user", id, ""), Mode.HARD, false);
    }

    private static CleanCommand dryRun(String id) {
        return new CleanCommand(new Subject("user", id, ""), Mode.HARD, true);
    }

    static Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "data");
    }
}
