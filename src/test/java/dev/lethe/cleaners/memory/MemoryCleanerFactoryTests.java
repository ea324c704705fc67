package dev.lethe.cleaners.memory;

import static dev.lethe.testsupport.ResourceFixtures.aResource;
import static dev.lethe.testsupport.ResourceFixtures.settingsFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.plan.Resource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The type's own settings are bound and checked by the type, with errors naming the setting. */
class MemoryCleanerFactoryTests {

    private final MemoryCleanerFactory factory = new MemoryCleanerFactory(new MemoryStore());
    private final Resource notes = new Resource("notes", aResource().ofType("memory").build());

    @Test
    void bindsItsOwnSettings() {
        var cleaner = factory.create(notes, settingsFrom(Map.of("lethe.resources.notes.collection", "notes",
                "lethe.resources.notes.soft-delete-supported", "true")));

        assertThat(cleaner.supportsSoftDelete()).isTrue();
    }

    @Test
    void aMissingSettingStopsStartUpNamingIt() {
        assertThatThrownBy(() -> factory.create(notes, settingsFrom(Map.of())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.resources.notes.collection ");
    }

    @Test
    void aSettingThatCannotBeConvertedStopsStartUpNamingIt() {
        assertThatThrownBy(() -> factory.create(notes, settingsFrom(Map.of("lethe.resources.notes.collection", "notes",
                "lethe.resources.notes.soft-delete-supported", "perhaps"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.resources.notes.soft-delete-supported");
    }

    @Test
    void itsClassifierSaysAStoreThatIsDownIsTransient() {
        assertThat(factory.failureClassifier().isTransient(new MemoryStore.MemoryStoreDown())).isTrue();
        assertThat(factory.failureClassifier().isTransient(new IllegalArgumentException())).isFalse();
    }
}
