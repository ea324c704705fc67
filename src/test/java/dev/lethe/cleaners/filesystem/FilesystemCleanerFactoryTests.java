package dev.lethe.cleaners.filesystem;

import static dev.lethe.testsupport.ResourceFixtures.aResource;
import static dev.lethe.testsupport.ResourceFixtures.settingsFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.plan.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings are bound and checked at start, each problem stopping start-up with one message naming its setting. */
class FilesystemCleanerFactoryTests {

    private final FilesystemCleanerFactory factory = new FilesystemCleanerFactory();
    private final Resource files = new Resource("files", aResource().ofType("filesystem").build());

    @TempDir
    Path temp;

    @Test
    void bindsRootAndPaths() {
        var cleaner = factory.create(files, settingsFrom(Map.of("lethe.resources.files.root", temp.toString(),
                "lethe.resources.files.paths[0]", "users/{id}", "lethe.resources.files.paths[1]", "exports/{id}-*.zip")));

        assertThat(cleaner.supportsSoftDelete()).isFalse();
        assertThat(factory.type()).isEqualTo("filesystem");
    }

    @Test
    void rootAndPathsAreRequired() {
        assertThatThrownBy(() -> factory.create(files, settingsFrom(Map.of("lethe.resources.files.paths[0]", "{id}"))))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageStartingWith("lethe.resources.files.root ");
        assertThatThrownBy(() -> factory.create(files, settingsFrom(Map.of("lethe.resources.files.root", temp.toString()))))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageStartingWith("lethe.resources.files.paths ");
    }

    @Test
    void theRootMustBeAnExistingDirectory() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "x");

        assertThatThrownBy(() -> create(temp.resolve("missing").toString(), "{id}"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.resources.files.root '" + temp.resolve("missing") + "' must be an existing directory");
        assertThatThrownBy(() -> create(file.toString(), "{id}")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("lethe.resources.files.root '" + file + "' is not a directory");
    }

    @Test
    void aLinkedRootIsResolvedToItsRealPathOnceAtStart() throws Exception {
        Path real = Files.createDirectories(temp.resolve("real"));
        Files.writeString(Files.createDirectories(real.resolve("users/42")).resolve("a.txt"), "x");
        Path link = Files.createSymbolicLink(temp.resolve("link"), real);
        var cleaner = create(link.toString(), "users/{id}");

        assertThat(cleaner.clean(new CleanCommand(new Subject("user", "42", ""), Mode.HARD, false))).isEqualTo(1);
        assertThat(real.resolve("users/42")).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/var/data/{id}      | is an absolute path (paths are relative to root)",
            "~/{id}              | starts with '~' (paths are relative to root, never a home directory)",
            "../{id}             | has a '.' or '..' segment",
            "users/../../{id}    | has a '.' or '..' segment",
            "./{id}              | has a '.' or '..' segment",
            "users//{id}         | has an empty segment (nothing between two '/')",
            "users/[ab]/{id}     | has '[': character classes are not supported (write \\[ for the character itself)",
            "users/a\\{id}       | has a '\\' right before a placeholder: it would escape part of the substituted value",
            "shared/*            | must name the subject with {id} or {sha256}: without it every subject's request would remove the same files",
            "{tenant}/{type}     | must name the subject with {id} or {sha256}: without it every subject's request would remove the same files",
            "users/{id}*         | has a wildcard right next to a placeholder: for id 1, {id}* would also match the files of 12 and 123",
            "users/?{id}         | has a wildcard right next to a placeholder: for id 1, {id}* would also match the files of 12 and 123",
            "users/{name}        | : unknown placeholder {name} (placeholders: {id}, {tenant}, {type}, {sha256})",
    })
    void aTemplateThatCouldLeaveTheRootStopsStartUp(String template, String problem) {
        assertThatThrownBy(() -> create(temp.toString(), "users/{id}", template))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("lethe.resources.files.paths[1]" + (problem.startsWith(":") ? "" : " ") + problem);
    }

    @Test
    void aTrailingSlashIsAllowed() {
        assertThatCode(() -> create(temp.toString(), "users/{id}/")).doesNotThrowAnyException();
    }

    private dev.lethe.cleaners.Cleaner create(String root, String... paths) {
        var properties = new java.util.HashMap<String, String>();
        properties.put("lethe.resources.files.root", root);
        for (int i = 0; i < paths.length; i++) {
            properties.put("lethe.resources.files.paths[" + i + "]", paths[i]);
        }
        return factory.create(files, settingsFrom(properties));
    }
}
