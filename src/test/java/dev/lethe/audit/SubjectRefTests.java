package dev.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.core.DeletionRequest.Subject;
import org.junit.jupiter.api.Test;

class SubjectRefTests {

    private final SubjectRef subjectRef = new SubjectRef("k3y");

    // Expected values computed independently: printf 'acme\nuser\n42' | openssl dgst -sha256 -hmac 'k3y'
    @Test
    void isTheHmacOfTenantTypeAndId() {
        assertThat(subjectRef.of(new Subject("user", "42", "acme")))
                .isEqualTo("3e5a0f45f3c61205ed8fd729ea4145bb81b70d8444f46c470aa5c5e7e5adc80a");
    }

    @Test
    void usesTheEmptyStringForAnAbsentTenant() {
        assertThat(subjectRef.of(new Subject("user", "42", "")))
                .isEqualTo("62ba816b374f9cfb9a22ebff5ce0bd9a18275024ae990806015b4209c8cd7e84");
    }

    @Test
    void dependsOnTheKey() {
        assertThat(new SubjectRef("other").of(new Subject("user", "42", "")))
                .isNotEqualTo(subjectRef.of(new Subject("user", "42", "")));
    }
}
