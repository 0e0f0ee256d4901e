package besa.exchange.messages;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The composer page's answer to a submission over the servlet container's multipart cap
 * ({@code spring.servlet.multipart.max-request-size}): instead of the container's failure (the
 * form's fields, CSRF token included, are then unreadable, so the officer got a generic error page),
 * the body is read to its end and thrown away (so the browser sees the answer rather than a reset
 * connection; up to twice the cap, since this runs before sign-in) and the officer is sent back to the composer with a message saying what happened, why
 * and the limits, his earlier uploads still attached (their ids ride in the form's address,
 * {@code kept}, since the body cannot be read). Nothing of the submission is stored and nothing is
 * changed, so this runs before the security filters without harm; the composer page itself needs
 * the role as before.
 */
final class UploadCap extends OncePerRequestFilter {
    static final String PATH = "/exchange/compose";

    private final long maxRequestBytes;

    UploadCap(long maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return !"POST".equals(request.getMethod()) || !(request.getContextPath() + PATH).equals(request.getRequestURI())
                || type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")
                || request.getContentLengthLong() <= maxRequestBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length <= 2 * maxRequestBytes) {
            try (InputStream body = request.getInputStream()) {
                body.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                return; // the browser gave up: no one to answer
            }
        } else {
            // Anyone may post here before signing in: reading more than twice the cap for nothing is not offered. The answer is
            // sent and the connection closed, which a browser may show as a cut connection instead.
            response.setHeader("Connection", "close");
        }
        String back = UriComponentsBuilder.fromPath(request.getContextPath() + PATH).queryParam("tooLarge", length)
                .queryParam("attachments", String.join(",", kept(fromQuery(request.getQueryString(), "kept")))).build().toUriString();
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", back);
    }

    /** A parameter of the address only: request.getParameter would try to parse the oversized body. */
    static String fromQuery(String query, String name) {
        if (query == null) return null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
        }
        return null;
    }

    /** The ids the form carried in its address: only well-formed ones (the composer checks they are the officer's free uploads). */
    static List<String> kept(String s) {
        List<String> ids = new ArrayList<>();
        if (s == null) return ids;
        for (String part : s.split(",")) {
            try {
                ids.add(UUID.fromString(part.strip()).toString());
            } catch (IllegalArgumentException e) {
                // not an id: dropped
            }
            if (ids.size() >= 100) break;
        }
        return ids;
    }
}
