package dev.lethe.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

class LegalHoldPropertiesTests {

    @Test
    void holdsNobodyWithoutAQuery() {
        assertThat(new LegalHoldProperties(null, null).isConfigured()).isFalse();
        assertThat(new LegalHoldProperties("app", "select 1 from holds where id = ?").isConfigured()).isTrue();
    }

    @Test
    void refusesADatasourceWithoutAQueryNamingTheSetting() {
        assertThatThrownBy(() -> new LegalHoldProperties("app", " ")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.legal-hold.query must be set where lethe.legal-hold.datasource is");
    }
}
