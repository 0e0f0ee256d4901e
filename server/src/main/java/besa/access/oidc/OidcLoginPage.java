package besa.access.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Tells the login page that single sign-on is on ({@code oidcProvider}) and, after a refusal, which
 * message to show ({@code oidcError}, a message key). Only known reasons are shown.
 */
final class OidcLoginPage implements WebMvcConfigurer, HandlerInterceptor {
    static final Set<String> REASONS =
            Set.of("unknown-account", "account-disabled", "second-factor-missing", "subject-mismatch", "failed");
    private final String providerName;

    OidcLoginPage(String providerName) {
        this.providerName = providerName;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/login");
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView view) {
        if (view == null) return;
        view.addObject("oidcProvider", providerName);
        String reason = request.getParameter("oidc-error");
        if (reason != null) view.addObject("oidcError", "oidc.error." + (REASONS.contains(reason) ? reason : "failed"));
    }
}
