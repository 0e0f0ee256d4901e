package besa.exchange.messages;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The overdue count on every exchange page (the sub-menu shows it as a banner): only pages under {@code /exchange},
 * which only liaison officers reach, and not the REST API.
 */
@ControllerAdvice(basePackages = "besa.exchange")
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class OverdueBanner {
    private final OverdueAlerts alerts;

    OverdueBanner(OverdueAlerts alerts) {
        this.alerts = alerts;
    }

    @ModelAttribute("exchangeOverdue")
    OverdueAlerts.Count overdue(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!"GET".equals(request.getMethod()) || !(path.equals("/exchange") || path.startsWith("/exchange/"))) return null;
        return alerts.count();
    }
}
