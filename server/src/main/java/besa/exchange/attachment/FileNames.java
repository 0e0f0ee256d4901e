package besa.exchange.attachment;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Cleans what a client or partner says a file is called and what it holds, before it is stored or shown. */
public final class FileNames {
    public static final int MAX_NAME = 200;
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");

    private FileNames() {}

    /**
     * The last path segment, NFC, without control characters or characters that mean something to a
     * file system or shell ({@code / \ : * ? " < > |}), no leading dots (hidden files, "..") or
     * trailing dots and spaces, at most {@link #MAX_NAME} characters keeping the extension;
     * "attachment" when nothing is left.
     */
    public static String sanitise(String raw) {
        if (raw == null) return "attachment";
        String s = Normalizer.normalize(raw, Normalizer.Form.NFC);
        int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        s = s.substring(slash + 1);
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || "/\\:*?\"<>|".indexOf(c) >= 0) b.append('_');
            else b.appendCodePoint(c);
        });
        s = b.toString().strip().replaceAll("^[.\\s]+", "").replaceAll("[.\\s]+$", "");
        if (s.length() > MAX_NAME) {
            int dot = s.lastIndexOf('.');
            String ext = dot > 0 && s.length() - dot <= 16 ? s.substring(dot) : "";
            s = s.substring(0, MAX_NAME - ext.length()) + ext;
        }
        return s.isEmpty() ? "attachment" : s;
    }

    /** {@code type/subtype} in lower case without parameters, or application/octet-stream when it is not one. */
    public static String mediaType(String raw) {
        if (raw == null) return "application/octet-stream";
        int semi = raw.indexOf(';');
        String t = (semi >= 0 ? raw.substring(0, semi) : raw).strip().toLowerCase(Locale.ROOT);
        return MEDIA_TYPE.matcher(t).matches() ? t : "application/octet-stream";
    }
}
