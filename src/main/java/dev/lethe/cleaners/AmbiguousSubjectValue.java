package dev.lethe.cleaners;

import dev.lethe.core.SafeErrors;

/**
 * A subject value holds the separator that follows its placeholder in a pattern or prefix template, so erasing it
 * could reach another subject's items. Permanent: the operator keys the store by {@code {sha256}} or chooses a
 * separator the ids never contain. The message names the template and placeholder, never the value.
 */
public final class AmbiguousSubjectValue extends RuntimeException
        implements SafeErrors.SafeMessage, FailureClassifier.TransientFailure {

    AmbiguousSubjectValue(String template, String placeholder, char separator) {
        super("{" + placeholder + "} holds '" + separator + "', the separator that follows it in " + template
                + ": refused, it could reach another subject's items", null, false, false);
    }

    @Override
    public String safeMessage() {
        return getMessage();
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
