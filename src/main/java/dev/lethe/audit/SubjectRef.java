package dev.lethe.audit;

import dev.lethe.core.DeletionRequest.Subject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pseudonym the compliance team uses to find a subject's events: lowercase hex HMAC-SHA256 of
 * {@code tenant + "\n" + type + "\n" + id}, keyed with {@code lethe.audit.subject-key}.
 */
public final class SubjectRef {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public SubjectRef(String subjectKey) {
        this.key = new SecretKeySpec(subjectKey.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String of(Subject subject) {
        String message = subject.tenant() + "\n" + subject.type() + "\n" + subject.id();
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
