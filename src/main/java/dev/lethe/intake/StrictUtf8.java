package dev.lethe.intake;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a record value as strict UTF-8, the only encoding the contract allows, before Jackson sees it: Jackson
 * detects UTF-16 and UTF-32 by itself and would accept them. Jackson then reads the decoded text, so it cannot guess
 * an encoding.
 *
 * <p>Rejected: invalid byte sequences, overlong forms, encoded surrogates and code points above U+10FFFF (the JDK's
 * decoder reports all of them); any zero byte, which valid JSON never holds raw (U+0000 must be escaped) but every
 * UTF-16 or UTF-32 text of ASCII characters does; and a UTF-8 byte order mark. RFC 8259 forbids senders to add the
 * mark and lets readers ignore it; rejecting it keeps one spelling of every request, and a sender that adds one
 * learns it from the dead-letter detail instead of from a subtle difference later.
 */
final class StrictUtf8 {

    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** What a record value decodes to. */
    sealed interface Decoded {
    }

    /** Valid UTF-8. */
    record Text(String value) implements Decoded {
    }

    /** Not UTF-8 the contract accepts; {@code detail} says why and where, never what. */
    record NotUtf8(String detail) implements Decoded {
    }

    private StrictUtf8() {
    }

    static Decoded decode(byte[] value) {
        if (startsWithByteOrderMark(value)) {
            return new NotUtf8("starts with a UTF-8 byte order mark (send UTF-8 without one)");
        }
        for (int i = 0; i < value.length; i++) {
            if (value[i] == 0) {
                return new NotUtf8("not UTF-8 JSON: zero byte at offset " + i + " (UTF-16 or UTF-32?)");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(value);
        // UTF-8 never yields more UTF-16 chars than it has bytes, so the output cannot overflow.
        CharBuffer out = CharBuffer.allocate(value.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError() && !result.isOverflow()) {
            result = decoder.flush(out);
        }
        if (result.isError() || result.isOverflow()) {
            return new NotUtf8("not valid UTF-8 at byte offset " + in.position());
        }
        return new Text(out.flip().toString());
    }

    private static boolean startsWithByteOrderMark(byte[] value) {
        if (value.length < BYTE_ORDER_MARK.length) {
            return false;
        }
        for (int i = 0; i < BYTE_ORDER_MARK.length; i++) {
            if (value[i] != BYTE_ORDER_MARK[i]) {
                return false;
            }
        }
        return true;
    }
}
