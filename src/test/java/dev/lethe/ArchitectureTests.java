package dev.lethe;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each top-level package is a module: no dependency cycle between them, and no module uses another's internals (its
 * sub-packages, such as a resource type's package under {@code cleaners}). {@code core} is the shared vocabulary.
 */
class ArchitectureTests {

    private final ApplicationModules modules = ApplicationModules.of(LetheApplication.class);

    @Test
    void modulesHaveNoCyclesAndNoneReachesIntoAnothersInternals() {
        modules.verify();
    }
}
