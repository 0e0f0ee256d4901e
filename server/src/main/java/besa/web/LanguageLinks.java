package besa.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The language switch links: the current page and query with only {@code lang} changed, so
 * switching language on a search keeps the search. The layout reads them as {@code langHref.sq}
 * and {@code langHref.en}.
 */
@ControllerAdvice
class LanguageLinks {
    @ModelAttribute("langHref")
    Map<String, String> langHref(HttpServletRequest request) {
        return Map.of("sq", href(request, "sq"), "en", href(request, "en"));
    }

    static String href(HttpServletRequest request, String lang) {
        String fallback = "?lang=" + lang;
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
