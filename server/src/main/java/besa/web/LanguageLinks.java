package besa.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The language switch links: the current page and query with only {@code lang} changed, so
 * switching language on a search keeps the search. Used by the layout as {@code @langLinks}.
 */
@Component("langLinks")
public class LanguageLinks {
    public String href(String lang) {
        String fallback = "?lang=" + lang;
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs)) return fallback;
        HttpServletRequest request = attrs.getRequest();
        Object errorUri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = errorUri instanceof String s ? s : request.getRequestURI();
        // On an error page the query of the failed request is not at hand; the path alone is enough.
        String query = errorUri == null ? request.getQueryString() : null;
        try {
            return UriComponentsBuilder.fromPath(path).query(query).replaceQueryParam("lang", lang)
                    .build(true).toUriString();
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
