package org.effnas.notation;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises Jackson's refusal of a key given twice in one mapping (every YAML and JSON reader of
 * effnas enables {@code STRICT_DUPLICATE_DETECTION}), so that the message can say so plainly.
 */
public final class DuplicateKeys {

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^'\\n]*)'");

    private DuplicateKeys() {
    }

    /** The duplicated key when {@code ex} reports one, else null. */
    public static String key(JsonProcessingException ex) {
        String m = ex.getOriginalMessage();
        if (m == null) {
            return null;
        }
        Matcher d = DUPLICATE.matcher(m);
        if (!d.find()) {
            return null;
        }
        String key = d.group(1);
        int nl = key.indexOf('\n');
        return nl < 0 ? key : key.substring(0, nl);
    }
}
