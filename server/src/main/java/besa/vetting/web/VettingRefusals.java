package besa.vetting.web;

import besa.vetting.VettingRefused;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer to a vetting officer barred from vetting work ({@link VettingRefused}), on every vetting
 * page and API: 403 with a clear message (suspended: "contact the head of the unit", the same text
 * whatever the reason; no officer id: which field an administrator must set). Ordered first so the
 * other advices of this package, which hand every AccessDeniedException to Spring Security's bare
 * 403, do not swallow it.
 */
@ControllerAdvice(basePackages = "besa.vetting.web")
@Order(Ordered.HIGHEST_PRECEDENCE)
class VettingRefusals {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final MessageSource messages;

    VettingRefusals(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(VettingRefused.class)
    ModelAndView refused(VettingRefused e, HttpServletRequest request, HttpServletResponse response, Locale locale) throws IOException {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            // API clients choose with Accept-Language; without it the API speaks English, as its other errors do.
            Locale apiLocale = request.getHeader("Accept-Language") == null ? Locale.ENGLISH : request.getLocale();
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(JSON.writeValueAsString(Map.of(
                    "type", "urn:besa:problem:vetting-access-" + (e.bar() == besa.access.ReadScope.VettingBar.SUSPENDED ? "suspended" : "no-officer-id"),
                    "title", "Vetting access refused",
                    "status", 403,
                    "detail", messages.getMessage(e.messageKey(), null, apiLocale))));
            return null; // the response is written
        }
        ModelAndView page = new ModelAndView("error/403");
        page.setStatus(HttpStatus.FORBIDDEN);
        page.addObject("refusal", messages.getMessage(e.messageKey(), null, locale));
        return page;
    }
}
